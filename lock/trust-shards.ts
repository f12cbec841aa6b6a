import { compareNames } from '../config/iam-names';
import type { Account, OrgConfig } from '../config/model';
import { planOrganizationalUnits } from './ou-lock';

/**
 * Which trust-N stack holds each member account. Recorded in a lock file so that an
 * account, once placed, never moves: its imported role lives in that stack's state.
 */
export interface ShardLock {
  readonly version: 1;
  /** The identity account's name: renaming it without renamedFrom would replace the account. */
  readonly identityAccount?: string;
  /** Paths of managed OUs, sorted; absent in locks written before OUs were recorded. */
  readonly organizationalUnits?: readonly string[];
  /** Paths of retired OUs, sorted; absent when there are none. */
  readonly retiredOrganizationalUnits?: readonly string[];
  /** Account name to its entry, sorted by name. */
  readonly accounts: Readonly<Record<string, LockedAccount>>;
}

export interface LockedAccount {
  readonly stack: string;
  /** Retired: Terraform forgets the account and role on the next apply; see the README. */
  readonly retired?: true;
}

export const EMPTY_LOCK: ShardLock = { version: 1, accounts: {} };

const trustStackName = (n: number) => `trust-${n}`;
const stackNumber = (name: string) => Number(name.replace(/^trust-/, ''));

export interface ShardPlan {
  readonly lock: ShardLock;
  /** Stack name to the accounts it holds, in name order; stacks in number order. */
  readonly stacks: ReadonlyMap<string, readonly Account[]>;
  /** Human-readable changes against the previous lock; empty when it is up to date. */
  readonly changes: readonly string[];
  /** Accounts that left the config without being retired first. */
  readonly removedWithoutRetiring: readonly string[];
  /** Set when the identity account's name changed without renamedFrom. */
  readonly identityRenamed?: { readonly from: string; readonly to: string };
}

/**
 * Places member accounts into trust stacks. Accounts in the previous lock keep their stack.
 * New accounts, in name order (so that YAML order never matters), fill the lowest-numbered
 * stack that has room. A retired account keeps its place until its entry leaves the config;
 * a renamed one (renamedFrom) keeps its place under its new name.
 */
export function planTrustShards(
  accounts: readonly Account[],
  shardSize: number,
  previous: ShardLock = EMPTY_LOCK,
  identity?: Account,
): ShardPlan {
  const byName = new Map(accounts.map((a) => [a.name, a]));
  const byPreviousName = new Map(accounts.filter((a) => a.renamedFrom).map((a) => [a.renamedFrom!.name, a]));
  const placed = new Map<string, string>();
  const changes: string[] = [];
  const removedWithoutRetiring: string[] = [];

  for (const [name, entry] of Object.entries(previous.accounts)) {
    const account = byName.get(name);
    if (account) {
      placed.set(name, entry.stack);
      if (account.retired && !entry.retired) changes.push(`${name} in ${entry.stack}: retired`);
      if (!account.retired && entry.retired) changes.push(`${name} in ${entry.stack}: managed again`);
    } else if (byPreviousName.has(name)) {
      const renamed = byPreviousName.get(name)!;
      placed.set(renamed.name, entry.stack);
      changes.push(`${name} in ${entry.stack}: renamed to ${renamed.name}`);
    } else if (entry.retired) {
      changes.push(`${name} in ${entry.stack}: dropped (was retired)`);
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

  const identityRenamed = identity ? checkIdentity(identity, previous, changes) : undefined;
  const names = [...placed.keys()].sort(compareNames);
  const lock: ShardLock = {
    version: 1,
    ...(identity ? { identityAccount: identity.name } : {}),
    accounts: Object.fromEntries(
      names.map((name) => [name, byName.get(name)?.retired ? { stack: placed.get(name)!, retired: true as const } : { stack: placed.get(name)! }]),
    ),
  };
  const stackNames = [...new Set(placed.values())].sort((a, b) => stackNumber(a) - stackNumber(b));
  const stacks = new Map(stackNames.map((s) => [s, names.filter((n) => placed.get(n) === s).map((n) => byName.get(n)!)]));
  return { lock, stacks, changes, removedWithoutRetiring, identityRenamed };
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
      organizationalUnits: ous.organizationalUnits,
      ...(retired.length ? { retiredOrganizationalUnits: retired } : {}),
    },
    changes: [...shards.changes, ...ous.changes],
    removedOrganizationalUnits: ous.removedWithoutRetiring,
  };
}

/** Records the identity account; reports a rename that did not say renamedFrom. */
function checkIdentity(identity: Account, previous: ShardLock, changes: string[]): ShardPlan['identityRenamed'] {
  const before = previous.identityAccount;
  if (before === identity.name) return undefined;
  if (before === undefined) changes.push(`identity account: ${identity.name}`);
  else if (identity.renamedFrom?.name === before) changes.push(`identity account: renamed from ${before} to ${identity.name}`);
  else return { from: before, to: identity.name };
  return undefined;
}
