import { loadConfig } from '../config/load-config';
import type { OrgConfig } from '../config/model';
import { lockPathFor, readLock } from './lock-file';
import { planOrg, type OrgPlan } from './trust-shards';

/** The config path when neither ORG_CONFIG nor --config says otherwise. */
export const DEFAULT_CONFIG = 'org.yaml';

export interface LoadedOrg {
  readonly configPath: string;
  readonly config: OrgConfig;
  readonly lockPath: string;
  /** The trust stacks synth would produce with the lock next to the config. */
  readonly plan: OrgPlan;
}

/** Validates the config (ConfigError on bad input) and plans trust stacks as synth does. */
export function loadOrg(configPath: string): LoadedOrg {
  const config = loadConfig(configPath);
  const lockPath = lockPathFor(configPath);
  const plan = planOrg(config, readLock(lockPath));
  return { configPath, config, lockPath, plan };
}
