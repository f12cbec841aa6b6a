import { IAM_LIMITS, policyDocument, policyJson, roleArn, type ConditionBlock, type PolicyDocument } from './document';
import { mfaCondition, type MfaRule } from './mfa-condition';
import { LONGEST_ORGANIZATION_ID } from './organization-ids';
import { longest, packValues, type SizedValue } from './value-packing';

/** What one identity group's assume policies are built from. */
export interface GroupAssumePolicyProps {
  /** The member accounts' cross-account role, which the group may assume. */
  readonly memberRoleName: string;
  /** When the group's sessions need MFA (the config's identity block). */
  readonly mfaRule: MfaRule;
  /**
   * For a group on "*": the organization id (literal or expression). Every member account.
   * @default none: no organization-wide policy
   */
  readonly organizationId?: string;
  /**
   * The group's OUs by entity path ("o-…/r-…/ou-…/", literal or expression): each OU and every OU below it.
   * @default none: no OU policies
   */
  readonly ouPaths?: readonly SizedValue[];
  /** Account ids the group names (literals or expressions that resolve to 12 digits); empty for none. */
  readonly accountIds: readonly string[];
  /**
   * Accounts the organization and OU scopes leave out: the management and identity accounts,
   * and retired ones, whose roles still trust the identity account.
   * @default none left out
   */
  readonly excludedAccountIds?: readonly string[];
}

/** What one managed policy of a group grants. */
export type GroupPolicyScope = 'organization' | 'ous' | 'accounts';

export interface GroupPolicyPlan {
  /** Organization first, then OUs, then named accounts: adding accounts never renumbers a scope's policy. */
  readonly documents: readonly { readonly scope: GroupPolicyScope; readonly document: PolicyDocument }[];
  /** Set when a scope cannot fit one managed policy however it is split. */
  readonly problem?: string;
}

/** Room kept free under the quota, for a longer role name than measured. */
const SAFETY_MARGIN = 64;
const ROOM = IAM_LIMITS.managedPolicyChars - SAFETY_MARGIN;
const ACCOUNT_ID_CHARS = 12;
const ACCOUNT_PLACEHOLDER = '1'.repeat(ACCOUNT_ID_CHARS);

function assumeDocument(sid: string, props: GroupAssumePolicyProps, scope: ConditionBlock): PolicyDocument {
  return policyDocument({
    Sid: sid,
    Effect: 'Allow',
    Action: 'sts:AssumeRole',
    Resource: roleArn('*', props.memberRoleName),
    Condition: { ...mfaCondition(props.mfaRule), ...scope },
  });
}

/**
 * A group on "*": the role in every account of the organization but the excluded ones. IAM
 * sets aws:ResourceOrgID for sts:AssumeRole: "included in the request context only if the
 * account that owns the resource is a member of an organization", and no STS action is among
 * the exceptions listed (IAM User Guide, "AWS global condition context keys",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
 * The policy does not grow with the organization. See docs/access-scopes.md.
 */
const organizationDocument = (props: GroupAssumePolicyProps, organizationId: string, excluded: readonly string[]) =>
  assumeDocument('AssumeCrossAccountRoleInOrganization', props, {
    StringEquals: { 'aws:ResourceOrgID': organizationId },
    StringNotEquals: { 'aws:ResourceAccount': [...excluded] },
  });

/**
 * Groups by OU: aws:ResourceOrgPaths is "included in the request context only if the account
 * that owns the resource is a member of an organization", with no STS action among the
 * exceptions (IAM User Guide, "AWS global condition context keys", aws:ResourceOrgPaths);
 * "o-…/r-…/ou-…/*" matches accounts in that OU or any of its child OUs. Multivalued, hence ForAnyValue.
 */
const ouDocument = (props: GroupAssumePolicyProps, patterns: readonly string[], excluded: readonly string[]) =>
  assumeDocument('AssumeCrossAccountRoleInOus', props, {
    'ForAnyValue:StringLike': { 'aws:ResourceOrgPaths': [...patterns] },
    StringNotEquals: { 'aws:ResourceAccount': [...excluded] },
  });

/**
 * Named accounts: the role ARN takes an account wildcard and aws:ResourceAccount lists the
 * accounts, 15 characters an account instead of about 60 for a full ARN.
 */
const accountsDocument = (props: GroupAssumePolicyProps, accountIds: readonly string[]) =>
  assumeDocument('AssumeCrossAccountRole', props, { StringEquals: { 'aws:ResourceAccount': [...accountIds] } });

const size = (doc: PolicyDocument) => policyJson(doc).length;
const sortedUnique = (values: readonly string[]) => [...new Set(values)].sort();

/** How many 12-digit account ids fit in one managed policy for this role name and MFA rule. */
export function accountsPerPolicy(memberRoleName: string, mfaRule: MfaRule): number {
  const fixed = size(accountsDocument({ memberRoleName, mfaRule, accountIds: [] }, []));
  return Math.floor((ROOM - fixed + 1) / (ACCOUNT_ID_CHARS + 3));
}

/**
 * The group's managed policies, each under the size quota, values sorted so that a reordered
 * config yields the same documents. Sizes are measured with every value at its longest (ids
 * after Terraform's substitution, see organization-ids.ts), so the split does not depend on
 * whether a value is still a Terraform expression.
 */
export function planGroupPolicies(props: GroupAssumePolicyProps): GroupPolicyPlan {
  const excluded = sortedUnique(props.excludedAccountIds ?? []);
  const excludedPlaceholders = excluded.map(() => ACCOUNT_PLACEHOLDER);
  const documents: { scope: GroupPolicyScope; document: PolicyDocument }[] = [];
  const tooLong = (what: string) =>
    `its ${what} policy does not fit in one managed policy (${IAM_LIMITS.managedPolicyChars} characters) with the ${excluded.length} accounts it must leave out (management, identity, retired)`;

  if (props.organizationId !== undefined) {
    if (size(organizationDocument(props, 'x'.repeat(LONGEST_ORGANIZATION_ID), excludedPlaceholders)) > ROOM) return { documents, problem: tooLong('organization') };
    documents.push({ scope: 'organization', document: organizationDocument(props, props.organizationId, excluded) });
  }

  const ouPatterns = [...(props.ouPaths ?? [])]
    .map((p) => ({ value: `${p.value}*`, maxLength: p.maxLength + 1 }))
    .sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  if (ouPatterns.length) {
    const fixed = size(ouDocument(props, [], excludedPlaceholders));
    const longestPattern = Math.max(...ouPatterns.map((p) => p.maxLength));
    if (size(ouDocument(props, [longest({ value: '', maxLength: longestPattern })], excludedPlaceholders)) > ROOM) return { documents, problem: tooLong('OU') };
    for (const run of packValues(ouPatterns, fixed, ROOM)) {
      documents.push({ scope: 'ous', document: ouDocument(props, run.map((v) => v.value), excluded) });
    }
  }

  const ids = [...props.accountIds].sort().map((value) => ({ value, maxLength: ACCOUNT_ID_CHARS }));
  for (const run of packValues(ids, size(accountsDocument(props, [])), ROOM)) {
    documents.push({ scope: 'accounts', document: accountsDocument(props, run.map((v) => v.value)) });
  }
  return { documents };
}
