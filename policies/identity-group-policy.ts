import { IAM_LIMITS, policyDocument, policyJson, roleArn, type PolicyDocument } from './document';
import { mfaCondition, type MfaRequirement } from './mfa-condition';

export interface GroupAssumePolicyProps {
  readonly roleName: string;
  /** Account ids (literals or Terraform expressions that resolve to 12 digits). */
  readonly accountIds: readonly string[];
  readonly mfa: MfaRequirement;
}

/**
 * The statement that lets a group assume the cross-account role in exactly the listed
 * accounts. The role ARN takes an account wildcard and aws:ResourceAccount lists the
 * accounts: 15 characters an account instead of about 60 for a full ARN.
 */
function groupAssumePolicy(roleName: string, accountIds: readonly string[], mfa: MfaRequirement): PolicyDocument {
  return policyDocument({
    Sid: 'AssumeCrossAccountRole',
    Effect: 'Allow',
    Action: 'sts:AssumeRole',
    Resource: roleArn('*', roleName),
    Condition: {
      ...mfaCondition(mfa),
      StringEquals: { 'aws:ResourceAccount': [...accountIds] },
    },
  });
}

/** Room kept free under the quota, for a longer role name than measured. */
const SAFETY_MARGIN = 64;

/** How many 12-digit account ids fit in one managed policy for this role name and MFA rule. */
export function accountsPerPolicy(roleName: string, mfa: MfaRequirement): number {
  const sample = (n: number) => policyJson(groupAssumePolicy(roleName, Array(n).fill('123456789012'), mfa)).length;
  const perAccount = sample(2) - sample(1);
  const fixed = sample(1) - perAccount;
  return Math.floor((IAM_LIMITS.managedPolicyChars - SAFETY_MARGIN - fixed) / perAccount);
}

/**
 * The group's policies: as many as needed to stay under the managed-policy size quota,
 * account ids sorted so that a reordered config yields the same documents.
 */
export function groupAssumePolicies(props: GroupAssumePolicyProps): PolicyDocument[] {
  if (props.accountIds.length === 0) return [];
  const ids = [...props.accountIds].sort();
  const size = accountsPerPolicy(props.roleName, props.mfa);
  const docs: PolicyDocument[] = [];
  for (let i = 0; i < ids.length; i += size) docs.push(groupAssumePolicy(props.roleName, ids.slice(i, i + size), props.mfa));
  return docs;
}
