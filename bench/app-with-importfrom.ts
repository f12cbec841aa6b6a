/**
 * Benchmark only: main.ts as it would be with cdktf's own import support. Every
 * ImportBlock is replaced by `resource.importFrom(id, provider)`, which writes the same
 * import block but also adds a ValidateTerraformVersion to the resource, so that
 * app.synth() runs `terraform version` once per imported resource. Writes no lock.
 */
import type { IConstruct } from 'constructs';
import { App } from '../constructs/cdktf';
import { ImportBlock, type ImportBlockProps } from '../constructs/import-block';
import { loadConfig } from '../config/load-config';
import { lockPathFor, readLock } from '../lock/lock-file';
import { planOrg } from '../lock/org-plan';
import { addOrgStacks } from '../stacks/org-app';

const configPath = process.env.ORG_CONFIG ?? 'org.yaml';
const config = loadConfig(configPath);
const app = new App();
addOrgStacks(app, config, planOrg(config, readLock(lockPathFor(configPath))));

const blocks = app.node.findAll().filter((c: IConstruct): c is ImportBlock => c instanceof ImportBlock);
for (const block of blocks) {
  const { to, id, provider } = (block as unknown as { props: ImportBlockProps }).props;
  to.importFrom(id, provider);
  block.node.scope!.node.tryRemoveChild(block.node.id);
}
process.stderr.write(`importFrom on ${blocks.length} resources\n`);
app.synth();
