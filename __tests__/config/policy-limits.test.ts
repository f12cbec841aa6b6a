import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ConfigError } from '../../errors/user-errors';
import { parseConfig } from '../../config/load-config';
import { accountsPerPolicy } from '../../policies/identity-group-policy';
import { forgottenExclusionIssues } from '../../lock/load-org';
import { EMPTY_HISTORY } from '../../lock/history';
import { EMPTY_LOCK, type ShardLock } from '../../lock/lock-format';
import { planOrg } from '../../lock/org-plan';
import { synthConfig } from '../helpers/synth';
import { runMain, tempDir } from '../helpers/run-main';
import { runBin, STACK_LINE } from '../cli/temp-org';

/**
 * Limits that only the constructs used to find (exit 2, after `validate` said "valid") are
 * config rules: a field path, a line, exit 1, in validate and synth alike.
 */
const ROLE = 'OrganizationAccountAccessRole';
/** The most accounts a group may list with MFA (and no max age): 10 policies of this many each. */
const MOST = accountsPerPolicy(ROLE, { denyWithoutMfa: true }) * 10;

function orgWith(members: number, groupAccounts: 'all' | 'listed'): string {
  const accounts = Array.from({ length: members }, (_, i) => ({ name: `acct-${String(i).padStart(5, '0')}`, email: `acct-${i}@example.com` }));
  return stringify({
    organization: { managementAccountId: '111111111111', region: 'us-east-1' },
    identityAccount: { name: 'IAM', email: 'iam@example.com' },
    accounts,
    identity: {
      groups: [
        { name: 'small', users: ['alice'], accounts: [accounts[0].name] },
        { name: 'everyone', users: ['bob'], accounts: groupAccounts === 'all' ? ['*'] : accounts.map((a) => a.name) },
      ],
    },
    trust: { shardSize: 100 },
  });
}

const problem = (yaml: string) => {
  try {
    parseConfig(yaml, 'org.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).issues;
  }
  throw new Error('accepted');
};

describe('a group that would need more than 10 managed policies', () => {
  it(`is accepted at the limit (${MOST} named accounts)`, () => {
    expect(() => parseConfig(orgWith(MOST, 'listed'))).not.toThrow();
  });

  it('is never a group on "*": one policy whatever the number of accounts (10,000 here)', () => {
    expect(parseConfig(orgWith(10_000, 'all')).identity.groups[1]).toMatchObject({ allAccounts: true, namedAccounts: [] });
  });

  it('is a config error one named account past it, naming the group, its field and line', () => {
    const yaml = orgWith(MOST + 1, 'listed');
    const issues = problem(yaml);
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toEqual(['identity', 'groups', 1, 'accounts']);
    expect(issues[0].message).toBe(
      `group "everyone" would need 11 managed policies for its ${MOST + 1} accounts, and IAM attaches at most 10 to a group ` +
        `(at most ${MOST} named accounts a group with this role name and MFA setting): grant by OU (ous) or by "*" instead, or split it into several groups`,
    );
    // The `accounts:` key of the second group: the last one in the file.
    const accountsKeys = yaml.split('\n').flatMap((l, i) => (/^\s+accounts:/.test(l) ? [i + 1] : []));
    expect(issues[0].line).toBe(accountsKeys[accountsKeys.length - 1]);
  });

  it('is refused by validate and by synth alike: exit 1, the same message, no stack trace', async () => {
    const dir = tempDir();
    const config = join(dir, 'org.yaml');
    writeFileSync(config, orgWith(MOST + 1, 'listed'));
    const validate = runBin(['validate', '--config', config]);
    expect(validate.status).toBe(1);
    expect(validate.stderr).toMatch(/org\.yaml:\d+: identity\.groups\[1\]\.accounts: group "everyone" would need 11 managed policies/);
    const synth = await runMain(config, join(dir, 'out'));
    expect(synth.code).toBe(1);
    expect(synth.stderr).toMatch(/org\.yaml:\d+: identity\.groups\[1\]\.accounts: group "everyone" would need 11 managed policies/);
    expect(`${validate.stderr}${synth.stderr}`).not.toMatch(STACK_LINE);
  }, 60_000);
});

describe('the accounts that groups on "*" and by OU leave out', () => {
  /** `retired` retired members (ids given), and a group on "*" or on OU Workloads. */
  const orgWithRetired = (retired: number, scope: 'all' | 'ou') =>
    stringify({
      organization: { managementAccountId: '111111111111', region: 'us-east-1', organizationalUnits: [{ name: 'Workloads' }] },
      identityAccount: { name: 'IAM', email: 'iam@example.com' },
      accounts: [
        { name: 'live', email: 'live@example.com', ou: 'Workloads' },
        ...Array.from({ length: retired }, (_, i) => ({ name: `old-${i}`, email: `old-${i}@example.com`, id: String(500000000000 + i), retired: true })),
      ],
      identity: { groups: [{ name: 'everyone', users: ['bob'], ...(scope === 'all' ? { accounts: ['*'] } : { ous: ['Workloads'] }) }] },
    });

  it('fit one policy with a few hundred retired accounts', () => {
    expect(() => parseConfig(orgWithRetired(300, 'all'))).not.toThrow();
  });

  it.each([
    ['all', 'accounts', 'organization'],
    ['ou', 'ous', 'OU'],
  ] as const)('past one policy (group %s) are a config error on the group field, not a throw at synth', (scope, field, what) => {
    const issues = problem(orgWithRetired(420, scope));
    expect(issues.map((i) => i.path)).toEqual([['identity', 'groups', 0, field]]);
    expect(issues[0].message).toBe(
      `group "everyone": its ${what} policy does not fit in one managed policy (6144 characters) with the 422 accounts it must leave out (management, identity, retired)`,
    );
  });
});

describe('the forgotten accounts of the lock, which groups on "*" and by OU leave out too', () => {
  const yaml = stringify({
    organization: { managementAccountId: '111111111111', region: 'us-east-1' },
    identityAccount: { name: 'IAM', email: 'iam@example.com' },
    accounts: [{ name: 'live', email: 'live@example.com' }],
    identity: { groups: [{ name: 'everyone', users: ['bob'], accounts: ['*'] }] },
  });
  const lockForgetting = (n: number): ShardLock => ({
    ...EMPTY_LOCK,
    history: { ...EMPTY_HISTORY, forgottenAccounts: Array.from({ length: n }, (_, i) => ({ key: `old_${i}`, stack: 'trust-1', accountId: String(500000000000 + i) })) },
  });

  it('are counted: past one policy, the lock check refuses, naming the group and the lock field', () => {
    const config = parseConfig(yaml);
    expect(forgottenExclusionIssues(planOrg(config, lockForgetting(300)), config)).toEqual([]);
    const issues = forgottenExclusionIssues(planOrg(config, lockForgetting(420)), config);
    expect(issues.map((i) => i.path)).toEqual([['history', 'forgottenAccounts']]);
    expect(issues[0].message).toMatch(/^identity\.groups\[0\]\.accounts: group "everyone": its organization policy does not fit .* \(counting the 420 forgotten accounts this lock records/);
  });

  it('the identity stack leaves them out by id', () => {
    const config = parseConfig(yaml);
    const identity = synthConfig(config, lockForgetting(3)).json.identity;
    const policy = Object.values(identity.resource.aws_iam_policy as Record<string, { policy: string }>).find((p) => p.policy.includes('aws:ResourceOrgID'))!;
    for (const id of ['500000000000', '500000000001', '500000000002']) expect(policy.policy).toContain(id);
  });
});

/**
 * Every `throw` in constructs/, stacks/ and policies/, with the config rule that refuses its
 * cause first (so validate and synth exit 1 with a field path, never 2). A new throw there
 * must join this list with its rule, or become a config rule itself.
 */
describe('throws inside constructs, stacks and policies', () => {
  const AUDITED: Record<string, string> = {
    'constructs/identity-group.ts':
      "policyLimitIssues: a group needing more than 10 managed policies, or whose exclusions do not fit one (above); forgottenExclusionIssues with the lock's forgotten accounts",
    'constructs/organizational-units.ts': 'cross-field rules: unknown OU paths and managed accounts in retired OUs (invalid-configs 15, 63, 64)',
    'policies/declared-principal-trust.ts':
      'schema and principal rules: an aws ARN that is not a role or user ARN (invalid-configs principals-04, -05), a service declaration without sourceAccounts or sourceArns (principals-19)',
  };

  it('are each unreachable from a validated config', () => {
    const root = join(__dirname, '..', '..');
    const found = ['constructs', 'stacks', 'policies'].flatMap((dir) =>
      readdirSync(join(root, dir))
        .filter((f) => f.endsWith('.ts') && /\bthrow\b/.test(readFileSync(join(root, dir, f), 'utf8')))
        .map((f) => `${dir}/${f}`),
    );
    expect(found.sort()).toEqual(Object.keys(AUDITED).sort());
  });
});
