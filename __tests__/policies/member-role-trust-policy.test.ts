import { memberRoleTrustPolicy } from '../../policies/member-role-trust-policy';
import { MFA_ALWAYS } from '../../policies/mfa-condition';
import { statement } from './statements';

const props = { managementAccountId: '111111111111', identityAccountId: '222222222222', identityMfaRule: MFA_ALWAYS };
const allowRoot = (Sid: string, account: string) => ({ Sid, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' });

describe('the member role trust policy', () => {
  it('trusts the management root without conditions, so Terraform never locks itself out (I1)', () => {
    expect(statement(memberRoleTrustPolicy(props), 'ManagementAccount')).toEqual(allowRoot('ManagementAccount', '111111111111'));
  });

  it('lets in IAM users of the identity account only, with MFA', () => {
    expect(statement(memberRoleTrustPolicy(props), 'IdentityAccount')).toEqual({
      ...allowRoot('IdentityAccount', '222222222222'),
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::222222222222:user/*' } },
    });
  });

  it('drops the MFA condition, and only it, where the identity block does not require MFA', () => {
    const identity = statement(memberRoleTrustPolicy({ ...props, identityMfaRule: { denyWithoutMfa: false } }), 'IdentityAccount');
    expect(identity.Condition).toEqual({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::222222222222:user/*' } });
  });

  it('names the identity account through an expression when its id comes from another stack', () => {
    const expression = '${data.terraform_remote_state.management.outputs.account_ids["IAM"]}';
    const doc = memberRoleTrustPolicy({ ...props, identityAccountId: expression });
    expect(statement(doc, 'IdentityAccount').Principal).toEqual({ AWS: `arn:aws:iam::${expression}:root` });
    expect(doc.Statement).toHaveLength(2);
  });
});
