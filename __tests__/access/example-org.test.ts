import type { OrgConfig } from '../../config/model';
import { exampleYaml } from '../helpers/example';
import { ALLOW_ALL, IamEvaluator } from '../helpers/iam-evaluator';
import { synthYaml } from '../helpers/synth';

/** An account outside the organization (not in the example's ids, not a fake id). */
const OUTSIDER = '444455556666';

describe('access in the example org, judged by iam-simulate over the synthesized JSON', () => {
  let ev: IamEvaluator;
  let config: OrgConfig;
  let members: string[];

  beforeAll(() => {
    const result = synthYaml(exampleYaml());
    config = result.config;
    ev = new IamEvaluator(result, { orgId: 'o-example1234' });
    members = [...ev.memberAccounts.keys()];
  });

  it('finds a managed cross-account role in every member account of the config', () => {
    expect(members).toEqual(config.accounts.map((a) => a.name));
    expect(ev.userNames('identity')).toEqual(['alice', 'bob', 'carol', 'dave']);
  });

  describe('I1: no lockout', () => {
    it.each([true, 'absent'] as const)('management root/admin can assume the member role everywhere (mfa %s)', async (mfa) => {
      expect(await ev.assumableMembers({ account: 'management' }, mfa)).toEqual(members);
    });
  });

  describe('management users', () => {
    const user1 = { account: 'management', userName: 'user1' };
    const createRole = () => ({ targetAccountId: config.organization.managementAccountId, roleName: config.management.createAccountRoleName });

    it('assume the create-account role with MFA only', async () => {
      expect(await ev.canAssume({ principal: user1, ...createRole(), mfa: true })).toBe(true);
      expect(await ev.canAssume({ principal: user1, ...createRole(), mfa: false })).toBe(false);
      expect(await ev.canAssume({ principal: user1, ...createRole(), mfa: 'absent' })).toBe(false);
    });

    it('nobody of another account assumes the create-account role, not even an admin with MFA', async () => {
      for (const principal of [{ account: 'identity', userName: 'alice' }, { account: 'identity' }, { account: OUTSIDER }]) {
        expect(await ev.canAssume({ principal, ...createRole(), mfa: true })).toBe(false);
      }
    });

    it('assume the cross-account role in every member account with MFA, in none without', async () => {
      expect(await ev.assumableMembers(user1, true)).toEqual(members);
      expect(await ev.assumableMembers(user1, false)).toEqual([]);
      expect(await ev.assumableMembers(user1, 'absent')).toEqual([]);
    });

    it('cannot assume a same-named role in an account outside the organization that trusts them', async () => {
      const outsideTrust = {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${config.organization.managementAccountId}:root` }, Action: 'sts:AssumeRole' }],
      };
      const query = { targetAccountId: OUTSIDER, trustPolicy: outsideTrust, mfa: true } as const;
      expect(await ev.canAssume({ principal: user1, ...query })).toBe(false);
      // Control: the outside role is assumable at all, so the denial above is the user's policy (aws:ResourceOrgID).
      expect(await ev.canAssume({ principal: { account: 'management' }, ...query })).toBe(true);
    });
  });

  describe('I2: identity users get exactly their groups', () => {
    const expectedFor = (user: string) => {
      const names = new Set(config.identity.groups.filter((g) => g.users.includes(user)).flatMap((g) => g.accounts));
      return members.filter((m) => names.has(m));
    };

    it('with MFA: the union of their groups’ accounts, and nothing else', async () => {
      const matrix = await ev.accessMatrix(true);
      expect(matrix.management).toEqual({ user1: members });
      const seen = matrix.identity;
      expect(seen).toEqual(Object.fromEntries(ev.userNames('identity').map((u) => [u, expectedFor(u)])));
      // The example distinguishes users: carol only ACCOUNT02, dave three accounts, bob the union of admins and developers.
      expect(seen.carol).toEqual(['ACCOUNT02']);
      expect(seen.dave).toEqual(['ACCOUNT01', 'ACCOUNT03', 'Logging']);
      expect(seen.bob).toEqual(members);
    });

    it.each([false, 'absent'] as const)('without MFA (%s): nowhere', async (mfa) => {
      for (const user of ev.userNames('identity')) {
        expect(await ev.assumableMembers({ account: 'identity', userName: user }, mfa)).toEqual([]);
      }
    });

    it('with MFA older than mfaMaxAgeSeconds: nowhere; at the limit: as usual', async () => {
      const max = config.identity.mfaMaxAgeSeconds!;
      expect(max).toBe(43200);
      for (const user of ev.userNames('identity')) {
        expect(await ev.assumableMembers({ account: 'identity', userName: user }, true, max + 1)).toEqual([]);
        expect(await ev.assumableMembers({ account: 'identity', userName: user }, true, max)).toEqual(expectedFor(user));
      }
    });

    it('trust alone is not enough: an identity user without a group policy is denied even with MFA', async () => {
      expect(await ev.assumableMembers({ account: 'identity', userName: 'alice', groups: ['mfa-self-service'] }, true)).toEqual([]);
      expect(await ev.assumableMembers({ account: 'identity', userName: 'alice', groups: [] }, true)).toEqual([]);
    });

    it('the trust itself enforces MFA and its age for identity users, whatever their own policies allow', async () => {
      const unrestricted = { account: 'identity', userName: 'alice', groups: [], identityPolicies: [ALLOW_ALL] } as const;
      expect(await ev.assumableMembers(unrestricted, true)).toEqual(members);
      expect(await ev.assumableMembers(unrestricted, 'absent')).toEqual([]);
      expect(await ev.assumableMembers(unrestricted, true, 43201)).toEqual([]);
    });

    it('only IAM users of the identity account are trusted: its root and its roles are not, even allowed everything with MFA', async () => {
      expect(await ev.assumableMembers({ account: 'identity' }, true)).toEqual([]);
      expect(await ev.assumableMembers({ account: 'identity', roleSession: 'OrganizationAccountAccessRole' }, true)).toEqual([]);
      expect(await ev.assumableMembers({ account: 'identity', roleSession: 'some-workload-role' }, true)).toEqual([]);
    });
  });

  describe('principals outside the organization', () => {
    it('assume no member role, even as an admin with MFA', async () => {
      expect(await ev.assumableMembers({ account: OUTSIDER }, true)).toEqual([]);
      const user = { account: OUTSIDER, userName: 'alice', identityPolicies: [ALLOW_ALL] };
      expect(await ev.assumableMembers(user, true)).toEqual([]);
    });

    it('a member account (in the org) cannot use another member account’s role either', async () => {
      const [first, second] = [...ev.memberAccounts.values()];
      expect(await ev.canAssume({ principal: { account: first }, targetAccountId: second, mfa: true })).toBe(false);
    });
  });
});
