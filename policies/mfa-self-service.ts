import { policyDocument, type PolicyDocument, type PolicyStatement } from './document';
import { MFA_ALWAYS, mfaCondition } from './mfa-condition';

const SELF = 'arn:aws:iam::*:user/${aws:username}';
/** The one virtual MFA device a user may create and delete: named exactly as the user. */
const OWN_VIRTUAL_DEVICE = 'arn:aws:iam::*:mfa/${aws:username}';

/** Enrolling an MFA device: the one thing a user may do before having MFA. */
const ENROLMENT = ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice'];

/**
 * Removing, replacing or resynchronising a device, and every credential a user can give
 * itself: never without MFA, whatever identity.requireMfa says (I9, docs/invariants.md).
 */
const CREDENTIAL_MANAGEMENT = [
  'iam:DeactivateMFADevice',
  'iam:DeleteVirtualMFADevice',
  'iam:ResyncMFADevice',
  'iam:ChangePassword',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
  'iam:DeleteLoginProfile',
  'iam:CreateAccessKey',
  'iam:UpdateAccessKey',
  'iam:DeleteAccessKey',
  'iam:UploadSigningCertificate',
  'iam:UpdateSigningCertificate',
  'iam:DeleteSigningCertificate',
  'iam:UploadSSHPublicKey',
  'iam:UpdateSSHPublicKey',
  'iam:DeleteSSHPublicKey',
  'iam:CreateServiceSpecificCredential',
  'iam:UpdateServiceSpecificCredential',
  'iam:ResetServiceSpecificCredential',
  'iam:DeleteServiceSpecificCredential',
];

/** What a user may do before signing in with MFA, where requireMfa denies everything else. */
const ALLOWED_WITHOUT_MFA = [
  ...ENROLMENT,
  'iam:GetUser',
  'iam:GetMFADevice',
  'iam:ListMFADevices',
  'iam:ListVirtualMFADevices',
  'iam:GetAccountPasswordPolicy',
  'sts:GetSessionToken',
];

/**
 * Self-service for users who have no permissions of their own, after the AWS IAM User Guide
 * example "Allows MFA-authenticated IAM users to manage their own credentials", with two
 * paths closed that the example leaves open:
 *
 * - Enrolment with a long-term access key. A leaked key could enrol a device of its own,
 *   then GetSessionToken with it, and meet every aws:MultiFactorAuthPresent condition. The
 *   key is absent from requests signed with long-term credentials and present (false) in
 *   temporary ones such as a console sign-in ("AWS global condition context keys",
 *   aws:MultiFactorAuthPresent, IAM User Guide), and GetSessionToken credentials obtained
 *   without MFA cannot call IAM at all (STS API Reference, GetSessionToken). So
 *   `Null: {aws:MultiFactorAuthPresent: true}` denies enrolment to exactly the long-term
 *   keys: a first device is enrolled from a console session (password), never by a key.
 * - Device and credential management without MFA, even where requireMfa is off.
 *
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
      Sid: 'AllowCreateVirtualMFADevice',
      Effect: 'Allow',
      Action: 'iam:CreateVirtualMFADevice',
      // Named after the user: the only device the user may delete again, and the mfa_serial
      // that aws-config writes into every profile (arn:aws:iam::ID:mfa/USER).
      Resource: OWN_VIRTUAL_DEVICE,
    },
    {
      Sid: 'AllowEnrolOwnMFADevice',
      Effect: 'Allow',
      Action: ['iam:EnableMFADevice', 'iam:GetMFADevice', 'iam:GetUser', 'iam:ListMFADevices'],
      Resource: SELF,
    },
    {
      Sid: 'AllowManageOwnCredentialsWithMfa',
      Effect: 'Allow',
      Action: [
        'iam:DeactivateMFADevice',
        'iam:ResyncMFADevice',
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
    {
      Sid: 'AllowDeleteOwnVirtualMFADeviceWithMfa',
      Effect: 'Allow',
      Action: 'iam:DeleteVirtualMFADevice',
      Resource: OWN_VIRTUAL_DEVICE,
      Condition: mfaCondition(MFA_ALWAYS),
    },
    {
      Sid: 'DenyEnrolmentWithLongTermKeys',
      Effect: 'Deny',
      Action: ENROLMENT,
      Resource: '*',
      Condition: { Null: { 'aws:MultiFactorAuthPresent': 'true' } },
    },
    {
      Sid: 'DenyCredentialManagementWithoutMfa',
      Effect: 'Deny',
      Action: CREDENTIAL_MANAGEMENT,
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
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
