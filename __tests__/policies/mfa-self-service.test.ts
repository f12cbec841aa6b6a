import { mfaSelfServicePolicy } from '../../policies/mfa-self-service';
import { actionsOf, statement } from './statements';

describe('the MFA self-service policy', () => {
  it('denies everything but enrolment and sign-in basics without MFA, by default', () => {
    const deny = statement(mfaSelfServicePolicy(), 'DenyAllExceptListedIfNoMFA');
    expect(deny).toMatchObject({ Effect: 'Deny', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } });
    expect(deny.NotAction).toEqual(expect.arrayContaining(['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'sts:GetSessionToken']));
    expect(deny.NotAction).not.toContain('sts:AssumeRole');
  });

  it('leaves that deny out where MFA is turned off, and still guards credentials with MFA (I9)', () => {
    const doc = mfaSelfServicePolicy({ denyWithoutMfa: false });
    expect(doc.Statement.map((s) => s.Sid)).not.toContain('DenyAllExceptListedIfNoMFA');
    const guard = statement(doc, 'DenyCredentialManagementWithoutMfa');
    expect(guard.Condition).toEqual({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } });
    expect(actionsOf(guard)).toEqual(expect.arrayContaining(['iam:CreateAccessKey', 'iam:ChangePassword', 'iam:DeactivateMFADevice', 'iam:DeleteVirtualMFADevice']));
  });

  it('denies enrolment to long-term access keys, which carry no aws:MultiFactorAuthPresent', () => {
    expect(statement(mfaSelfServicePolicy(), 'DenyEnrolmentWithLongTermKeys')).toEqual({
      Sid: 'DenyEnrolmentWithLongTermKeys',
      Effect: 'Deny',
      Action: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice'],
      Resource: '*',
      Condition: { Null: { 'aws:MultiFactorAuthPresent': 'true' } },
    });
  });

  it("scopes a user's own credentials to ${aws:username}, left for the constructs to escape", () => {
    const own = statement(mfaSelfServicePolicy(), 'AllowManageOwnCredentialsWithMfa');
    expect(own.Resource).toBe('arn:aws:iam::*:user/${aws:username}');
    expect(own.Condition).toEqual({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } });
  });
});
