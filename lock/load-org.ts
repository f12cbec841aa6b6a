import { ConfigError, formatPath, type ConfigIssue } from '../config/config-error';
import { loadConfig } from '../config/load-config';
import { policyLimitIssues } from '../config/policy-limit-rules';
import type { OrgConfig } from '../config/model';
import { checkLockChange } from './lock-check';
import { lockFileWouldChange, lockPathFor, lockWriteTarget, readLock } from './lock-file';
import { checkLockOrganization, checkLockPresent } from './missing-lock';
import { DEFAULT_OUTDIR, localStateDirs } from './state-location';
import { checkPlacementAgainstState } from './state-placement';
import { planOrg, type OrgPlan, type ShardLock } from './trust-shards';

/** The config path when neither ORG_CONFIG nor --config says otherwise. */
export const DEFAULT_CONFIG = 'org.yaml';

export interface LoadedOrg {
  readonly configPath: string;
  readonly config: OrgConfig;
  readonly lockPath: string;
  /** The lock as committed (empty when there is none). */
  readonly previousLock: ShardLock;
  /** The trust stacks synth would produce with the lock next to the config. */
  readonly plan: OrgPlan;
}

/** Validates the config (ConfigError on bad input) and plans trust stacks as synth does. */
export function loadOrg(configPath: string): LoadedOrg {
  const config = loadConfig(configPath);
  const lockPath = lockPathFor(configPath);
  const previousLock = readLock(lockPath);
  const plan = planOrg(config, previousLock);
  return { configPath, config, lockPath, previousLock, plan };
}

export interface LockCheckOptions {
  /** CI: the lock must not change. */
  readonly frozen: boolean;
  /** The output directory synth writes to (older versions kept local state beside it). */
  readonly outdir?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Every check of the lock, shared by synth and `validate` so that they agree: a missing or
 * blank lock over existing state, a lock of another organization, a placement that local
 * state contradicts, a lock change that would lose an account or an OU, a change in frozen
 * mode, and a lock that synth could not write.
 * Returns whether synth will write the lock.
 */
export function checkOrgLock(org: LoadedOrg, options: LockCheckOptions): boolean {
  const { configPath, config, lockPath, previousLock, plan } = org;
  const env = options.env ?? process.env;
  const stateDirs = localStateDirs(configPath, options.outdir ?? DEFAULT_OUTDIR);
  checkLockPresent(lockPath, previousLock, config, stateDirs, env);
  checkLockOrganization(lockPath, previousLock, config);
  checkPlacementAgainstState(plan, lockPath, config.backend, stateDirs);
  const fileWouldChange = lockFileWouldChange(lockPath, plan.lock);
  checkLockChange(plan, lockPath, { frozen: options.frozen, fileWouldChange });
  const forgotten = forgottenExclusionIssues(plan, config);
  if (forgotten.length) throw new ConfigError(lockPath, forgotten);
  if (fileWouldChange) lockWriteTarget(lockPath);
  return fileWouldChange;
}

/**
 * Groups on "*" and by OU leave out the lock's forgotten accounts too (their roles still trust
 * the identity account): the policy limits with those included, as the identity stack builds them.
 */
export function forgottenExclusionIssues(plan: OrgPlan, config: OrgConfig): ConfigIssue[] {
  const forgotten = (plan.lock.history?.forgottenAccounts ?? []).filter((f) => f.accountId).length;
  if (!forgotten) return [];
  return policyLimitIssues(config, forgotten).map((issue) => ({
    path: ['history', 'forgottenAccounts'],
    message: `${formatPath(issue.path)}: ${issue.message} (counting the ${forgotten} forgotten accounts this lock records, which groups on "*" and by OU leave out)`,
  }));
}

/** CI=true or ORG_LOCK_FROZEN=1: the committed lock must already be what synth would write. */
export const lockFrozen = (env: NodeJS.ProcessEnv = process.env) => env.CI === 'true' || env.ORG_LOCK_FROZEN === '1';
