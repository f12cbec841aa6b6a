import { policyDocument, type PolicyDocument, type PolicyStatement } from './document';
import { MFA_ALWAYS, mfaCondition } from './mfa-condition';

const SELF = 'arn:aws:iam::*:user/${aws:username}';

/** What a user may do before signing in with MFA: enrol a device, and nothing else. */
const ALLOWED_WITHOUT_MFA = [
  'iam:CreateVirtualMFADevice',
  'iam:EnableMFADevice',
  'iam:GetUser',
  'iam:GetMFADevice',
  'iam:ListMFADevices',
  'iam:ListVirtualMFADevices',
  'iam:ResyncMFADevice',
  'sts:GetSessionToken',
];

/**
 * Self-service for users who have no permissions of their own: after the AWS IAM User
 * Guide example "Allows MFA-authenticated IAM users to manage their own credentials".
 * Without MFA a user can only enrol an MFA device (and call GetSessionToken, which is how
 * aws-vault presents the MFA code); with MFA, manage their own password and keys.
 * `${aws:username}` is an IAM policy variable, escaped for Terraform by the constructs.
 */
export function mfaSelfServicePolicy(options: { denyWithoutMfa: boolean } = { denyWithoutMfa: true }): PolicyDocument {
  const statements: PolicyStatement[] = [
    {
      Sid: 'AllowViewAccountInfo',
      Effect: 'Allow',
      Action: ['iam:GetAccountPasswordPolicy', 'iam:ListVirtualMFADevices'],
      Resource: '*',
    },
    {
      Sid: 'AllowManageOwnVirtualMFADevice',
      Effect: 'Allow',
      Action: 'iam:CreateVirtualMFADevice',
      Resource: 'arn:aws:iam::*:mfa/*',
    },
    {
      Sid: 'AllowManageOwnUserMFA',
      Effect: 'Allow',
      Action: ['iam:DeactivateMFADevice', 'iam:EnableMFADevice', 'iam:GetMFADevice', 'iam:GetUser', 'iam:ListMFADevices', 'iam:ResyncMFADevice'],
      Resource: SELF,
    },
    {
      Sid: 'AllowManageOwnCredentialsWithMfa',
      Effect: 'Allow',
      Action: [
        'iam:ChangePassword',
        'iam:CreateAccessKey',
        'iam:DeleteAccessKey',
        'iam:GetAccessKeyLastUsed',
        'iam:ListAccessKeys',
        'iam:UpdateAccessKey',
        'iam:ListSigningCertificates',
        'iam:ListSSHPublicKeys',
        'iam:ListServiceSpecificCredentials',
      ],
      Resource: SELF,
      Condition: mfaCondition(MFA_ALWAYS),
    },
  ];
  // Left out where the organization turned MFA off (identity.requireMfa: false), since it
  // would deny sts:AssumeRole to every session without MFA; credentials still need MFA.
  if (options.denyWithoutMfa) {
    statements.push({
      Sid: 'DenyAllExceptListedIfNoMFA',
      Effect: 'Deny',
      NotAction: ALLOWED_WITHOUT_MFA,
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    });
  }
  return policyDocument(...statements);
}
