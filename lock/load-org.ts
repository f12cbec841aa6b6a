import { loadConfig } from '../config/load-config';
import { policyLimitIssues } from '../config/policy-limit-rules';
import type { OrgConfig } from '../config/model';
import { formatPath, throwIfIssues, type ConfigIssue } from '../errors/user-errors';
import { accountIdIssues } from './account-id-check';
import { lockChangeIssues } from './lock-check';
import { lockFileWouldChange, lockPathFor, lockWriteIssues, readLock } from './lock-file';
import { lockOrganizationIssues, lockPresenceIssues, lockUpgradeIssues, stateEvidence } from './missing-lock';
import { DEFAULT_OUTDIR, localStateDirs } from './state-location';
import { roleContinuityIssues } from './role-continuity';
import { placementIssues } from './state-placement';
import type { ShardLock } from './lock-format';
import { planOrg, type OrgPlan } from './org-plan';

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
  /**
   * The output directory synth writes to (older versions kept local state beside it).
   * @default DEFAULT_OUTDIR (cdktf.out)
   */
  readonly outdir?: string;
  /**
   * Where ORG_LOCK_INIT and ORG_LOCK_UPGRADE are read.
   * @default process.env
   */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Every check of the lock, shared by synth and `validate` so that they agree: a missing or
 * blank lock over existing state, an older (unsealed) lock not upgraded on purpose, a lock of
 * another organization, an account id other than the locked one, a placement that local state
 * contradicts, a member role dropped from its trust stack without a moved or removed block, a
 * lock change that would lose an account or an OU, a change in frozen mode, and a lock that
 * synth could not write. Each check returns its issues, as the config rules do, and all of
 * them are reported at once (one ConfigError for the lock).
 * Returns whether synth will write the lock.
 */
export function checkOrgLock(org: LoadedOrg, options: LockCheckOptions): boolean {
  const { configPath, config, lockPath, previousLock, plan } = org;
  const env = options.env ?? process.env;
  const stateDirs = localStateDirs(configPath, options.outdir ?? DEFAULT_OUTDIR);
  // Another organization's lock: one message; its accounts and OUs are not this organization's.
  throwIfIssues(lockPath, lockOrganizationIssues(lockPath, previousLock, config, stateEvidence(config.backend, stateDirs)));
  // The config's own problem (a field with a line), so reported against the config first.
  throwIfIssues(configPath, accountIdIssues(configPath, config, previousLock, lockPath));
  const fileWouldChange = lockFileWouldChange(lockPath, plan.lock);
  throwIfIssues(lockPath, [
    ...lockPresenceIssues(lockPath, previousLock, config, stateDirs, env),
    ...lockUpgradeIssues(lockPath, previousLock, config, env),
    ...placementIssues(plan, lockPath, config.backend, stateDirs),
    ...roleContinuityIssues(previousLock, plan, lockPath),
    ...lockChangeIssues(plan, lockPath, { frozen: options.frozen, fileWouldChange }),
    ...forgottenExclusionIssues(plan, config),
    ...(fileWouldChange ? lockWriteIssues(lockPath) : []),
  ]);
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
