import { compareNames, terraformKey } from '../config/iam-names';
import { hasName, nameTable } from '../config/name-table';
import type { Account } from '../config/model';
import { EMPTY_HISTORY, nextAccountHistory, type AccountMove, type ForgottenAccount, type LockHistory } from './history';
import { EMPTY_LOCK, LOCK_VERSION, lockedEntryOf, type LockedAccount, type ShardLock } from './lock-format';
import { trustStackName, trustStackNumber } from './stack-naming';

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

/** Account name to the trust stack it is placed in. */
type Placements = ReadonlyMap<string, string>;

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
  // Renames first, so that a renamed account takes its own entry even where its new name is locked too.
  const renamed = placeRenamed(accounts, previous);
  const kept = keepLocked(previous, byName, renamed.claimed);
  const newcomers = placeNewcomers(accounts, new Map([...renamed.placed, ...kept.placed]), shardSize, historyHomes(previous));
  const placed: Placements = new Map([...renamed.placed, ...kept.placed, ...newcomers.placed]);
  const identityPlan = identity ? planIdentity(identity, previous) : NO_IDENTITY_CHANGE;

  const declared = new Set([...accounts, ...(identity ? [identity] : [])].map((a) => a.key));
  const history = nextHistory(previous, [...renamed.moves, ...identityPlan.moves], kept.forgotten, declared);
  const names = [...placed.keys()].sort(compareNames);
  const lock: ShardLock = {
    version: LOCK_VERSION,
    ...(identity ? { identityAccount: identity.name } : {}),
    accounts: nameTable(names.map((name) => [name, lockedAccount(placed.get(name)!, byName.get(name), previous)])),
    history: history.history,
  };
  return {
    lock,
    stacks: stacksOf(placed, history.history, names, byName),
    changes: [...renamed.changes, ...kept.changes, ...newcomers.changes, ...idsRecorded(accounts, placed, previous), ...identityPlan.changes, ...history.changes],
    removedWithoutRetiring: kept.removedWithoutRetiring,
    identityRenamed: identityPlan.renamed,
    renameConflicts: [...renamed.conflicts, ...identityPlan.conflicts],
  };
}

/** Accounts whose renamedFrom names a locked entry take that entry's stack. */
function placeRenamed(accounts: readonly Account[], previous: ShardLock) {
  const placed = new Map<string, string>();
  const claimed = new Set<string>();
  const changes: string[] = [];
  const moves: AccountMove[] = [];
  const conflicts: RenameConflict[] = [];
  for (const account of accounts) {
    const from = account.renamedFrom;
    if (!from || !hasName(previous.accounts, from.name) || from.name === account.name) continue;
    if (hasName(previous.accounts, account.name)) {
      conflicts.push({ name: account.name, renamedFrom: from.name, field: 'accounts' });
      continue;
    }
    const { stack } = previous.accounts[from.name];
    placed.set(account.name, stack);
    claimed.add(from.name);
    changes.push(`${from.name} in ${stack}: renamed to ${account.name}`);
    moves.push({ from: from.key, to: account.key, stack });
  }
  return { placed, claimed: claimed as ReadonlySet<string>, changes, moves, conflicts };
}

/**
 * Locked entries not claimed by a rename: kept where the config still has the account,
 * forgotten where it was retired and then left the config, reported where it left unretired.
 */
function keepLocked(previous: ShardLock, byName: ReadonlyMap<string, Account>, claimed: ReadonlySet<string>) {
  const placed = new Map<string, string>();
  const changes: string[] = [];
  const forgotten: ForgottenAccount[] = [];
  const removedWithoutRetiring: string[] = [];
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
  return { placed, changes, forgotten, removedWithoutRetiring };
}

/**
 * Keys the previous history keeps in a trust stack (a forgotten role, a rename's old address),
 * to that stack: state may still sit there until the forget or move is applied.
 */
function historyHomes(previous: ShardLock): ReadonlyMap<string, string> {
  const history = previous.history ?? EMPTY_HISTORY;
  return new Map([...history.accountMoves.flatMap((m) => (m.stack ? [[m.from, m.stack] as const] : [])), ...history.forgottenAccounts.map((f) => [f.key, f.stack] as const)]);
}

/**
 * Accounts not placed yet, in name order, each in the lowest-numbered stack with room; one
 * whose key the history keeps in a stack goes there, whatever its load: that stack must declare
 * the address (its history entry then leaves, see nextAccountHistory), or its next apply would
 * destroy a role whose forget or move is not applied yet.
 */
function placeNewcomers(accounts: readonly Account[], placed: Placements, shardSize: number, homes: ReadonlyMap<string, string>) {
  const load = new Map<string, number>();
  for (const stack of placed.values()) load.set(stack, (load.get(stack) ?? 0) + 1);
  const added = new Map<string, string>();
  const changes: string[] = [];
  let candidate = 1;
  for (const account of accounts.filter((a) => !placed.has(a.name)).sort((a, b) => compareNames(a.name, b.name))) {
    const home = homes.get(account.key);
    while (!home && (load.get(trustStackName(candidate)) ?? 0) >= shardSize) candidate++;
    const stack = home ?? trustStackName(candidate);
    added.set(account.name, stack);
    load.set(stack, (load.get(stack) ?? 0) + 1);
    changes.push(`${account.name}: added to ${stack}`);
  }
  return { placed: added, changes };
}

/** Stack name to its accounts; a stack whose accounts all left still holds their removed blocks, so it stays. */
function stacksOf(placed: Placements, history: LockHistory, names: readonly string[], byName: ReadonlyMap<string, Account>) {
  const withHistory = [...placed.values(), ...history.forgottenAccounts.map((f) => f.stack), ...history.accountMoves.flatMap((m) => m.stack ?? [])];
  const stackNames = [...new Set(withHistory)].sort((a, b) => trustStackNumber(a)! - trustStackNumber(b)!);
  // One pass over the accounts (names stay sorted within a stack): a filter per stack was quadratic, 0.2 s at 10,000 members.
  const stacks = new Map<string, Account[]>(stackNames.map((s) => [s, []]));
  for (const n of names) stacks.get(placed.get(n)!)!.push(byName.get(n)!);
  return stacks;
}

/** The account part of the next history, and the entries dropped because the config declares their key again. */
function nextHistory(previous: ShardLock, moves: readonly AccountMove[], forgotten: readonly ForgottenAccount[], declared: ReadonlySet<string>) {
  const before = previous.history ?? EMPTY_HISTORY;
  const history: LockHistory = { ...before, ...nextAccountHistory(before, moves, forgotten, declared) };
  const changes = [
    ...before.accountMoves.filter((m) => declared.has(m.from)).map((m) => `history: move ${m.from} to ${m.to} dropped (${m.from} is declared again)`),
    ...before.forgottenAccounts
      .filter((f) => declared.has(f.key))
      .map((f) => `history: forgotten ${f.key} in ${f.stack} dropped (${f.key} is declared again)`),
  ];
  return { history, changes };
}

interface IdentityPlan {
  readonly changes: readonly string[];
  readonly moves: readonly AccountMove[];
  readonly conflicts: readonly RenameConflict[];
  /** A rename that did not say renamedFrom. */
  readonly renamed?: ShardPlan['identityRenamed'];
}

const NO_IDENTITY_CHANGE: IdentityPlan = { changes: [], moves: [], conflicts: [] };

/** Records the identity account and its renames; reports a rename that did not say renamedFrom. */
function planIdentity(identity: Account, previous: ShardLock): IdentityPlan {
  const before = previous.identityAccount;
  if (before === identity.name) return NO_IDENTITY_CHANGE;
  if (before === undefined) return { ...NO_IDENTITY_CHANGE, changes: [`identity account: ${identity.name}`] };
  if (identity.renamedFrom?.name !== before) return { ...NO_IDENTITY_CHANGE, renamed: { from: before, to: identity.name } };
  return {
    changes: [`identity account: renamed from ${before} to ${identity.name}`],
    moves: [{ from: identity.renamedFrom.key, to: identity.key }],
    conflicts: hasName(previous.accounts, identity.name) ? [{ name: identity.name, renamedFrom: before, field: 'identityAccount' }] : [],
  };
}

/** A lock entry; its id is the config's, or the locked one where the config leaves it out (the state still holds that account). */
function lockedAccount(stack: string, account: Account | undefined, previous: ShardLock): LockedAccount {
  const id = account?.id ?? (account ? lockedEntryOf(account, previous)?.id : undefined);
  return { stack, ...(account?.retired ? { retired: true as const } : {}), ...(id ? { id } : {}) };
}

/** Locked accounts whose id the lock learns now (locks written before ids were recorded). */
function idsRecorded(accounts: readonly Account[], placed: Placements, previous: ShardLock): string[] {
  return accounts
    .filter((a) => a.id !== undefined && placed.has(a.name) && lockedEntryOf(a, previous) && !lockedEntryOf(a, previous)!.id)
    .map((a) => `${a.name} in ${placed.get(a.name)}: id ${a.id} recorded`);
}
