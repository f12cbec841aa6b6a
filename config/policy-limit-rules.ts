import { IAM_LIMITS } from '../policies/document';
import { accountsPerPolicy, planGroupPolicies, type GroupAssumePolicyProps } from '../policies/identity-group-policy';
import { identityMfaRule } from '../policies/mfa-condition';
import { longestOuPath } from '../policies/organization-ids';
import type { ConfigIssue } from '../errors/user-errors';
import { ouDepth, type IdentityGroupConfig, type OrgConfig } from './model';

/** Any 12 digits: a policy's size depends on how many ids it lists, not on which. */
const PLACEHOLDER_ID = '123456789012';

/**
 * The accounts the organization and OU scopes leave out, as far as the config knows them:
 * the management and identity accounts and every retired member (ids are required there).
 * The lock's forgotten accounts come on top (lock/group-policy-check.ts).
 */
export function excludedAccountCount(config: OrgConfig): number {
  return 2 + config.accounts.filter((a) => a.retired).length;
}

/** The props synth builds for `group`, with placeholder values of the same length. */
export function placeholderGroupProps(config: OrgConfig, group: IdentityGroupConfig, excludedCount: number): GroupAssumePolicyProps {
  return {
    memberRoleName: config.organization.memberRoleName,
    mfaRule: identityMfaRule(config.identity),
    organizationId: group.allAccounts ? 'o-placeholder' : undefined,
    ouPaths: group.ous.map((path) => ({ value: path, maxLength: longestOuPath(ouDepth(path)) })),
    accountIds: group.namedAccounts.map(() => PLACEHOLDER_ID),
    excludedAccountIds: Array.from({ length: excludedCount }, (_, i) => String(100000000000 + i)),
  };
}

/**
 * IAM quotas that depend on the size of the policies synth writes, checked with the same pure
 * builder the constructs use, so that `validate` refuses what synth could not write. Only the
 * identity groups' policies grow with the config (a list entry per named account or OU, and
 * per account the organization and OU scopes leave out); the other documents have a fixed
 * shape (see __tests__/access/iam-limits.scale.test.ts). `extraExcluded`: the lock's forgotten accounts.
 */
export function policyLimitIssues(config: OrgConfig, extraExcluded = 0): ConfigIssue[] {
  const excludedCount = excludedAccountCount(config) + extraExcluded;
  return config.identity.groups.flatMap((group, index): ConfigIssue[] => {
    const field = group.namedAccounts.length || group.allAccounts || !group.ous.length ? 'accounts' : 'ous';
    const path = ['identity', 'groups', index, field];
    const plan = planGroupPolicies(placeholderGroupProps(config, group, excludedCount));
    if (plan.problem) return [{ path, message: `group "${group.name}": ${plan.problem}` }];
    const count = plan.documents.length;
    if (count <= IAM_LIMITS.managedPoliciesPerGroup) return [];
    const most = accountsPerPolicy(config.organization.memberRoleName, identityMfaRule(config.identity)) * IAM_LIMITS.managedPoliciesPerGroup;
    const what = [group.namedAccounts.length ? `${group.namedAccounts.length} accounts` : '', group.ous.length ? `${group.ous.length} OUs` : ''].filter(Boolean).join(' and ');
    return [
      {
        path,
        message:
          `group "${group.name}" would need ${count} managed policies for its ${what}, and IAM attaches at most ${IAM_LIMITS.managedPoliciesPerGroup} to a group ` +
          `(at most ${most} named accounts a group with this role name and MFA setting): grant by OU (ous) or by "*" instead, or split it into several groups`,
      },
    ];
  });
}
