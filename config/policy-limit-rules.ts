import { IAM_LIMITS } from '../policies/document';
import { accountsPerPolicy, groupAssumePolicies } from '../policies/identity-group-policy';
import { identityMfa } from '../policies/mfa-condition';
import type { ConfigIssue } from '../errors/user-errors';
import type { OrgConfig } from './model';

/** Any 12 digits: a policy's size depends on how many ids it lists, not on which. */
const PLACEHOLDER_ID = '123456789012';

/**
 * IAM quotas that depend on the size of the policies synth writes, checked with the same pure
 * builders the constructs use, so that `validate` refuses what synth could not write. Only
 * the identity groups' policies grow with the config (one aws:ResourceAccount entry per
 * account); the other documents have a fixed shape (see __tests__/access/iam-limits.test.ts).
 */
export function policyLimitIssues(config: OrgConfig): ConfigIssue[] {
  const roleName = config.organization.crossAccountRoleName;
  const mfa = identityMfa(config.identity);
  return config.identity.groups.flatMap((group, index): ConfigIssue[] => {
    const count = groupAssumePolicies({ roleName, mfa, accountIds: group.accounts.map(() => PLACEHOLDER_ID) }).length;
    if (count <= IAM_LIMITS.managedPoliciesPerGroup) return [];
    const most = accountsPerPolicy(roleName, mfa) * IAM_LIMITS.managedPoliciesPerGroup;
    return [
      {
        path: ['identity', 'groups', index, 'accounts'],
        message:
          `group "${group.name}" would need ${count} managed policies for its ${group.accounts.length} accounts, and IAM attaches at most ${IAM_LIMITS.managedPoliciesPerGroup} to a group ` +
          `(at most ${most} accounts a group with this role name and MFA setting): split it into several groups`,
      },
    ];
  });
}
