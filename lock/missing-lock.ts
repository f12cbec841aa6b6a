import { existsSync, readdirSync } from 'node:fs';
import type { ConfigIssue } from '../errors/user-errors';
import type { BackendConfig, OrgConfig } from '../config/model';
import type { ShardLock } from './lock-format';
import { stackOfStateFile } from './state-location';

/** Set to start a new lock where Terraform state may already exist. */
export const LOCK_INIT_VARIABLE = 'ORG_LOCK_INIT';
/** Set once to seal a lock of version 1 or 2 (no seal, no organization) after checking it. */
export const LOCK_UPGRADE_VARIABLE = 'ORG_LOCK_UPGRADE';

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

/**
 * Issues for a lock of version 1 or 2 that places accounts: it has no seal and no
 * organization, so a hand edit (an account moved to another trust stack, whose role the next
 * apply would destroy there) or another organization's lock reads exactly like what an older
 * org-trust wrote, and sealing it would make the edit permanent. It is upgraded only when the
 * user says so once; local state, where there is some, is still checked (state-placement.ts).
 * A blank one is lockPresenceIssues' case.
 */
export function lockUpgradeIssues(lockPath: string, previous: ShardLock, config: OrgConfig, env: NodeJS.ProcessEnv = process.env): ConfigIssue[] {
  const unsealed = existsSync(lockPath) && previous.managementAccountId === undefined;
  if (!unsealed || lockIsBlank(lockPath, previous, config) || env[LOCK_UPGRADE_VARIABLE] === '1') return [];
  return [
    {
      path: ['version'],
      message:
        'is 1 or 2 (written by an older org-trust): the lock has no seal and names no organization, so a hand edit or the lock of another organization cannot be told from it. ' +
        `Check it against version control (\`git log -p -- ${lockPath}\`: the older org-trust's own writes, for organization ${config.organization.managementAccountId}), ` +
        `then run synth once with ${LOCK_UPGRADE_VARIABLE}=1: it seals the lock and records the organization; commit it. Or restore the lock from version control.`,
    },
  ];
}

/**
 * Issues for the lock of another organization: its stacks say nothing about this one's state,
 * so it is the only issue reported (what it says of accounts and OUs concerns the other
 * organization). `stateEvidence` says whether state of this config may exist here.
 */
export function lockOrganizationIssues(lockPath: string, previous: ShardLock, config: OrgConfig, stateEvidence?: string): ConfigIssue[] {
  const locked = previous.managementAccountId;
  const configured = config.organization.managementAccountId;
  if (locked === undefined || locked === configured) return [];
  const fix = stateEvidence
    ? `${stateEvidence}, so restore this organization's own lock from version control (\`git log -- ${lockPath}\`), or fix organization.managementAccountId if it is wrong.`
    : `No Terraform state of this config exists here (local backend, no terraform.*.tfstate), so nothing depends on that lock: if you replaced the bundled example (or another organization's org.yaml) with your own, delete ${lockPath}; the next synth writes your organization's lock. If ${configured} is a typo, fix organization.managementAccountId instead.`;
  return [
    {
      path: ['managementAccountId'],
      message: `belongs to the organization of management account ${locked}, but the config names ${configured} (organization.managementAccountId). ${fix}`,
    },
  ];
}
