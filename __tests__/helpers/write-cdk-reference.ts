/**
 * Writes the parity reference: DIR/cdk.json (which CDK wrote it) and DIR/<config>/<stack>.json
 * for every parity config. Run from the cdktf checkout by scripts/test-cdktn.sh:
 *   node --import tsx __tests__/helpers/write-cdk-reference.ts DIR
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cdkPackage, parityConfigs } from './cdk-parity';
import { synthFilesOnDisk } from './synth';

const dir = process.argv[2];
if (!dir) throw new Error('usage: write-cdk-reference.ts DIR');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'cdk.json'), `${JSON.stringify({ cdk: cdkPackage() })}\n`);
for (const [name, yaml] of Object.entries(parityConfigs())) {
  mkdirSync(join(dir, name), { recursive: true });
  for (const [stack, text] of Object.entries(synthFilesOnDisk(yaml).files)) writeFileSync(join(dir, name, `${stack}.json`), text);
}
process.stdout.write(`cdk parity reference (${cdkPackage()}): ${dir}\n`);
