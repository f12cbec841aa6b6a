import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDENTITY_STACK, MANAGEMENT_STACK } from '../stacks/stack-names';
import { CliError } from '../errors/user-errors';

/** Synthesized Terraform JSON of one stack. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StackJson = Record<string, any>;

/** Reads OUT/stacks/NAME/cdk.tf.json of every stack; CliError when nothing was synthesized. */
export function readSynthOut(outDir: string): Record<string, StackJson> {
  const stacksDir = join(outDir, 'stacks');
  const hint = `run \`npm run synth\` first, or pass --out with the directory cdktf synthesized into`;
  if (!existsSync(stacksDir)) throw new CliError(`--out ${outDir}: no synthesized stacks (${stacksDir} does not exist); ${hint}`);
  const stacks: Record<string, StackJson> = {};
  for (const name of readdirSync(stacksDir).sort()) {
    const file = join(stacksDir, name, 'cdk.tf.json');
    if (!existsSync(file)) continue;
    try {
      stacks[name] = JSON.parse(readFileSync(file, 'utf8')) as StackJson;
    } catch (e) {
      throw new CliError(`--out ${outDir}: ${file} is not valid JSON (${(e as Error).message}); ${hint}`);
    }
  }
  for (const required of [MANAGEMENT_STACK, IDENTITY_STACK]) {
    if (!stacks[required]) throw new CliError(`--out ${outDir}: stack "${required}" is missing from ${stacksDir}; ${hint}`);
  }
  return stacks;
}
