import { compareNames, terraformKey } from '../config/iam-names';
import { hasName, nameTable, type NameTable } from '../config/name-table';
import type { Account, OrgConfig } from '../config/model';
import { EMPTY_HISTORY, nextAccountHistory, type AccountMove, type ForgottenAccount, type LockHistory } from './history';
import { planOrganizationalUnits } from './ou-lock';

/**
 * Which trust-N stack holds each member account. Recorded in a lock file so that an
 * account, once placed, never moves: its imported role lives in that stack's state.
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
  /** A retired account's id, kept so its trust stack can still reach the role it forgets. */
  readonly id?: string;
}

export const LOCK_VERSION = 3;
export const EMPTY_LOCK: ShardLock = { version: LOCK_VERSION, accounts: nameTable() };

const trustStackName = (n: number) => `trust-${n}`;
const stackNumber = (name: string) => Number(name.replace(/^trust-/, ''));

/** A new name that the lock still holds as another account (e.g. retired, entry not yet deleted). */
export interface RenameConflict {
  readonly name: string;
  readonly renamedFrom: string;
  readonly field: 'identityAccount' | 'accounts';
}

export interface ShardPlan {
  readonly lock: ShardLock;
  /** Stack name to the accounts it holds, in name order; stacks in number order. A stack with only history holds none. */
  readonly stacks: ReadonlyMap<string, readonly Account[]>;
  /** Human-readable changes against the previous lock; empty when it is up to date. */
  readonly changes: readonly string[];
  /** Accounts that left the config without being retired first. */
  readonly removedWithoutRetiring: readonly string[];
  /** Set when the identity account's name changed without renamedFrom. */
  readonly identityRenamed?: { readonly from: string; readonly to: string };
  readonly renameConflicts: readonly RenameConflict[];
}


/**
 * Places member accounts into trust stacks. Accounts in the previous lock keep their stack.
 * New accounts, in name order (so that YAML order never matters), fill the lowest-numbered
 * stack that has room. A retired account keeps its place until its entry leaves the config;
 * a renamed one (renamedFrom) keeps its place under its new name. Renames and forgotten
 * accounts are recorded in the lock's history.
 */
export function planTrustShards(
  accounts: readonly Account[],
  shardSize: number,
  previous: ShardLock = EMPTY_LOCK,
  identity?: Account,
): ShardPlan {
  const byName = new Map(accounts.map((a) => [a.name, a]));
  const placed = new Map<string, string>();
  const changes: string[] = [];
  const removedWithoutRetiring: string[] = [];
  const renameConflicts: RenameConflict[] = [];
  const moves: AccountMove[] = [];
  const forgotten: ForgottenAccount[] = [];

  // Renames first, so that a renamed account takes its own entry even where its new name is locked too.
  const claimed = new Set<string>();
  for (const account of accounts) {
    const from = account.renamedFrom;
    if (!from || !hasName(previous.accounts, from.name) || from.name === account.name) continue;
    if (hasName(previous.accounts, account.name)) {
      renameConflicts.push({ name: account.name, renamedFrom: from.name, field: 'accounts' });
      continue;
    }
    const { stack } = previous.accounts[from.name];
    placed.set(account.name, stack);
    claimed.add(from.name);
    changes.push(`${from.name} in ${stack}: renamed to ${account.name}`);
    moves.push({ from: from.key, to: account.key, stack });
  }

  for (const [name, entry] of Object.entries(previous.accounts)) {
    if (claimed.has(name)) continue;
    const account = byName.get(name);
    if (account) {
      placed.set(name, entry.stack);
      if (account.retired && !entry.retired) changes.push(`${name} in ${entry.stack}: retired`);
      if (!account.retired && entry.retired) changes.push(`${name} in ${entry.stack}: managed again`);
    } else if (entry.retired) {
      changes.push(`${name} in ${entry.stack}: dropped (was retired)`);
      forgotten.push({ key: terraformKey(name), stack: entry.stack, ...(entry.id ? { accountId: entry.id } : {}) });
    } else {
      removedWithoutRetiring.push(name);
    }
  }

  const load = new Map<string, number>();
  for (const stack of placed.values()) load.set(stack, (load.get(stack) ?? 0) + 1);
  const newcomers = accounts.filter((a) => !placed.has(a.name)).sort((a, b) => compareNames(a.name, b.name));
  let candidate = 1;
  for (const account of newcomers) {
    while ((load.get(trustStackName(candidate)) ?? 0) >= shardSize) candidate++;
    const stack = trustStackName(candidate);
    placed.set(account.name, stack);
    load.set(stack, (load.get(stack) ?? 0) + 1);
    changes.push(`${account.name}: added to ${stack}`);
  }

  const identityRenamed = identity ? checkIdentity(identity, previous, changes, moves, renameConflicts) : undefined;
  const declared = new Set([...accounts, ...(identity ? [identity] : [])].map((a) => a.key));
  const history = nextHistory(previous, moves, forgotten, declared, changes);
  const names = [...placed.keys()].sort(compareNames);
  const lock: ShardLock = {
    version: LOCK_VERSION,
    ...(identity ? { identityAccount: identity.name } : {}),
    accounts: nameTable(names.map((name) => [name, lockedAccount(placed.get(name)!, byName.get(name))])),
    history,
  };
  // A stack whose accounts all left still holds their removed blocks, so it stays.
  const withHistory = [...placed.values(), ...history.forgottenAccounts.map((f) => f.stack), ...history.accountMoves.flatMap((m) => m.stack ?? [])];
  const stackNames = [...new Set(withHistory)].sort((a, b) => stackNumber(a) - stackNumber(b));
  // One pass over the accounts (names stay sorted within a stack): a filter per stack was quadratic, 0.2 s at 10,000 members.
  const stacks = new Map<string, Account[]>(stackNames.map((s) => [s, []]));
  for (const n of names) stacks.get(placed.get(n)!)!.push(byName.get(n)!);
  return { lock, stacks, changes, removedWithoutRetiring, identityRenamed, renameConflicts };
}

/** The account part of the next history; reports entries dropped because the config declares their key again. */
function nextHistory(
  previous: ShardLock,
  moves: readonly AccountMove[],
  forgotten: readonly ForgottenAccount[],
  declared: ReadonlySet<string>,
  changes: string[],
): LockHistory {
  const before = previous.history ?? EMPTY_HISTORY;
  const next = { ...before, ...nextAccountHistory(before, moves, forgotten, declared) };
  for (const m of before.accountMoves) if (declared.has(m.from)) changes.push(`history: move ${m.from} to ${m.to} dropped (${m.from} is declared again)`);
  for (const f of before.forgottenAccounts) if (declared.has(f.key)) changes.push(`history: forgotten ${f.key} in ${f.stack} dropped (${f.key} is declared again)`);
  return next;
}

/** The trust stacks and the recorded OUs of a whole config. */
export interface OrgPlan extends ShardPlan {
  /** OU paths that left the config without a renamedFrom or being retired first. */
  readonly removedOrganizationalUnits: readonly string[];
}

/** The plan for a whole config, given the committed lock. */
export function planOrg(config: OrgConfig, previousLock: ShardLock = EMPTY_LOCK): OrgPlan {
  const shards = planTrustShards(config.accounts, config.trust.shardSize, previousLock, config.identityAccount);
  const ous = planOrganizationalUnits(config.organization.organizationalUnits, previousLock);
  const retired = ous.retiredOrganizationalUnits;
  return {
    ...shards,
    lock: {
      ...shards.lock,
      managementAccountId: config.organization.managementAccountId,
      organizationalUnits: ous.organizationalUnits,
      ...(retired.length ? { retiredOrganizationalUnits: retired } : {}),
      history: { ...shards.lock.history!, ouMoves: ous.history.ouMoves, forgottenOus: ous.history.forgottenOus },
    },
    changes: [...shards.changes, ...ous.changes, ...organizationChange(previousLock, config)],
    removedOrganizationalUnits: ous.removedWithoutRetiring,
  };
}

/** Records the identity account and its renames; reports a rename that did not say renamedFrom. */
function checkIdentity(
  identity: Account,
  previous: ShardLock,
  changes: string[],
  moves: AccountMove[],
  conflicts: RenameConflict[],
): ShardPlan['identityRenamed'] {
  const before = previous.identityAccount;
  if (before === identity.name) return undefined;
  if (before === undefined) changes.push(`identity account: ${identity.name}`);
  else if (identity.renamedFrom?.name === before) {
    if (hasName(previous.accounts, identity.name)) conflicts.push({ name: identity.name, renamedFrom: before, field: 'identityAccount' });
    changes.push(`identity account: renamed from ${before} to ${identity.name}`);
    moves.push({ from: identity.renamedFrom.key, to: identity.key });
  } else return { from: before, to: identity.name };
  return undefined;
}

/** A lock entry: retired accounts keep their id (validation requires it) for the history. */
function lockedAccount(stack: string, account: Account | undefined): LockedAccount {
  if (!account?.retired) return { stack };
  return { stack, retired: true, ...(account.id ? { id: account.id } : {}) };
}

/** A lock written before version 3 learns which organization it belongs to. */
function organizationChange(previous: ShardLock, config: OrgConfig): string[] {
  const id = config.organization.managementAccountId;
  return previous.managementAccountId === id ? [] : [`organization: management account ${id}`];
}
