import { stringify } from 'yaml';
import { parseConfig } from '../../config/load-config';
import { reportDiffCommand, ACCESS_GREW } from '../../cli/commands/report-diff';
import type { AccessDiff } from '../../access/access-diff';
import type { AccessReport } from '../../access/access-matrix';
import { reportCommand } from '../../cli/commands/report';
import { IamEvaluator, type FederatedQuery, type Principal } from '../helpers/iam-evaluator';
import { synthConfig } from '../helpers/synth';
import { synthPair } from './synth-pair';
import { prng } from '../helpers/prng';
import { terraformKey } from '../../config/iam-names';

/**
 * Invariant 14 for `report --base`, as a property: random pairs of configs (account names drawn
 * from every character the schema accepts, groups on "*", OUs and named accounts, a declared
 * machine role, retirements, OU moves, MFA switched off), judged by iam-simulate over the two
 * synths. Whenever some principal gains access the evaluator can see, the diff exits 3 and
 * lists that gain; when nothing changes, it exits 0. PROPERTY_PAIRS sets the count (default
 * 200 here; the nightly-sized run in the README uses 1,000).
 */
const PAIRS = Number(process.env.PROPERTY_PAIRS ?? 200);
const SEED = Number(process.env.PROPERTY_SEED ?? 20261205);

/** Account names: printable ASCII but " \ $ { }, 1-50 characters. */
const NAME_CHARS = [...Array(95)].map((_, i) => String.fromCharCode(32 + i)).filter((c) => !'"\\${}'.includes(c));
const HOSTILE_NAMES = ['a:b', 'x*', '?', 'organization', 'ou:x', '333333333333', 'a/b', ' pad ', 'arn:aws:iam::1:root', '*', 'management', 'management account', 'root'];
/** OU names: anything but "/", unicode included. */
const OU_CHARS = [...NAME_CHARS.filter((c) => c !== '/'), 'é', 'Ω', '中', '😀', '\u00a0', '{', '}', '$', '"', '\\'];
const CI_ROLE = 'arn:aws:iam::444455556666:role/ci';
const OIDC = { provider: 'token.actions.githubusercontent.com', sub: 'repo:acme/infra:ref:refs/heads/main', aud: 'sts.amazonaws.com' };
const SAML = { provider: 'okta', aud: 'https://signin.aws.amazon.com/saml' };
const SERVICE = 'backup.amazonaws.com';
const SSO_SESSION = 'aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef';

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function randomName(r: () => number, taken: Set<string>, chars = NAME_CHARS, hostile = HOSTILE_NAMES): string {
  for (;;) {
    const name = r() < 0.3 ? hostile[Math.floor(r() * hostile.length)] : Array.from({ length: 1 + Math.floor(r() * 8) }, () => chars[Math.floor(r() * chars.length)]).join('');
    // Names that differ in more than case and punctuation: the schema refuses the others.
    if (name.trim() === name && name.length && !taken.has(terraformKey(name))) {
      taken.add(terraformKey(name));
      return name;
    }
  }
}

function baseConfig(r: () => number): Raw {
  const taken = new Set<string>();
  const identityName = randomName(r, taken);
  const ouName = () => randomName(r, new Set(), OU_CHARS, ['a:b', '*', 'x y', 'ü:', 'Root', 'r-ab12', 'é 中']);
  // Siblings' Terraform keys must differ: a digit after each child does it, whatever came before.
  const [top, child1, child2] = [ouName(), `${ouName()}1`, `${ouName()}2`];
  const ous = [undefined, top, `${top}/${child1}`, `${top}/${child2}`];
  const accounts = Array.from({ length: 3 + Math.floor(r() * 3) }, (_, i) => ({
    name: randomName(r, taken),
    email: `m${i}@example.com`,
    id: String(333333333300 + i),
    ...(ous[i % ous.length] ? { ou: ous[i % ous.length] } : {}),
  }));
  const pick = () => accounts.filter(() => r() < 0.4).map((a) => a.name);
  const reach = (): Raw => (r() < 0.25 ? { accounts: ['*'] } : r() < 0.5 ? { accounts: pick(), ous: [ous[2]] } : { accounts: pick() });
  return {
    organization: { managementAccountId: '111111111111', region: 'us-east-1', organizationalUnits: [{ name: top, children: [{ name: child1 }, { name: child2 }] }] },
    identityAccount: { name: identityName, email: 'iam@example.com', id: '222222222222' },
    accounts,
    management: { users: ['user1'] },
    identity: {
      requireMfa: true,
      groups: [
        { name: 'g1', users: ['alice'], ...reach() },
        { name: 'g2', users: ['bob'], ...reach() },
      ],
    },
    trust: { shardSize: 2, principals: [] },
  };
}

/** A base config with some declarations already in place, for the change to widen, narrow or remove. */
function baseWithDeclarations(r: () => number): Raw {
  const c = baseConfig(r);
  for (const add of DECLARATIONS) if (r() < 0.25) add(c, r);
  return c;
}

const someAccount = (c: Raw, r: () => number) => c.accounts[Math.floor(r() * c.accounts.length)].name;
/** The scope of a declaration: one account, an OU, or the organization. */
const someScope = (c: Raw, r: () => number): Raw => (r() < 0.5 ? { accounts: [someAccount(c, r)] } : r() < 0.5 ? { ous: [c.organization.organizationalUnits[0].name] } : { organization: true });
const firstChildOu = (c: Raw) => `${c.organization.organizationalUnits[0].name}/${c.organization.organizationalUnits[0].children[0].name}`;

/** Adds a declaration, or replaces the one of that name (its scope or MFA change). */
function declare(c: Raw, p: Raw): void {
  const i = c.trust.principals.findIndex((x: Raw) => x.name === p.name);
  if (i < 0) c.trust.principals.push(p);
  else c.trust.principals[i] = p;
}

/** Each kind of declared principal, on a random scope. */
const DECLARATIONS: ((c: Raw, r: () => number) => void)[] = [
  (c, r) => declare(c, { name: 'Ci', kind: 'aws', arn: CI_ROLE, human: r() < 0.5, scope: someScope(c, r) }),
  (c, r) => declare(c, { name: 'Gh', kind: 'oidc', provider: OIDC.provider, audiences: [OIDC.aud], subjects: [OIDC.sub], scope: someScope(c, r) }),
  (c, r) => declare(c, { name: 'Okta', kind: 'saml', provider: SAML.provider, scope: someScope(c, r) }),
  (c, r) => declare(c, { name: 'Backup', kind: 'service', service: SERVICE, sourceAccounts: ['self'], scope: someScope(c, r) }),
  (c, r) => declare(c, { name: 'Sso', kind: 'identityCenter', permissionSet: 'Admin', account: c.identityAccount.name, scope: someScope(c, r) }),
];

/** One or two changes a pull request might make. */
const MUTATIONS: ((c: Raw, r: () => number) => void)[] = [
  (c, r) => {
    const g = c.identity.groups[0];
    const name = someAccount(c, r);
    if (!g.accounts.includes('*') && !g.accounts.includes(name)) g.accounts.push(name);
  },
  (c) => c.identity.groups[1].users.push('carol'),
  (c, r) => (c.accounts[Math.floor(r() * c.accounts.length)].ou = firstChildOu(c)),
  (c, r) => {
    // Retiring an account takes it out of every group and scope in the same change, as validate asks.
    const a = c.accounts[Math.floor(r() * c.accounts.length)];
    a.retired = true;
    for (const g of c.identity.groups) g.accounts = g.accounts.filter((n: string) => n !== a.name);
    c.trust.principals = c.trust.principals.filter((p: Raw) => !p.scope.accounts?.includes(a.name));
  },
  (c) => c.accounts.push({ name: 'NEWONE', email: 'new@example.com', id: '333333333399' }),
  (c) => (c.identity.requireMfa = false),
  (c) => c.management.users.push('user2'),
  ...DECLARATIONS,
  (c) => Object.assign(c.identity.groups[0], { accounts: ['*'], ous: undefined }),
  (c) => c.identity.groups[1].accounts.splice(0, 1),
  (c) => c.trust.principals.splice(0, 1),
];

/** Principals that come with an identity policy (users; the CI and Identity Center roles get ALLOW_ALL). */
const PRINCIPALS: { id: string; principal: Principal; declared?: string }[] = [
  { id: 'identity-user:alice', principal: { account: 'identity', userName: 'alice' } },
  { id: 'identity-user:bob', principal: { account: 'identity', userName: 'bob' } },
  { id: 'identity-user:carol', principal: { account: 'identity', userName: 'carol' } },
  { id: 'management-user:user1', principal: { account: 'management', userName: 'user1' } },
  { id: 'management-user:user2', principal: { account: 'management', userName: 'user2' } },
  { id: CI_ROLE, principal: { account: '444455556666', roleSession: 'ci' }, declared: 'Ci' },
  { id: 'sso', principal: { account: 'identity', roleSession: SSO_SESSION }, declared: 'Sso' },
];

/** Principals without an identity policy: a web identity, a SAML assertion, a service. */
const FEDERATED = (accountId: string): { declared: string; query: FederatedQuery }[] => [
  { declared: 'Gh', query: { kind: 'oidc', targetAccountId: accountId, providerAccountId: accountId, provider: OIDC.provider, sub: OIDC.sub, aud: OIDC.aud } },
  { declared: 'Okta', query: { kind: 'saml', targetAccountId: accountId, providerAccountId: accountId, provider: SAML.provider, aud: SAML.aud } },
  { declared: 'Backup', query: { kind: 'service', targetAccountId: accountId, service: SERVICE, sourceAccount: accountId } },
];

/** The trust AWS Organizations writes into the role of an account it creates; no stack manages the identity account's. */
const organizationsTrust = (managementId: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${managementId}:root` }, Action: 'sts:AssumeRole' }] });

/**
 * [principal, account, mfa, declared name] as JSON for every role a principal reaches, per the
 * evaluator: member roles, and the identity account's role. Member accounts by name, the
 * identity account by its name too.
 */
async function reach(yaml: string): Promise<Set<string>> {
  const config = parseConfig(yaml);
  const ev = new IamEvaluator(synthConfig(config));
  const identityName = config.identityAccount.name;
  const out = new Set<string>();
  for (const { id, principal, declared } of PRINCIPALS) {
    if (principal.userName && !ev.userNames(principal.account).includes(principal.userName)) continue;
    for (const mfa of [true, 'absent'] as const) {
      for (const account of await ev.assumableMembers(principal, mfa)) out.add(JSON.stringify([id, account, mfa, declared ?? null]));
      const q = { principal, targetAccountId: ev.identityAccountId, mfa, trustPolicy: organizationsTrust(ev.managementAccountId) };
      if (await ev.canAssume(q)) out.add(JSON.stringify([id, identityName, mfa, declared ?? null]));
    }
  }
  for (const [account, accountId] of ev.memberAccounts) {
    for (const { declared, query } of FEDERATED(accountId)) if (await ev.canAssumeFederated(query)) out.add(JSON.stringify([declared, account, 'federated', declared]));
  }
  return out;
}

/**
 * Whether the diff names a change of `principal` in `account`: in access.gained (lost), or a
 * trust statement of that principal (by ARN, or by its declaration's name) that entered (left) there.
 */
function listed(diff: AccessDiff, change: 'gained' | 'lost', [principal, account, , declared]: [string, string, unknown, string | null]): boolean {
  const inAccess = diff.access[change].some((g) => g.principal === principal && g.account === account);
  const trust = diff.trust[change === 'gained' ? 'entered' : 'left'];
  const inTrust = trust.some((t) => t.account === account && (t.principal.includes(principal) || (declared !== null && t.name === declared)));
  return inAccess || inTrust;
}

function valid(yaml: string): boolean {
  try {
    parseConfig(yaml);
    return true;
  } catch (e) {
    if (process.env.PROPERTY_STATS) console.log((e as Error).message.split('\n').slice(1, 3).join(' / '));
    return false;
  }
}

describe(`report --base against the evaluator: ${PAIRS} random pairs (seed ${SEED})`, () => {
  const r = prng(SEED);
  const cases = Array.from({ length: PAIRS }, (_, i) => {
    const base = baseWithDeclarations(r);
    const head = structuredClone(base);
    const n = r() < 0.15 ? 0 : 1 + Math.floor(r() * 2);
    for (let k = 0; k < n; k++) MUTATIONS[Math.floor(r() * MUTATIONS.length)](head, r);
    return { i, base: stringify(base), head: stringify(head) };
  });
  const stats = { grew: 0, same: 0, shrank: 0, invalid: 0 };

  it.each(cases)('pair $i', async ({ base, head }) => {
    // A change validate refuses (a retired account a group still names) reaches no review.
    if (!valid(base) || !valid(head)) return void stats.invalid++;
    const [before, after] = [await reach(base), await reach(head)];
    const gains = [...after].filter((k) => !before.has(k));
    const losses = [...before].filter((k) => !after.has(k));
    const pair = synthPair(base, head);
    const { text, exitCode } = reportDiffCommand({ config: pair.configPath, out: pair.headOut, base: pair.baseOut, format: 'json' });
    const diff = JSON.parse(text) as AccessDiff;
    if (process.env.PROPERTY_DEBUG) console.log(base, '\n----\n', head, '\n', gains, losses, text);
    // Exit 3 exactly when the evaluator finds a gain.
    expect({ gains, exitCode }).toEqual({ gains, exitCode: gains.length ? ACCESS_GREW : 0 });
    for (const g of gains) expect([g, listed(diff, 'gained', JSON.parse(g))]).toEqual([g, true]);
    for (const l of losses) expect([l, listed(diff, 'lost', JSON.parse(l))]).toEqual([l, true]);
    if (gains.length) stats.grew++;
    else stats.same++;
    if (losses.length) stats.shrank++;
  });

  afterAll(() => {
    if (process.env.PROPERTY_STATS) console.log(stats);
    // Not vacuous: the generator makes both kinds of pair.
    expect(stats.grew).toBeGreaterThan(PAIRS / 5);
    expect(stats.same).toBeGreaterThan(0);
    expect(stats.shrank).toBeGreaterThan(PAIRS / 20);
  });
});

describe('names that look like ARN parts, wildcards, ids or tokens', () => {
  const yaml = (identityName: string, member: string, head: boolean) =>
    stringify({
      organization: { managementAccountId: '111111111111', region: 'us-east-1' },
      identityAccount: { name: identityName, email: 'iam@example.com', id: '222222222222' },
      accounts: [
        { name: member, email: 'm@example.com', id: '333333333333' },
        { name: 'other', email: 'o@example.com', id: '444444444444' },
      ],
      identity: { groups: [{ name: 'g', users: ['alice'], accounts: head ? [member] : ['other'] }] },
      ...(head ? { trust: { principals: [{ name: 'Ci', kind: 'aws', arn: CI_ROLE, human: false, scope: { accounts: [member] } }] } } : {}),
    });

  it.each([
    ['IAM', 'a:b'],
    ['x:y', 'prod:eu'],
    ['123456789012', '*'],
    ['organization', 'ou:x'],
    ['IAM', 'arn:aws:iam::1:root'],
    ['IAM', 'management'],
    ['management', 'x'],
  ])('identity %j, member %j: granting the member and trusting a CI role there exits 3 and lists both', (identityName, member) => {
    const pair = synthPair(yaml(identityName, member, false), yaml(identityName, member, true));
    const { text, exitCode } = reportDiffCommand({ config: pair.configPath, out: pair.headOut, base: pair.baseOut, format: 'json' });
    const diff = JSON.parse(text) as AccessDiff;
    expect(exitCode).toBe(ACCESS_GREW);
    expect(diff.access.gained).toEqual(expect.arrayContaining([expect.objectContaining({ principal: 'identity-user:alice', account: member })]));
    expect(diff.trust.entered).toEqual(expect.arrayContaining([expect.objectContaining({ account: member, name: 'Ci' })]));
    expect(diff.notes).toEqual([]);
  });
});

describe('a member account named "management" is a member account, not the management account', () => {
  const yaml = (groupAccounts: string[]) =>
    stringify({
      organization: { managementAccountId: '111111111111', region: 'us-east-1' },
      identityAccount: { name: 'IAM', email: 'iam@example.com', id: '222222222222' },
      accounts: [
        { name: 'management', email: 'm@example.com', id: '333333333333' },
        { name: 'other', email: 'o@example.com', id: '444444444444' },
      ],
      management: { users: ['user1'] },
      identity: { groups: [{ name: 'g', users: ['alice'], accounts: groupAccounts }] },
    });

  it('a group widened to "*" gains it: exit 3, listed (it shared the management account\'s token, which "*" leaves out)', () => {
    const pair = synthPair(yaml(['other']), yaml(['*']));
    const { text, exitCode } = reportDiffCommand({ config: pair.configPath, out: pair.headOut, base: pair.baseOut, format: 'json' });
    const diff = JSON.parse(text) as AccessDiff;
    expect(exitCode).toBe(ACCESS_GREW);
    expect(diff.access.gained.map((g) => [g.principal, g.account])).toEqual([
      ['identity-group:g', 'management'],
      ['identity-user:alice', 'management'],
    ]);
  });

  it('the management root keeps its own id in every trust policy, and the member its own', () => {
    const pair = synthPair(yaml(['*']), yaml(['*']));
    const report = JSON.parse(reportCommand({ config: pair.configPath, out: pair.headOut, format: 'json' })) as AccessReport;
    for (const a of report.accounts) expect(a.trust.map((t) => t.principal)).toEqual(['arn:aws:iam::111111111111:root', 'arn:aws:iam::222222222222:root']);
    expect(report.accounts.find((a) => a.name === 'management')?.id).toBe('333333333333');
    expect(report.matrix['identity-user:alice']).toEqual({ management: { allowed: true, mfa: true }, other: { allowed: true, mfa: true } });
  });
});
