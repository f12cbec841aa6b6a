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
