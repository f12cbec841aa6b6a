import { stringify } from 'yaml';
import { parseConfig } from '../../config/load-config';
import { reportDiffCommand, ACCESS_GREW } from '../../cli/commands/report-diff';
import type { AccessDiff } from '../../access/access-diff';
import type { AccessReport } from '../../access/access-matrix';
import { reportCommand } from '../../cli/commands/report';
import { IamEvaluator, type Principal } from '../helpers/iam-evaluator';
import { synthConfig } from '../helpers/synth';
import { synthPair } from './synth-pair';
import { prng } from '../helpers/prng';

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
const OUS = [undefined, 'Workloads', 'Workloads/Prod', 'Workloads/Dev'];
const CI_ROLE = 'arn:aws:iam::444455556666:role/ci';

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function randomName(r: () => number, taken: Set<string>): string {
  for (;;) {
    const name = r() < 0.3 ? HOSTILE_NAMES[Math.floor(r() * HOSTILE_NAMES.length)] : Array.from({ length: 1 + Math.floor(r() * 8) }, () => NAME_CHARS[Math.floor(r() * NAME_CHARS.length)]).join('');
    if (name.trim() === name && name.length && !taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}

function baseConfig(r: () => number): Raw {
  const taken = new Set<string>();
  const identityName = randomName(r, taken);
  const accounts = Array.from({ length: 3 + Math.floor(r() * 3) }, (_, i) => ({
    name: randomName(r, taken),
    email: `m${i}@example.com`,
    id: String(333333333300 + i),
    ...(OUS[i % OUS.length] ? { ou: OUS[i % OUS.length] } : {}),
  }));
  const pick = () => accounts.filter(() => r() < 0.4).map((a) => a.name);
  const reach = (): Raw => (r() < 0.25 ? { accounts: ['*'] } : r() < 0.5 ? { accounts: pick(), ous: ['Workloads/Prod'] } : { accounts: pick() });
  return {
    organization: { managementAccountId: '111111111111', region: 'us-east-1', organizationalUnits: [{ name: 'Workloads', children: [{ name: 'Prod' }, { name: 'Dev' }] }] },
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
    trust: { shardSize: 2 },
  };
}

/** One or two changes a pull request might make. */
const MUTATIONS: ((c: Raw, r: () => number) => void)[] = [
  (c, r) => c.identity.groups[0].accounts.push(c.accounts[Math.floor(r() * c.accounts.length)].name),
  (c) => c.identity.groups[1].users.push('carol'),
  (c, r) => (c.accounts[Math.floor(r() * c.accounts.length)].ou = 'Workloads/Prod'),
  (c, r) => (c.accounts[Math.floor(r() * c.accounts.length)].retired = true),
  (c) => c.accounts.push({ name: 'NEWONE', email: 'new@example.com', id: '333333333399' }),
  (c) => (c.identity.requireMfa = false),
  (c, r) => (c.trust.principals = [{ name: 'Ci', kind: 'aws', arn: CI_ROLE, human: false, scope: { accounts: [c.accounts[Math.floor(r() * c.accounts.length)].name] } }]),
  (c) => (c.identity.groups[0].accounts = ['*']),
  (c) => c.identity.groups[1].accounts.splice(0, 1),
];

const PRINCIPALS: { id: string; principal: Principal }[] = [
  { id: 'identity-user:alice', principal: { account: 'identity', userName: 'alice' } },
  { id: 'identity-user:bob', principal: { account: 'identity', userName: 'bob' } },
  { id: 'identity-user:carol', principal: { account: 'identity', userName: 'carol' } },
  { id: 'management-user:user1', principal: { account: 'management', userName: 'user1' } },
  { id: CI_ROLE, principal: { account: '444455556666', roleSession: 'ci' } },
];

/** [principal, account, mfa] as JSON for every member role a principal reaches, per the evaluator. */
async function reach(yaml: string): Promise<Set<string>> {
  const ev = new IamEvaluator(synthConfig(parseConfig(yaml)));
  const out = new Set<string>();
  for (const { id, principal } of PRINCIPALS) {
    if (principal.userName && !ev.userNames(principal.account).includes(principal.userName)) continue;
    for (const mfa of [true, 'absent'] as const) for (const account of await ev.assumableMembers(principal, mfa)) out.add(JSON.stringify([id, account, mfa]));
  }
  return out;
}

/** Whether the diff names a gain of `principal` in `account`: in access.gained, or a trust statement that entered there. */
function listed(diff: AccessDiff, principal: string, account: string): boolean {
  const gained = diff.access.gained.some((g) => g.principal === principal && g.account === account);
  const entered = diff.trust.entered.some((t) => t.account === account && t.principal.includes(principal));
  return gained || entered;
}

function valid(yaml: string): boolean {
  try {
    parseConfig(yaml);
    return true;
  } catch {
    return false;
  }
}

describe(`report --base against the evaluator: ${PAIRS} random pairs (seed ${SEED})`, () => {
  const r = prng(SEED);
  const cases = Array.from({ length: PAIRS }, (_, i) => {
    const base = baseConfig(r);
    const head = structuredClone(base);
    const n = r() < 0.15 ? 0 : 1 + Math.floor(r() * 2);
    for (let k = 0; k < n; k++) MUTATIONS[Math.floor(r() * MUTATIONS.length)](head, r);
    return { i, base: stringify(base), head: stringify(head), changed: n > 0 };
  });
  const stats = { grew: 0, same: 0 };

  it.each(cases)('pair $i', async ({ base, head, changed }) => {
    // A change validate refuses (a retired account a group still names) reaches no review.
    if (!valid(base) || !valid(head)) return;
    const [before, after] = [await reach(base), await reach(head)];
    const gains = [...after].filter((k) => !before.has(k));
    const pair = synthPair(base, head);
    const { text, exitCode } = reportDiffCommand({ config: pair.configPath, out: pair.headOut, base: pair.baseOut, format: 'json' });
    const diff = JSON.parse(text) as AccessDiff;
    if (gains.length) {
      stats.grew++;
      if (process.env.PROPERTY_DEBUG) console.log(base, '\n----\n', head, '\n', text);
      expect({ gains, exitCode }).toEqual({ gains, exitCode: ACCESS_GREW });
      for (const g of gains) {
        const [principal, account] = JSON.parse(g) as [string, string];
        expect([g, listed(diff, principal, account)]).toEqual([g, true]);
      }
    } else if (!changed) {
      stats.same++;
      expect(exitCode).toBe(0);
    }
  });

  afterAll(() => {
    // Not vacuous: the generator makes both kinds of pair.
    expect(stats.grew).toBeGreaterThan(PAIRS / 5);
    expect(stats.same).toBeGreaterThan(0);
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
