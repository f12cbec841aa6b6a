import type { Access, AccessReport, TrustPrincipal } from './access-matrix';
import { accountChanges, accountRenames, ouChanges, type AccountChanges, type AccountRepoint, type OuChanges } from './account-changes';
import { roleMoves, type RoleMove } from './role-moves';
import { describeScope, type GroupScope } from './group-scopes';
import { stackChanges, type StackChanges } from './stack-changes';
import { protectionChanges, type ProtectionChanges } from './protection-changes';
import type { StackJson } from './synth-output';
import { MANAGEMENT_STACK } from '../stacks/stack-names';
import { MANAGEMENT } from './synth-refs';

/** One synth output, read and evaluated. */
export interface DiffSide {
  readonly stacks: Readonly<Record<string, StackJson>>;
  readonly report: AccessReport;
}

/** "none": cannot assume the role; "mfa": only with MFA; "no-mfa": also without MFA. */
export type AccessLevel = 'none' | 'mfa' | 'no-mfa';

export interface AccessChange {
  /** Principal id, e.g. "identity-user:carol". */
  readonly principal: string;
  readonly kind: string;
  readonly name: string;
  /** The account the principal lives in. */
  readonly principalAccount: string;
  /** The account of the role (MANAGEMENT, "{management}", for the management account's roles). */
  readonly account: string;
  readonly role: string;
  readonly before: AccessLevel;
  readonly after: AccessLevel;
}

export interface MembershipChange {
  readonly group: string;
  /** "identity" or "management": which stack's group. */
  readonly side: string;
  readonly user: string;
  readonly change: 'joined' | 'left';
}

export interface TrustChange {
  readonly account: string;
  readonly role: string;
  readonly principal: string;
  /** Federated or Service; absent for AWS principals. */
  readonly type?: TrustPrincipal['type'];
  /** The declaration's name where trust.principals declared the principal. */
  readonly name?: string;
  readonly mfa: boolean;
  readonly conditions?: TrustPrincipal['conditions'];
}

export interface ScopeChange {
  readonly group: string;
  /** "identity" or "management". */
  readonly side: string;
  readonly before: string;
  readonly after: string;
}

export interface AccessDiff {
  /** True when someone can reach a role they could not reach before (or now without MFA), a principal entered a trust policy, or an account name now stands for another account id. */
  readonly accessGrew: boolean;
  readonly access: { readonly gained: readonly AccessChange[]; readonly lost: readonly AccessChange[] };
  readonly membership: readonly MembershipChange[];
  /**
   * Groups whose grant changed kind or reach (named accounts to an OU, an OU added, "*"): what
   * later accounts will get, even where today's access is the same.
   */
  readonly scopes: readonly ScopeChange[];
  readonly principals: { readonly added: readonly string[]; readonly removed: readonly string[] };
  readonly trust: { readonly entered: readonly TrustChange[]; readonly left: readonly TrustChange[] };
  readonly accounts: AccountChanges;
  /** Member roles that leave or enter a trust stack (their state lives there). */
  readonly roleMoves: readonly RoleMove[];
  readonly organizationalUnits: OuChanges;
  readonly stacks: StackChanges;
  /** The trust guard and root access of the management stack; removing a protection or adding an sts:AssumeRoot user counts as growth. */
  readonly protections: ProtectionChanges;
  readonly notes: readonly string[];
}

const level = (a: Access | undefined): AccessLevel => (!a?.allowed ? 'none' : a.mfa ? 'mfa' : 'no-mfa');
const RANK: Record<AccessLevel, number> = { none: 0, mfa: 1, 'no-mfa': 2 };

interface Target {
  readonly account: string;
  readonly role: string;
  readonly trust: readonly TrustPrincipal[];
  /** principal id -> access */
  readonly access: ReadonlyMap<string, Access>;
}

/** A trust principal with the account tokens ("{OLD}") of renamed accounts under their new names. */
function renamedTrust(t: TrustPrincipal, renames: ReadonlyMap<string, string>): TrustPrincipal {
  if (!renames.size) return t;
  const rename = (text: string) => text.replace(/\{([^{}]+)\}/g, (whole, name: string) => (renames.has(name) ? `{${renames.get(name)}}` : whole));
  const account = t.account !== undefined ? (renames.get(t.account) ?? t.account) : undefined;
  return {
    ...t,
    principal: rename(t.principal),
    ...(account !== undefined ? { account } : {}),
    ...(t.conditions ? { conditions: JSON.parse(rename(JSON.stringify(t.conditions))) as TrustPrincipal['conditions'] } : {}),
  };
}

/**
 * Every role of one side, keyed "account/role". `label` gives an account's name as of the
 * head (renames applied), with its id where the name was re-pointed at another account.
 */
function targets(report: AccessReport, renames: ReadonlyMap<string, string>, label: (account: string) => string): Map<string, Target> {
  const name = (account: string) => label(renames.get(account) ?? account);
  const trust = (list: readonly TrustPrincipal[]) => list.map((t) => renamedTrust(t, renames));
  const out = new Map<string, Target>();
  for (const a of report.accounts) {
    const access = new Map(Object.entries(report.matrix).map(([p, row]) => [p, row[a.name]] as const).filter((e): e is [string, Access] => e[1] !== undefined));
    out.set(`${name(a.name)}/${a.role}`, { account: name(a.name), role: a.role, trust: trust(a.trust), access });
  }
  for (const r of report.identityRoles) {
    out.set(`${name(r.account)}/${r.role}`, { account: name(r.account), role: r.role, trust: trust(r.trust), access: new Map(Object.entries(r.access)) });
  }
  for (const r of report.managementRoles) {
    out.set(`${MANAGEMENT}/${r.role}`, { account: MANAGEMENT, role: r.role, trust: trust(r.trust), access: new Map(Object.entries(r.access)) });
  }
  return out;
}

/**
 * Account labels of the two sides: a name re-pointed at another id becomes "NAME (old id)" in
 * the base and "NAME (new id)" in the head, so that access to the new account is gained and
 * access to the old one lost. An id that leaves the config (`to` null) points nowhere new:
 * Terraform keeps the account it has in the management state.
 */
function repointLabels(repointed: readonly AccountRepoint[]) {
  const moved = new Map(repointed.filter((r) => r.to !== null).map((r) => [r.account, r] as const));
  const labelled = (id: (r: AccountRepoint) => string | null) => (account: string) => {
    const r = moved.get(account);
    return r ? `${account} (${id(r) ?? 'created by Terraform'})` : account;
  };
  return {
    base: labelled((r) => r.from),
    head: labelled((r) => r.to),
    grew: moved.size > 0,
  };
}

type PrincipalInfo = AccessReport['principals'][number];

function accessChanges(base: Map<string, Target>, head: Map<string, Target>, principals: ReadonlyMap<string, PrincipalInfo>) {
  const gained: AccessChange[] = [];
  const lost: AccessChange[] = [];
  for (const key of [...new Set([...base.keys(), ...head.keys()])].sort()) {
    const b = base.get(key);
    const h = head.get(key);
    const target = (h ?? b)!;
    for (const id of [...new Set([...(b?.access.keys() ?? []), ...(h?.access.keys() ?? [])])].sort()) {
      const before = level(b?.access.get(id));
      const after = level(h?.access.get(id));
      if (before === after) continue;
      const p = principals.get(id)!;
      const change = { principal: id, kind: p.kind, name: p.name, principalAccount: p.account, account: target.account, role: target.role, before, after };
      (RANK[after] > RANK[before] ? gained : lost).push(change);
    }
  }
  return { gained, lost };
}

const trustKey = (t: TrustPrincipal) => JSON.stringify([t.principal, t.name ?? null, t.mfa, t.conditions ?? null]);

function trustChanges(base: Map<string, Target>, head: Map<string, Target>) {
  const entered: TrustChange[] = [];
  const left: TrustChange[] = [];
  const change = (target: Target, t: TrustPrincipal): TrustChange => ({
    account: target.account,
    role: target.role,
    principal: t.principal,
    ...(t.type ? { type: t.type } : {}),
    ...(t.name ? { name: t.name } : {}),
    mfa: t.mfa,
    ...(t.conditions ? { conditions: t.conditions } : {}),
  });
  for (const key of [...new Set([...base.keys(), ...head.keys()])].sort()) {
    const b = base.get(key)?.trust ?? [];
    const h = head.get(key)?.trust ?? [];
    const bKeys = new Set(b.map(trustKey));
    const hKeys = new Set(h.map(trustKey));
    for (const t of h) if (!bKeys.has(trustKey(t))) entered.push(change(head.get(key)!, t));
    for (const t of b) if (!hKeys.has(trustKey(t))) left.push(change(base.get(key)!, t));
  }
  return { entered, left };
}

function membershipChanges(base: AccessReport, head: AccessReport): MembershipChange[] {
  const groups = (r: AccessReport) => new Map(r.principals.filter((p) => p.users).map((p) => [p.id, p] as const));
  const [b, h] = [groups(base), groups(head)];
  const out: MembershipChange[] = [];
  for (const id of [...new Set([...b.keys(), ...h.keys()])].sort()) {
    // A group created or deleted is reported as such; only groups on both sides list joins and leaves.
    if (!b.has(id) || !h.has(id)) continue;
    const before = new Set(b.get(id)!.users);
    const after = new Set(h.get(id)!.users);
    const side = id.split('-')[0];
    for (const user of after) if (!before.has(user)) out.push({ group: h.get(id)!.name, side, user, change: 'joined' });
    for (const user of before) if (!after.has(user)) out.push({ group: h.get(id)!.name, side, user, change: 'left' });
  }
  return out;
}

/** Groups in both synths whose scopes read differently, the base's account names carried through renames. */
function scopeChanges(base: AccessReport, head: AccessReport, renames: ReadonlyMap<string, string>): ScopeChange[] {
  const renamed = (names: readonly string[] | undefined) => names?.map((n) => renames.get(n) ?? n);
  const text = (scopes: readonly GroupScope[]) => scopes.map(describeScope).join('; ') || 'nothing';
  const out: ScopeChange[] = [];
  for (const p of head.principals.filter((x) => x.kind.endsWith('group'))) {
    if (!base.principals.some((b) => b.id === p.id)) continue;
    const baseScopes = (base.scopes[p.id] ?? []).map((sc) => ({ ...sc, except: renamed(sc.except), accounts: renamed(sc.accounts) }));
    const [before, after] = [text(baseScopes), text(head.scopes[p.id] ?? [])];
    if (before !== after) out.push({ group: p.name, side: p.id.split('-')[0], before, after });
  }
  return out;
}

/**
 * What changes between the base's synth and the head's, for a reviewer: access (evaluated,
 * not read off the JSON), group membership, users and groups, trust principals, accounts,
 * OUs and stacks. Account names of the base are carried through renames, so a rename is
 * one rename and not a loss plus a gain.
 */
export function diffAccess(base: DiffSide, head: DiffSide): AccessDiff {
  const renames = accountRenames(base.stacks[MANAGEMENT_STACK], head.stacks[MANAGEMENT_STACK]);
  const accounts = accountChanges(base.stacks[MANAGEMENT_STACK], head.stacks[MANAGEMENT_STACK]);
  const labels = repointLabels(accounts.repointed);
  const [bt, ht] = [targets(base.report, renames, labels.base), targets(head.report, renames, labels.head)];
  const principals = new Map([...base.report.principals, ...head.report.principals].map((p) => [p.id, p] as const));
  const access = accessChanges(bt, ht, principals);
  const trust = trustChanges(bt, ht);
  const ids = (r: AccessReport) => new Set(r.principals.map((p) => p.id));
  const [bIds, hIds] = [ids(base.report), ids(head.report)];
  const notes = [...new Set(head.report.notes.filter((n) => !base.report.notes.includes(n)))];
  const protections = protectionChanges(base.stacks[MANAGEMENT_STACK], head.stacks[MANAGEMENT_STACK]);
  return {
    accessGrew: access.gained.length > 0 || trust.entered.length > 0 || labels.grew || protections.removed.length > 0 || protections.assumeRootGained.length > 0,
    access,
    membership: membershipChanges(base.report, head.report),
    scopes: scopeChanges(base.report, head.report, renames),
    principals: { added: [...hIds].filter((id) => !bIds.has(id)).sort(), removed: [...bIds].filter((id) => !hIds.has(id)).sort() },
    trust,
    accounts,
    roleMoves: roleMoves(base.report, head.report, renames, accounts),
    organizationalUnits: ouChanges(base.stacks[MANAGEMENT_STACK], head.stacks[MANAGEMENT_STACK]),
    stacks: stackChanges(base.stacks, head.stacks),
    protections,
    notes,
  };
}
