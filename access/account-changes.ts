import { organizationTree } from './access-model';
import type { StackJson } from './synth-output';

const ACCOUNT = 'aws_organizations_account';

/** What happened to the accounts of the organization between two synths of the management stack. */
export interface AccountChanges {
  /** New accounts that Organizations will create. */
  readonly created: readonly { readonly account: string; readonly ou: string }[];
  /** Existing accounts brought under management by an import block. */
  readonly imported: readonly { readonly account: string; readonly id: string; readonly ou: string }[];
  /** Renamed in place (moved blocks): same account, new name. */
  readonly renamed: readonly { readonly from: string; readonly to: string }[];
  /** Forgotten by Terraform (removed block, destroy = false): the account stays as it is. */
  readonly retired: readonly { readonly account: string }[];
  /** Gone from the stack with no removed block: Terraform would plan to destroy it (refused by prevent_destroy). */
  readonly dropped: readonly { readonly account: string }[];
  /** Moved to another OU (paths as in org.yaml, "Root" for the organization root). */
  readonly moved: readonly { readonly account: string; readonly from: string; readonly to: string }[];
  /**
   * Re-pointed: the same name now stands for another AWS account (its import id changed).
   * `null` is an account without an import block, whose id Terraform keeps in the management state.
   */
  readonly repointed: readonly AccountRepoint[];
}

export interface AccountRepoint {
  readonly account: string;
  readonly from: string | null;
  readonly to: string | null;
}

export interface OuChanges {
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

interface AccountEntry {
  readonly key: string;
  readonly name: string;
  readonly ou: string;
}

function accountsOf(management: StackJson): Map<string, AccountEntry> {
  const { ouOfAccount } = organizationTree(management);
  const accounts = new Map<string, AccountEntry>();
  for (const [key, a] of Object.entries<Record<string, unknown>>(management.resource?.[ACCOUNT] ?? {})) {
    const name = String(a.name);
    accounts.set(key, { key, name, ou: ouOfAccount.get(name) ?? 'Root' });
  }
  return accounts;
}

/** Resource key of an address "aws_organizations_account.KEY", else undefined. */
const accountKey = (address: unknown) => (typeof address === 'string' ? new RegExp(`^${ACCOUNT}\\.(.+)$`).exec(address)?.[1] : undefined);

function blocks(stack: StackJson, kind: 'import' | 'moved' | 'removed'): Record<string, unknown>[] {
  return (stack[kind] ?? []) as Record<string, unknown>[];
}

/**
 * Renames between the two synths, old account name to new one. Moved blocks stay in every
 * later synth (the lock's history), so only a move whose source the base still had counts.
 */
export function accountRenames(base: StackJson, head: StackJson): Map<string, string> {
  const before = accountsOf(base);
  const after = accountsOf(head);
  const renames = new Map<string, string>();
  for (const block of blocks(head, 'moved')) {
    const from = before.get(accountKey(block.from) ?? '');
    const to = after.get(accountKey(block.to) ?? '');
    if (from && to && !after.has(from.key) && from.name !== to.name) renames.set(from.name, to.name);
  }
  return renames;
}

/** Compares the accounts of two management stacks, following renames. */
export function accountChanges(base: StackJson, head: StackJson): AccountChanges {
  const before = accountsOf(base);
  const after = accountsOf(head);
  const movedTo = new Map<string, string>();
  for (const block of blocks(head, 'moved')) {
    const from = accountKey(block.from);
    const to = accountKey(block.to);
    if (from && to && before.has(from) && !after.has(from)) movedTo.set(from, to);
  }
  const [importIdBefore, importId] = [importIds(base), importIds(head)];
  const retiredKeys = new Set(blocks(head, 'removed').map((b) => accountKey(b.from)));

  const renamed: { from: string; to: string }[] = [];
  const moved: { account: string; from: string; to: string }[] = [];
  const retired: { account: string }[] = [];
  const dropped: { account: string }[] = [];
  const repointed: AccountRepoint[] = [];
  const arrived = new Set(after.keys());
  for (const old of before.values()) {
    const now = after.get(movedTo.get(old.key) ?? old.key);
    if (!now) {
      (retiredKeys.has(old.key) ? retired : dropped).push({ account: old.name });
      continue;
    }
    arrived.delete(now.key);
    if (now.name !== old.name) renamed.push({ from: old.name, to: now.name });
    if (now.ou !== old.ou) moved.push({ account: now.name, from: old.ou, to: now.ou });
    const [from, to] = [importIdBefore.get(old.key) ?? null, importId.get(now.key) ?? null];
    if (from !== to) repointed.push({ account: now.name, from, to });
  }
  const created: { account: string; ou: string }[] = [];
  const imported: { account: string; id: string; ou: string }[] = [];
  for (const key of arrived) {
    const a = after.get(key)!;
    const id = importId.get(key);
    if (id) imported.push({ account: a.name, id, ou: a.ou });
    else created.push({ account: a.name, ou: a.ou });
  }
  const byName = <T extends { account: string }>(list: T[]) => list.sort((x, y) => (x.account < y.account ? -1 : x.account > y.account ? 1 : 0));
  return {
    created: byName(created),
    imported: byName(imported),
    renamed: renamed.sort((x, y) => (x.to < y.to ? -1 : 1)),
    retired: byName(retired),
    dropped: byName(dropped),
    moved: byName(moved),
    repointed: byName(repointed),
  };
}

/** Account resource key to the id its import block names. */
function importIds(management: StackJson): Map<string, string> {
  const ids = new Map<string, string>();
  for (const block of blocks(management, 'import')) {
    const key = accountKey(block.to);
    if (key) ids.set(key, String(block.id));
  }
  return ids;
}

/** OU paths that appear or disappear. A renamed OU shows as one removed path and one added. */
export function ouChanges(base: StackJson, head: StackJson): OuChanges {
  const before = new Set(organizationTree(base).ous);
  const after = new Set(organizationTree(head).ous);
  return { added: [...after].filter((p) => !before.has(p)), removed: [...before].filter((p) => !after.has(p)) };
}
