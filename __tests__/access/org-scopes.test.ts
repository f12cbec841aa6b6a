import { stringify } from 'yaml';
import type { OrgConfigInput } from '../../config/schema';
import { ALLOW_ALL, IamEvaluator, type PolicyDocument } from '../helpers/iam-evaluator';
import { synthYaml, type SynthResult } from '../helpers/synth';

/**
 * Groups on "*" and by OU, judged by iam-simulate over the synthesized JSON with the request
 * context IAM builds for sts:AssumeRole: aws:ResourceAccount, aws:ResourceOrgID and
 * aws:ResourceOrgPaths of the role's account (the evaluator reads where each account sits
 * from the management stack's resources, not from the policies).
 */
const MANAGEMENT = '111111111111';
const IDENTITY = '222222222222';
const OUTSIDER = '444455556666';
const ORG = 'o-scopes12345';

function org(edit: (c: OrgConfigInput) => void = () => {}): OrgConfigInput {
  const config: OrgConfigInput = {
    organization: {
      managementAccountId: MANAGEMENT,
      region: 'us-east-1',
      organizationalUnits: [
        { name: 'Security' },
        { name: 'Workloads', children: [{ name: 'Prod', children: [{ name: 'Payments' }] }, { name: 'Dev' }] },
      ],
    },
    identityAccount: { name: 'IAM', email: 'iam@example.com', id: IDENTITY, ou: 'Security' },
    accounts: [
      { name: 'prod-web', email: 'prod-web@example.com', ou: 'Workloads/Prod' },
      { name: 'payments', email: 'payments@example.com', id: '333333333301', ou: 'Workloads/Prod/Payments' },
      { name: 'dev-web', email: 'dev-web@example.com', ou: 'Workloads/Dev' },
      { name: 'sec-tools', email: 'sec-tools@example.com', ou: 'Security' },
      { name: 'sandbox', email: 'sandbox@example.com' },
      { name: 'old-prod', email: 'old-prod@example.com', id: '333333333399', ou: 'Workloads/Prod', retired: true },
    ],
    management: { users: ['billing'] },
    identity: {
      requireMfa: true,
      groups: [
        { name: 'everyone', users: ['alice'], accounts: ['*'] },
        { name: 'prod', users: ['bob'], ous: ['Workloads/Prod'] },
        { name: 'dev-and-tools', users: ['carol'], ous: ['Workloads/Dev'], accounts: ['sec-tools'] },
      ],
    },
  };
  edit(config);
  return config;
}

const user = (userName: string) => ({ account: 'identity', userName });
/** A trust policy someone could have written by hand: the identity account root, no conditions. */
const trustsIdentity = (identity: string): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${identity}:root` }, Action: 'sts:AssumeRole' }],
});

describe('groups on "*" and by OU (iam-simulate, request context with the resource organization keys)', () => {
  let synth: SynthResult;
  let ev: IamEvaluator;
  let members: string[];
  const id = (name: string) => ev.accountIds.get(name)!;

  beforeAll(() => {
    synth = synthYaml(stringify(org()));
    ev = new IamEvaluator(synth, { orgId: ORG });
    members = [...ev.memberAccounts.keys()];
  });

  it('evaluates the paths IAM would give: the parent OU chain of each account', () => {
    expect(members).toEqual(['dev-web', 'payments', 'prod-web', 'sandbox', 'sec-tools']);
    const prod = ev.orgPathOf(id('prod-web'));
    expect(prod).toMatch(/^o-scopes12345\/r-ab12\/ou-ab12-\d{8}\/ou-ab12-\d{8}\/$/);
    expect(ev.orgPathOf(id('payments')).startsWith(prod)).toBe(true);
    expect(ev.orgPathOf(id('sandbox'))).toBe('o-scopes12345/r-ab12/');
  });

  describe('a user of the "*" group', () => {
    it('with MFA reaches every member account', async () => {
      expect(await ev.assumableMembers(user('alice'), true)).toEqual(members);
    });

    it('never reaches the identity or the management account, even where a role there trusts the identity account', async () => {
      for (const target of [IDENTITY, MANAGEMENT]) {
        expect(await ev.canAssume({ principal: user('alice'), targetAccountId: target, mfa: true, trustPolicy: trustsIdentity(IDENTITY) })).toBe(false);
      }
      // Not vacuous: the same trust lets an identity administrator in, so the group policy is what refuses.
      expect(await ev.canAssume({ principal: { account: 'identity' }, targetAccountId: MANAGEMENT, mfa: true, trustPolicy: trustsIdentity(IDENTITY) })).toBe(true);
    });

    it('never reaches a retired account, whose role still trusts the identity account', async () => {
      expect(await ev.canAssume({ principal: user('alice'), targetAccountId: '333333333399', mfa: true, trustPolicy: trustsIdentity(IDENTITY) })).toBe(false);
    });

    it('reaches no account outside the organization, whatever its trust policy says', async () => {
      expect(await ev.canAssume({ principal: user('alice'), targetAccountId: OUTSIDER, mfa: true, trustPolicy: trustsIdentity(IDENTITY) })).toBe(false);
    });
  });

  describe('a user of an OU group', () => {
    it('with MFA reaches the accounts in the OU and in the OUs below it, and no others', async () => {
      expect(await ev.assumableMembers(user('bob'), true)).toEqual(['payments', 'prod-web']);
    });

    it('with OUs and named accounts together reaches both', async () => {
      expect(await ev.assumableMembers(user('carol'), true)).toEqual(['dev-web', 'sec-tools']);
    });

    it('loses an account moved out of the OU in AWS, with the same policies', async () => {
      const moved = new IamEvaluator(synth, { orgId: ORG, placement: { 'prod-web': 'Workloads/Dev', payments: '' } });
      expect(await moved.assumableMembers(user('bob'), true)).toEqual([]);
      expect(await moved.assumableMembers(user('carol'), true)).toEqual(['dev-web', 'prod-web', 'sec-tools']);
      expect(await moved.assumableMembers(user('alice'), true)).toEqual(members);
    });

    it('loses an account moved out of the OU in the config: the group policy does not change, the account path does', async () => {
      const edited = synthYaml(stringify(org((c) => (c.accounts![0].ou = 'Workloads/Dev'))));
      const groupPolicies = (s: SynthResult) => Object.entries(s.json.identity.resource.aws_iam_policy).filter(([k]) => k.startsWith('group_prod_'));
      expect(groupPolicies(edited)).toEqual(groupPolicies(synth));
      const after = new IamEvaluator(edited, { orgId: ORG });
      expect(await after.assumableMembers(user('bob'), true)).toEqual(['payments']);
      expect(await after.assumableMembers(user('carol'), true)).toEqual(['dev-web', 'prod-web', 'sec-tools']);
    });

    it('reaches an account the config does not list, in its OU, only where that role trusts the identity account by hand', async () => {
      const stray = '333333333377';
      const withStray = new IamEvaluator(synth, { orgId: ORG, unmanagedMembers: { [stray]: 'Workloads/Prod' } });
      expect(await withStray.canAssume({ principal: user('bob'), targetAccountId: stray, mfa: true, trustPolicy: trustsIdentity(IDENTITY) })).toBe(true);
      const awsDefault: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MANAGEMENT}:root` }, Action: 'sts:AssumeRole' }] };
      expect(await withStray.canAssume({ principal: user('bob'), targetAccountId: stray, mfa: true, trustPolicy: awsDefault })).toBe(false);
    });

    it('never reaches the identity account in an OU it names', async () => {
      const security = new IamEvaluator(synthYaml(stringify(org((c) => (c.identity!.groups![1].ous = ['Security'])))), { orgId: ORG });
      expect(await security.assumableMembers(user('bob'), true)).toEqual(['sec-tools']);
      expect(await security.canAssume({ principal: user('bob'), targetAccountId: IDENTITY, mfa: true, trustPolicy: trustsIdentity(IDENTITY) })).toBe(false);
    });
  });

  it('without MFA, or with long-term keys, no identity user reaches any account', async () => {
    for (const name of ev.userNames('identity')) {
      expect(await ev.assumableMembers(user(name), false)).toEqual([]);
      expect(await ev.assumableMembers(user(name), 'absent')).toEqual([]);
    }
  });

  it('principals outside the organization reach no account, even as admins with MFA', async () => {
    expect(await ev.assumableMembers({ account: OUTSIDER }, true)).toEqual([]);
    expect(await ev.assumableMembers({ account: OUTSIDER, userName: 'alice', identityPolicies: [ALLOW_ALL] }, true)).toEqual([]);
  });

  it('with organization.id in the config: the same access from a literal id, and none for another organization', async () => {
    const literal = synthYaml(stringify(org((c) => (c.organization!.id = ORG))));
    expect(await new IamEvaluator(literal, { orgId: ORG }).assumableMembers(user('alice'), true)).toEqual(members);
    expect(await new IamEvaluator(literal, { orgId: 'o-another12345' }).assumableMembers(user('alice'), true)).toEqual([]);
  });
});
