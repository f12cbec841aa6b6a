import type { Construct } from 'constructs';
import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { type OrgConfig, activeAccounts, ouDepth } from '../config/model';
import { SELF_SERVICE_GROUP } from '../config/iam-names';
import { AccountIdSource } from '../constructs/account-ids';
import { OrgStack } from '../constructs/org-stack';
import { crossAccountProvider } from '../constructs/cross-account-provider';
import { HumanUsers } from '../constructs/human-users';
import { IdentityGroup } from '../constructs/identity-group';
import { GroupPolicy } from '../constructs/managed-policy';
import { accountPasswordPolicy } from '../constructs/password-policy';
import { requireAwsProvider } from '../constructs/provider-version';
import { configureStateBackend } from '../constructs/state-backend';
import { keyedConstructId } from '../constructs/construct-ids';
import { compareNames } from '../config/iam-names';
import { identityMfa } from '../policies/mfa-condition';
import { mfaSelfServicePolicy } from '../policies/mfa-self-service';
import { IDENTITY_STACK } from './stack-names';
import { EMPTY_HISTORY, type LockHistory } from '../lock/history';
import { longestOuPath } from '../policies/organization-ids';

/**
 * Accounts that groups on "*" and by OU never reach: the management and identity accounts, and
 * members this tool no longer manages (retired, or forgotten with a known id), whose roles keep
 * trusting the identity account.
 */
function excludedAccountIds(config: OrgConfig, ids: AccountIdSource, history: LockHistory): string[] {
  const retired = config.accounts.filter((a) => a.retired).map((a) => ids.idOf(a));
  const forgotten = history.forgottenAccounts.flatMap((f) => (f.accountId ? [f.accountId] : []));
  return [config.organization.managementAccountId, ids.idOf(config.identityAccount), ...retired, ...forgotten];
}

/**
 * The identity ("IAM") account, where people live: password policy, groups, users, and
 * per group the MFA-gated right to assume the cross-account role in its member accounts.
 */
export class IdentityStack extends OrgStack {
  /** `history`: the lock's forgotten accounts, left out of "*" and OU groups like retired ones. */
  constructor(scope: Construct, config: OrgConfig, history: LockHistory = EMPTY_HISTORY) {
    super(scope, IDENTITY_STACK);
    configureStateBackend(this, config.backend);
    requireAwsProvider(this, config.terraform.awsProviderVersion);
    const ids = new AccountIdSource(this, config.backend);
    const roleName = config.organization.crossAccountRoleName;
    crossAccountProvider(this, 'aws', { accountId: ids.idOf(config.identityAccount), roleName, region: config.organization.region });

    accountPasswordPolicy(this, config.identity.passwordPolicy);

    const selfService = new IamGroup(this, 'self-service-group', { name: SELF_SERVICE_GROUP });
    selfService.overrideLogicalId('group_mfa_self_service');
    new GroupPolicy(this, 'self-service-policy', {
      name: SELF_SERVICE_GROUP,
      description: 'Enrol an MFA device; with MFA, manage your own credentials',
      document: mfaSelfServicePolicy({ denyWithoutMfa: config.identity.requireMfa }),
      group: selfService.name,
      key: 'group_mfa_self_service',
    });

    const byName = new Map(activeAccounts(config).map((a) => [a.name, a]));
    const ouKeys = new Map(config.organization.organizationalUnits.map((u) => [u.path, u.key]));
    const mfa = identityMfa(config.identity);
    const groups = [...config.identity.groups].sort((a, b) => compareNames(a.key, b.key));
    const excluded = groups.some((g) => g.allAccounts || g.ous.length) ? excludedAccountIds(config, ids, history) : [];
    const memberships = new Map<string, string[]>();
    const dependables = [selfService];
    for (const group of groups) {
      const construct = new IdentityGroup(this, keyedConstructId('group', group.key), {
        name: group.name,
        key: group.key,
        roleName,
        mfa,
        organizationId: group.allAccounts ? ids.organizationId(config.organization.id) : undefined,
        ouPaths: group.ous.map((path) => ({ value: ids.ouPathOf(ouKeys.get(path)!), maxLength: longestOuPath(ouDepth(path)) })),
        accountIds: group.namedAccounts.map((name) => ids.idOf(byName.get(name)!)),
        excludedAccountIds: excluded,
      });
      dependables.push(construct.group);
      for (const user of group.users) memberships.set(user, [...(memberships.get(user) ?? [SELF_SERVICE_GROUP]), group.name]);
    }
    new HumanUsers(this, 'users', { memberships, groups: dependables });
  }
}
