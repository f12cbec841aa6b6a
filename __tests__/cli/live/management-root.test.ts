import { trustKeepsManagementRoot } from '../../../cli/live/management-root';
import { memberRoleTrustPolicy } from '../../../policies/member-role-trust-policy';
import { identityMfaRule } from '../../../policies/mfa-condition';

/** preflight BLOCKS a synthesized trust that does not keep the management root in, whatever the reason. */
const MGMT = '111111111111';
const root = `arn:aws:iam::${MGMT}:root`;
const allow = (extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Principal: { AWS: root }, Action: 'sts:AssumeRole', ...extra });
const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });

describe('trustKeepsManagementRoot', () => {
  it('the trust org-trust synthesizes keeps the root', () => {
    const policy = memberRoleTrustPolicy({ managementAccountId: MGMT, identityAccountId: '222222222222', identityMfaRule: identityMfaRule({ denyWithoutMfa: true }) } as Parameters<typeof memberRoleTrustPolicy>[0]);
    expect(trustKeepsManagementRoot(policy, MGMT)).toBe(true);
  });

  it('the guarded trust keeps the root: its runner-session Deny never applies to the management account', () => {
    const policy = memberRoleTrustPolicy({ managementAccountId: MGMT, identityAccountId: '222222222222', identityMfaRule: identityMfaRule({ denyWithoutMfa: true }), runnerSessionGuard: true });
    expect(trustKeepsManagementRoot(policy, MGMT)).toBe(true);
  });

  it.each([
    ['the bare id as principal', doc(allow({ Principal: { AWS: MGMT } }))],
    ['sts:* as action', doc(allow({ Action: ['sts:*'] }))],
    ['a Deny exempting the management account and another', doc(allow(), { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Condition: { StringNotEquals: { 'aws:PrincipalAccount': [MGMT, '222222222222'] } } })],
    ['a list of principals', doc(allow({ Principal: { AWS: ['arn:aws:iam::222222222222:root', root] } }))],
  ])('keeps it with %s', (_what, policy) => {
    expect(trustKeepsManagementRoot(policy, MGMT)).toBe(true);
  });

  it.each([
    ['no statement', doc()],
    ['another account only', doc(allow({ Principal: { AWS: 'arn:aws:iam::999999999999:root' } }))],
    ['a condition on the root (MFA: Terraform has none)', doc(allow({ Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }))],
    ['another action', doc(allow({ Action: 'sts:TagSession' }))],
    ['a Deny beside it', doc(allow(), { Effect: 'Deny', Principal: { AWS: root }, Action: 'sts:AssumeRole' })],
    ['NotAction', doc({ Effect: 'Allow', Principal: { AWS: root }, NotAction: 'iam:*' })],
    ['the root of a look-alike id', doc(allow({ Principal: { AWS: 'arn:aws:iam::1111111111111:root' } }))],
    ['not a policy', 'nonsense'],
    ['a Deny exempting another account', doc(allow(), { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Condition: { StringNotEquals: { 'aws:PrincipalAccount': '222222222222' } } })],
    ['a Deny with the exemption under another operator', doc(allow(), { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalAccount': MGMT } } })],
  ])('does not keep it with %s', (_what, policy) => {
    expect(trustKeepsManagementRoot(policy, MGMT)).toBe(false);
  });
});
