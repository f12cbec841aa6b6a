import { IAM_LIMITS, policyJson } from '../policies/document';
import { memberRoleTrustPolicy } from '../policies/member-role-trust-policy';
import { identityMfaRule } from '../policies/mfa-condition';
import type { ConfigIssue } from '../errors/user-errors';
import { declaredPrincipalsFor } from './declared-principals';
import { ACCOUNT_ID } from './iam-names';
import { activeAccounts, type OrgConfig } from './model';

/** Any 12 digits: the length of a trust policy depends on how long ids are, not on which. */
const PLACEHOLDER_ID = '123456789012';
/** Accounts named in one message at most. */
const NAMED = 5;

/**
 * IAM's default quota for a role trust policy ("Role trust policy length", 2,048 characters;
 * IAM and AWS STS quotas) against what each member role would get: the fixed statements plus
 * the declarations in its scope, built by the same pure function the trust stacks use, with
 * 12-digit ids where the JSON has expressions. Accounts with the same declarations get the
 * same policy, so each set is measured once; the issue names its accounts.
 */
export function trustPolicySizeIssues(config: OrgConfig): ConfigIssue[] {
  const declared = config.trust.principals;
  if (!declared.length && !config.trust.guard) return [];
  const groups = new Map<string, { indexes: number[]; accounts: string[] }>();
  for (const account of activeAccounts(config)) {
    const indexes = declaredPrincipalsFor(declared, account).map((p) => declared.indexOf(p));
    const key = indexes.join(',');
    const group = groups.get(key) ?? { indexes, accounts: [] };
    group.accounts.push(account.name);
    groups.set(key, group);
  }
  const issues: ConfigIssue[] = [];
  for (const { indexes, accounts } of groups.values()) {
    if (!indexes.length && !config.trust.guard) continue;
    const length = policyJson(
      memberRoleTrustPolicy({
        managementAccountId: config.organization.managementAccountId,
        identityAccountId: PLACEHOLDER_ID,
        identityMfaRule: identityMfaRule(config.identity),
        declared: {
          principals: indexes.map((i) => declared[i]),
          context: { accountId: PLACEHOLDER_ID, accountIdOf: (ref) => (ACCOUNT_ID.test(ref) ? ref : PLACEHOLDER_ID) },
        },
        runnerSessionGuard: config.trust.guard,
      }),
    ).length;
    if (length <= IAM_LIMITS.trustPolicyChars) continue;
    const names = accounts.slice(0, NAMED).map((a) => `"${a}"`).join(', ') + (accounts.length > NAMED ? ` and ${accounts.length - NAMED} more` : '');
    const principals = indexes.map((i) => declared[i].name).join(', ');
    issues.push({
      path: ['trust', 'principals', indexes[indexes.length - 1]],
      message:
        `the trust policy of ${crossAccountRole(config)} in account${accounts.length > 1 ? 's' : ''} ${names} would be ${length.toLocaleString('en-US')} characters with the principals declared for it (${principals}); ` +
        `IAM allows ${IAM_LIMITS.trustPolicyChars.toLocaleString('en-US')} ("Role trust policy length"): narrow their scopes, or merge declarations of one provider into one with several subjects`,
    });
  }
  return issues;
}

const crossAccountRole = (config: OrgConfig) => config.organization.memberRoleName;
