import { policyDocument, type PolicyDocument, type PolicyStatement } from './document';
import { RUNNER_SESSION_NAME } from './runner-session';

/**
 * What the guard denies on the member role to every session but the runner's: each call
 * either rewrites who may assume the role (UpdateAssumeRolePolicy), removes it (DeleteRole),
 * or changes what the runner can do with it, which could lock the runner out before it
 * repairs the trust: a permissions boundary or an inline/attached Deny, AdministratorAccess
 * detached. UpdateRole changes the maximum session length only, but it is the role's own
 * setting and nobody in the member account needs it. Tags and the description are left
 * open: no condition of the product reads them.
 */
export const GUARDED_ROLE_ACTIONS = [
  'iam:UpdateAssumeRolePolicy',
  'iam:DeleteRole',
  'iam:UpdateRole',
  'iam:PutRolePermissionsBoundary',
  'iam:DeleteRolePermissionsBoundary',
  'iam:AttachRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePolicy',
  'iam:DeleteRolePolicy',
] as const;

/** The guard SCP's name in the organization: verify and preflight find it by this name. */
export const TRUST_GUARD_POLICY_NAME = 'org-trust-guard';

export interface TrustGuardProps {
  /** The member role (organization.crossAccountRoleName). */
  readonly memberRoleName: string;
}

/**
 * The guard SCP. A Deny applies when all its conditions hold, so "deny unless the caller is
 * the member role AND its session is the runner's" takes two statements:
 * - NotTheMemberRole: aws:PrincipalArn of a role session is the role's ARN (IAM User Guide,
 *   "AWS global condition context keys", aws:PrincipalArn); any other principal (a user, another
 *   role, a federated user) is denied.
 * - NotTheRunnerSession: aws:userid of a role session is "role-id:session-name" (same page,
 *   aws:userid); a session of the member role under any other name is denied. The session name
 *   alone would not do: a federated user (GetFederationToken) has aws:userid "account:name".
 * Both keys are present in every request signed by an IAM principal; for an absent key the
 * negated operators ArnNotLike and StringNotLike are true (IAM User Guide, "Condition
 * operators"), so a request without them is denied too. SCPs never apply to the management
 * account (AWS Organizations User Guide, "Service control policies").
 */
export function trustGuardPolicy(props: TrustGuardProps): PolicyDocument {
  const base: Omit<PolicyStatement, 'Sid' | 'Condition'> = {
    Effect: 'Deny',
    Action: [...GUARDED_ROLE_ACTIONS],
    Resource: `arn:aws:iam::*:role/${props.memberRoleName}`,
  };
  return policyDocument(
    { Sid: 'NotTheMemberRole', ...base, Condition: { ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::*:role/${props.memberRoleName}` } } },
    { Sid: 'NotTheRunnerSession', ...base, Condition: { StringNotLike: { 'aws:userid': `*:${RUNNER_SESSION_NAME}` } } },
  );
}

/**
 * The trust statement that keeps the runner's session name for the management account: no
 * principal of another account (identity users, declared roles, OIDC and SAML federation,
 * services) may assume the member role under it. sts:RoleSessionName is in the request of
 * AssumeRole, AssumeRoleWithSAML and AssumeRoleWithWebIdentity (Service Authorization
 * Reference, AWS STS). aws:PrincipalAccount is absent for federated and service callers; the
 * negated StringNotEquals is then true, so they are denied the name as well.
 */
export function runnerSessionDenyStatement(managementAccountId: string): PolicyStatement {
  return {
    Sid: 'RunnerSessionIsManagementOnly',
    Effect: 'Deny',
    // "*": every principal, federated and service ones included (IAM User Guide, "Principal").
    Principal: '*',
    Action: ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'],
    Condition: { StringEquals: { 'sts:RoleSessionName': RUNNER_SESSION_NAME }, StringNotEquals: { 'aws:PrincipalAccount': managementAccountId } },
  };
}
