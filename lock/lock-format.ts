import type { Account } from '../config/model';
import { hasName, nameTable, type NameTable } from '../config/name-table';
import type { LockHistory } from './history';

/**
 * The lock file's content: which trust-N stack holds each member account, so that an account,
 * once placed, never moves (its imported role lives in that stack's state), and the OUs and
 * history that keep Terraform addresses stable. Read and written by lock-file.ts, made by the
 * planner (org-plan.ts).
 */
export interface ShardLock {
  readonly version: 3;
  /**
   * The organization the lock belongs to (its management account). Absent only in locks read
   * from version 1 or 2, which had none; a lock of another organization is refused.
   */
  readonly managementAccountId?: string;
  /** The identity account's name: renaming it without renamedFrom would replace the account. */
  readonly identityAccount?: string;
  /** Paths of managed OUs, sorted; absent in locks written before OUs were recorded. */
  readonly organizationalUnits?: readonly string[];
  /** Paths of retired OUs, sorted; absent when there are none. */
  readonly retiredOrganizationalUnits?: readonly string[];
  /** Account name to its entry, sorted by name; a null-prototype table (any name, `__proto__` too, is a plain key). */
  readonly accounts: Readonly<NameTable<LockedAccount>>;
  /** Renames and forgotten accounts and OUs, written as moved and removed blocks on every synth. */
  readonly history?: LockHistory;
}

export interface LockedAccount {
  readonly stack: string;
  /** Retired: Terraform forgets the account and role on the next apply; see the README. */
  readonly retired?: true;
  /**
   * The account's id, where the config gave one (adopted accounts; every retired one): a retired
   * account's trust stack still reaches the role it forgets with it, and a config that names
   * another id is refused (account-id-check.ts).
   */
  readonly id?: string;
}

/** The entry an account continues: its own name's, else its renamedFrom's. */
export function lockedEntryOf(account: Account, lock: ShardLock): LockedAccount | undefined {
  if (hasName(lock.accounts, account.name)) return lock.accounts[account.name];
  const from = account.renamedFrom?.name;
  return from !== undefined && hasName(lock.accounts, from) ? lock.accounts[from] : undefined;
}

export const LOCK_VERSION = 3;
export const EMPTY_LOCK: ShardLock = { version: LOCK_VERSION, accounts: nameTable() };
