import { existsSync, readdirSync } from 'node:fs';
import type { ConfigIssue } from '../errors/user-errors';
import type { BackendConfig, OrgConfig } from '../config/model';
import type { ShardLock } from './lock-format';
import { stackOfStateFile } from './state-location';

/** Set to start a new lock where Terraform state may already exist. */
export const LOCK_INIT_VARIABLE = 'ORG_LOCK_INIT';

/** The directories among `dirs` that hold local state files. */
export function dirsWithState(dirs: readonly string[]): string[] {
  return dirs.filter((dir) => existsSync(dir) && readdirSync(dir).some((f) => stackOfStateFile(f) !== undefined));
}

/**
 * Why Terraform state of this organization may exist already, or undefined. Local state files
 * sit in `stateDirs` (lock/state-location.ts); remote state cannot be seen from here, so a
 * remote backend counts as "may exist".
 */
export function stateEvidence(backend: BackendConfig, stateDirs: readonly string[]): string | undefined {
  if (backend.type !== 'local') return `the ${backend.type} backend may hold state`;
  const found = dirsWithState(stateDirs);
  return found.length ? `terraform.*.tfstate files are in ${found.join(', ')}` : undefined;
}

/**
 * A lock that says nothing about where accounts are: none at all, or one written before
 * version 3 (unsealed, so a hand edit cannot be told apart) whose accounts map is empty while
 * the config has member accounts.
 */
function lockIsBlank(lockPath: string, previous: ShardLock, config: OrgConfig): string | undefined {
  if (!existsSync(lockPath)) return 'is missing';
  const unsealed = previous.managementAccountId === undefined;
  if (unsealed && Object.keys(previous.accounts).length === 0 && config.accounts.length > 0) return 'places no account (its accounts map is empty)';
  return undefined;
}

/**
 * Issues for starting a new lock silently over existing state: a lock made afresh places every
 * account anew, so roles whose state lives in one trust stack would be imported into
 * another. The first synth of a new organization with a remote backend says so explicitly.
 */
export function lockPresenceIssues(
  lockPath: string,
  previous: ShardLock,
  config: OrgConfig,
  stateDirs: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): ConfigIssue[] {
  const blank = lockIsBlank(lockPath, previous, config);
  if (!blank || env[LOCK_INIT_VARIABLE] === '1') return [];
  const where = stateEvidence(config.backend, stateDirs);
  if (!where) return [];
  return [
    {
      path: [],
      message:
        `${blank}, and ${where}. A new lock would place accounts in trust stacks afresh, away from their state. ` +
        `Restore ${lockPath} from version control; if this really is the first synth of this organization, run it once with ${LOCK_INIT_VARIABLE}=1.`,
    },
  ];
}

/** Issues for the lock of another organization: its stacks say nothing about this one's state. */
export function lockOrganizationIssues(previous: ShardLock, config: OrgConfig): ConfigIssue[] {
  const locked = previous.managementAccountId;
  const configured = config.organization.managementAccountId;
  if (locked === undefined || locked === configured) return [];
  return [
    {
      path: ['managementAccountId'],
      message:
        `belongs to the organization of management account ${locked}, but the config names ${configured} (organization.managementAccountId). ` +
        `Use this organization's own lock (restore it from version control), or fix organization.managementAccountId.`,
    },
  ];
}
