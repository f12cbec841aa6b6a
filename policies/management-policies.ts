import { accountRoot, policyDocument, roleArn, type PolicyDocument } from './document';
import { MFA_ALWAYS, mfaCondition } from './mfa-condition';

/**
 * The caller's own organization, as an IAM policy variable: a management-account user's
 * aws:PrincipalOrgID is the organization's id, so no id has to be known at synth time.
 */
export const CALLERS_ORGANIZATION = '${aws:PrincipalOrgID}';

/**
 * group_orgs_crossaccount: assume the cross-account role in accounts of this organization
 * only. aws:ResourceOrgID is set by IAM for sts:AssumeRole (AWS, 2022-04-27), so one
 * statement covers 1,000 accounts without listing them. `organizationId` is the literal id
 * where the config gives it, else the caller's organization (CALLERS_ORGANIZATION).
 */
export function crossAccountGroupPolicy(props: { memberRoleName: string; organizationId: string }): PolicyDocument {
  return policyDocument({
    Sid: 'AssumeCrossAccountRoleInOrganization',
    Effect: 'Allow',
    Action: 'sts:AssumeRole',
    Resource: roleArn('*', props.memberRoleName),
    Condition: {
      ...mfaCondition(MFA_ALWAYS),
      StringEquals: { 'aws:ResourceOrgID': props.organizationId },
    },
  });
}

/** group_create_aws_accounts: assume the account-creating role, with MFA. */
export function createAccountGroupPolicy(props: { managementAccountId: string; createAccountRoleName: string }): PolicyDocument {
  return policyDocument({
    Sid: 'AssumeCreateAccountRole',
    Effect: 'Allow',
    Action: 'sts:AssumeRole',
    Resource: roleArn(props.managementAccountId, props.createAccountRoleName),
    Condition: mfaCondition(MFA_ALWAYS),
  });
}

/** Trust of assumerole_create_account: principals of the management account, with MFA. */
export function createAccountRoleTrustPolicy(props: { managementAccountId: string }): PolicyDocument {
  return policyDocument({
    Sid: 'ManagementAccountWithMfa',
    Effect: 'Allow',
    Principal: { AWS: accountRoot(props.managementAccountId) },
    Action: 'sts:AssumeRole',
    Condition: mfaCondition(MFA_ALWAYS),
  });
}

/** Every account of the organization whose management account is `managementAccountId`. */
const organizationAccounts = (managementAccountId: string) => `arn:aws:organizations::${managementAccountId}:account/o-*/*`;

/**
 * role_create_accounts: what creating and tracking accounts needs, and no more.
 * CreateAccount needs iam:CreateServiceLinkedRole for organizations.amazonaws.com
 * (AccessDeniedForDependencyException otherwise) and organizations:TagResource when tags are
 * passed. CreateAccount, DescribeCreateAccountStatus, ListCreateAccountStatus,
 * DescribeOrganization and ListAccounts have no resource type (Service Authorization
 * Reference, AWS Organizations): they take "*". DescribeAccount and TagResource act on an
 * account ARN, which carries the management account's id: only this organization's accounts.
 * A new account's ARN is not known before it exists, so TagResource cannot be narrowed to it;
 * it is denied on the management account itself, whose tags no account creation needs. No
 * CloseAccount, RemoveAccountFromOrganization, MoveAccount, UntagResource, policy or OU changes.
 */
export function createAccountsRolePolicy(props: { managementAccountId: string }): PolicyDocument {
  const accounts = organizationAccounts(props.managementAccountId);
  return policyDocument(
    {
      Sid: 'CreateAndTrackAccounts',
      Effect: 'Allow',
      Action: [
        'organizations:CreateAccount',
        'organizations:DescribeCreateAccountStatus',
        'organizations:ListCreateAccountStatus',
        'organizations:DescribeOrganization',
        'organizations:ListAccounts',
      ],
      Resource: '*',
    },
    {
      Sid: 'DescribeAndTagOrganizationAccounts',
      Effect: 'Allow',
      Action: ['organizations:DescribeAccount', 'organizations:TagResource'],
      Resource: accounts,
    },
    {
      Sid: 'NoTagsOnManagementAccount',
      Effect: 'Deny',
      Action: 'organizations:TagResource',
      Resource: `arn:aws:organizations::${props.managementAccountId}:account/o-*/${props.managementAccountId}`,
    },
    {
      Sid: 'OrganizationsServiceLinkedRole',
      Effect: 'Allow',
      Action: 'iam:CreateServiceLinkedRole',
      Resource: 'arn:aws:iam::*:role/aws-service-role/organizations.amazonaws.com/*',
      Condition: { StringEquals: { 'iam:AWSServiceName': 'organizations.amazonaws.com' } },
    },
  );
}
