import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../config/load-config';
import type { OrgConfig } from '../../config/model';
import { App, Testing } from '../../constructs/cdktf';
import type { ShardLock } from '../../lock/lock-format';
import { planOrg } from '../../lock/org-plan';
import { addOrgStacks, type OrgStacks } from '../../stacks/org-app';

/** Synthesized Terraform JSON of one stack. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StackJson = Record<string, any>;

export interface SynthResult {
  readonly config: OrgConfig;
  readonly stacks: OrgStacks;
  /** Stack name to its JSON text, as cdktf writes it. */
  readonly text: Record<string, string>;
  /** Stack name to its parsed JSON. */
  readonly json: Record<string, StackJson>;
}

/** Validates YAML and synthesizes every stack in memory, as `cdktf synth` would. */
export function synthYaml(yaml: string, lock?: ShardLock): SynthResult {
  return synthConfig(parseConfig(yaml), lock);
}

export function synthConfig(config: OrgConfig, lock?: ShardLock): SynthResult {
  const app = Testing.app() as App;
  const stacks = addOrgStacks(app, config, planOrg(config, lock));
  const all = [stacks.management, stacks.identity, ...stacks.trust.values()];
  const text = Object.fromEntries(all.map((s) => [s.node.id, Testing.synth(s)]));
  const json = Object.fromEntries(Object.entries(text).map(([k, v]) => [k, JSON.parse(v) as StackJson]));
  return { config, stacks, text, json };
}

/** Every stack's cdk.tf.json text after app.synth() of `yaml` in a temporary directory, by stack name. */
export function synthFilesOnDisk(yaml: string): { config: OrgConfig; files: Record<string, string> } {
  const config = parseConfig(yaml);
  const outdir = mkdtempSync(join(tmpdir(), 'org-trust-synth-'));
  try {
    const app = new App({ outdir, skipValidation: true });
    addOrgStacks(app, config, planOrg(config));
    app.synth();
    const stacksDir = join(outdir, 'stacks');
    return { config, files: Object.fromEntries(readdirSync(stacksDir).map((name) => [name, readFileSync(join(stacksDir, name, 'cdk.tf.json'), 'utf8')])) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * Synthesizes as the app does (app.synth(), cdktf's own JSON, with its "//" metadata) and
 * parses every stack. For large orgs: Testing.synth re-sorts every object by copying it once
 * per key, quadratic in the 10,000 accounts of one stack.
 */
export function synthOnDisk(yaml: string): Pick<SynthResult, 'config' | 'json'> {
  const { config, files } = synthFilesOnDisk(yaml);
  return { config, json: Object.fromEntries(Object.entries(files).map(([name, text]) => [name, JSON.parse(text) as StackJson])) };
}
