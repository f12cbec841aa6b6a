import { activeAccounts, type OrgConfig } from '../config/model';
import { declaredPrincipalWarnings } from './declared-principals-summary';

/** AWS Organizations' default quota, management account included. */
export const DEFAULT_ACCOUNT_QUOTA = 10;

/** CIS AWS Foundations Benchmark: prevent reuse of the last 24 passwords. */
const CIS_PASSWORD_REUSE = 24;

/** Things that are valid but probably not meant, or that will fail on apply. */
export function configWarnings(config: OrgConfig): string[] {
  const warnings: string[] = [];
  const total = 2 + config.accounts.length;
  if (total > DEFAULT_ACCOUNT_QUOTA) {
    warnings.push(
      `the organization will hold ${total} accounts (management, identity and ${config.accounts.length} member accounts), more than the default AWS Organizations quota of ${DEFAULT_ACCOUNT_QUOTA} accounts per organization: ` +
        'before applying, request an increase of "Default maximum number of accounts" in the Service Quotas console (AWS Organizations, region us-east-1) or through AWS Support',
    );
  }
  for (const group of config.identity.groups) {
    if (!group.users.length) warnings.push(`identity group "${group.name}" has no users`);
    if (!group.accounts.length) warnings.push(`identity group "${group.name}" reaches no accounts`);
  }
  const reach = new Map<string, number>();
  for (const group of config.identity.groups) for (const user of group.users) reach.set(user, (reach.get(user) ?? 0) + group.accounts.length);
  for (const [user, n] of [...reach].sort()) if (n === 0) warnings.push(`identity user "${user}" can assume a role in no account (their groups list no active accounts)`);
  if (!config.identity.denyWithoutMfa) warnings.push('identity.requireMfa is false: identity users can assume member roles without MFA');
  if (!config.management.users.length) warnings.push(`management.users is empty: nobody is in ${config.management.groupName} to use ${config.management.createAccountRoleName}`);
  for (const [field, policy] of [['management', config.management.passwordPolicy], ['identity', config.identity.passwordPolicy]] as const) {
    if (policy.reusePrevention < CIS_PASSWORD_REUSE) {
      warnings.push(`${field}.passwordPolicy.reusePrevention is ${policy.reusePrevention}: CIS AWS Foundations asks IAM to remember ${CIS_PASSWORD_REUSE} previous passwords`);
    }
  }
  if (!activeAccounts(config).length) warnings.push('no active member accounts: no trust stack will be synthesized');
  warnings.push(...declaredPrincipalWarnings(config));
  return warnings;
}

/**
 * Local state files beside a config whose backend is no longer local: they are this
 * organization's state until moved, and an init against the new backend starts from empty
 * state (the next apply would create every account again).
 */
export function stateMigrationWarnings(config: OrgConfig, dirsWithLocalState: readonly string[]): string[] {
  if (config.backend.type === 'local' || !dirsWithLocalState.length) return [];
  return [
    `local state files (terraform.*.tfstate) are in ${dirsWithLocalState.join(', ')} but backend.type is ${config.backend.type}: push them into the new backend before any apply ` +
      '(README, "From local state to a shared backend"); an init against the new backend alone starts from empty state, and the apply would create every account again',
  ];
}
