/** IAM policy documents as plain data. Builders in this folder are pure functions. */

export type ConditionBlock = Record<string, Record<string, string | string[]>>;

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  /** One type per statement: AWS (accounts, roles, users), Federated (OIDC/SAML providers) or Service; "*" everyone (a Deny only). */
  readonly Principal?: '*' | { readonly AWS: string | string[] } | { readonly Federated: string } | { readonly Service: string };
  readonly Action?: string | string[];
  readonly NotAction?: string[];
  readonly Resource?: string | string[];
  readonly Condition?: ConditionBlock;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

export function policyDocument(...statements: PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

/** Compact JSON: what IAM counts against its size quotas (it ignores white space). */
export function policyJson(doc: PolicyDocument): string {
  return JSON.stringify(doc);
}

/** IAM quotas, from "IAM and AWS STS quotas" in the IAM User Guide. */
export const IAM_LIMITS = {
  managedPolicyChars: 6144,
  trustPolicyChars: 2048,
  managedPoliciesPerGroup: 10,
} as const;

export const accountRoot = (accountId: string) => `arn:aws:iam::${accountId}:root`;
export const roleArn = (accountId: string, roleName: string) => `arn:aws:iam::${accountId}:role/${roleName}`;
