import type { Construct } from 'constructs';
import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { type Account, type OrganizationalUnit, type OrgConfig, ouDepth } from '../config/model';
import { SELF_SERVICE_GROUP } from '../config/iam-names';
import type { AccountIdSource } from '../constructs/account-id-source';
import { crossAccountProvider } from '../constructs/cross-account-provider';
import { HumanUsers } from '../constructs/human-users';
import { IdentityGroup } from '../constructs/identity-group';
import { GroupPolicy } from '../constructs/group-policy';
import { accountPasswordPolicy } from '../constructs/password-policy';
import { keyedConstructId } from '../constructs/construct-ids';
import { compareNames } from '../config/iam-names';
import { identityMfaRule } from '../policies/mfa-condition';
import { mfaSelfServicePolicy } from '../policies/mfa-self-service';
import { longestOuPath } from '../policies/organization-ids';
import { OrgStack, type OrgStackProps } from './org-stack';

export interface IdentityStackProps extends OrgStackProps {
  /** The managed (not retired) member accounts, which groups name. */
  readonly members: readonly Account[];
  /** The config's identity block: password policy, MFA, groups. */
  readonly identity: OrgConfig['identity'];
  /** The management account, which groups on "*" and by OU never reach. */
  readonly managementAccountId: string;
  /**
   * The organization's id (o-...), where the config gives it.
   * @default the management stack's organization_id output
   */
  readonly organizationId?: string;
  /** The config's OUs: a group by OU names their paths, its policy their entity paths. */
  readonly organizationalUnits: readonly OrganizationalUnit[];
  /** Retired member accounts: left out of "*" and OU groups. */
  readonly retired: readonly Account[];
  /** Ids of accounts the lock forgot (where it knows them): left out of "*" and OU groups like retired ones. */
  readonly forgottenAccountIds: readonly string[];
}

/**
 * Accounts that groups on "*" and by OU never reach: the management and identity accounts, and
 * members this tool no longer manages (retired, or forgotten with a known id), whose roles keep
 * trusting the identity account.
 */
function excludedAccountIds(props: IdentityStackProps, ids: AccountIdSource): string[] {
  return [props.managementAccountId, ids.idOf(props.identityAccount), ...props.retired.map((a) => ids.idOf(a)), ...props.forgottenAccountIds];
}

/**
 * The identity ("IAM") account, where people live: password policy, groups, users, and
 * per group the MFA-gated right to assume the cross-account role in its member accounts.
 */
export class IdentityStack extends OrgStack {
  constructor(scope: Construct, id: string, props: IdentityStackProps) {
    super(scope, id, props);
    const ids = this.managementAccountIds(props.backend);
    const { memberRoleName } = props;
    crossAccountProvider(this, 'aws', { accountId: ids.idOf(props.identityAccount), assumeRoleName: memberRoleName, region: props.region });

    accountPasswordPolicy(this, props.identity.passwordPolicy);

    const selfService = new IamGroup(this, 'self-service-group', { name: SELF_SERVICE_GROUP });
    selfService.overrideLogicalId('group_mfa_self_service');
    new GroupPolicy(this, 'self-service-policy', {
      name: SELF_SERVICE_GROUP,
      description: 'Enrol an MFA device; with MFA, manage your own credentials',
      document: mfaSelfServicePolicy({ denyWithoutMfa: props.identity.denyWithoutMfa }),
      group: selfService.name,
      key: 'group_mfa_self_service',
    });

    const byName = new Map(props.members.map((a) => [a.name, a]));
    const ouKeys = new Map(props.organizationalUnits.map((u) => [u.path, u.key]));
    const mfaRule = identityMfaRule(props.identity);
    const groups = [...props.identity.groups].sort((a, b) => compareNames(a.key, b.key));
    const excluded = groups.some((g) => g.allAccounts || g.ous.length) ? excludedAccountIds(props, ids) : [];
    const memberships = new Map<string, string[]>();
    const dependables = [selfService];
    for (const group of groups) {
      const construct = new IdentityGroup(this, keyedConstructId('group', group.key), {
        name: group.name,
        key: group.key,
        memberRoleName,
        mfaRule,
        organizationId: group.allAccounts ? ids.organizationId(props.organizationId) : undefined,
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
