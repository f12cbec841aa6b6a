import { Construct } from 'constructs';
import { DataAwsOrganizationsOrganization } from '@cdktf/provider-aws/lib/data-aws-organizations-organization';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { OrgConfig } from '../config/model';
import { TerraformOutput } from '../constructs/cdktf';
import { OrgStack } from '../constructs/org-stack';
import { ManagementAccess } from '../constructs/management-access';
import { addHistoryBlocks } from '../constructs/history-blocks';
import { OrganizationAccount, accountNames } from '../constructs/organization-account';
import { OrganizationalUnits, ouNames } from '../constructs/organizational-units';
import { EMPTY_HISTORY, type LockHistory } from '../lock/history';
import { requireAwsProvider } from '../constructs/provider-version';
import { configureStateBackend } from '../constructs/state-backend';
import { CALLERS_ORGANIZATION } from '../policies/management-policies';
import { compareNames } from '../config/iam-names';
import { keyedConstructId } from '../constructs/construct-ids';
import { ACCOUNT_IDS_OUTPUT, MANAGEMENT_STACK, ORGANIZATION_ID_OUTPUT, OU_PATHS_OUTPUT } from './stack-names';

/**
 * The management ("Billing") account, on the default credentials: OUs, the identity and
 * member accounts, and the runbook's IAM. Outputs every account id by account name.
 */
export class ManagementStack extends OrgStack {
  /** `history`: the lock's renames and forgotten accounts and OUs, written as moved and removed blocks. */
  constructor(scope: Construct, config: OrgConfig, history: LockHistory = EMPTY_HISTORY) {
    super(scope, MANAGEMENT_STACK);
    configureStateBackend(this, config.backend);
    requireAwsProvider(this, config.terraform.awsProviderVersion);
    new AwsProvider(this, 'aws', { region: config.organization.region });

    const organization = new DataAwsOrganizationsOrganization(this, 'organization');
    organization.overrideLogicalId('this');
    const units = new OrganizationalUnits(this, 'ous', { units: config.organization.organizationalUnits, organization });

    // Sorted: the import, moved and removed arrays follow construct order, whatever the YAML order.
    const accounts = [config.identityAccount, ...[...config.accounts].sort((a, b) => compareNames(a.key, b.key))];
    const ids: Record<string, string> = {};
    // Own scope: keyed ids never meet the stack's fixed ones (an account named "ids" or "history").
    const accountScope = new Construct(this, 'accounts');
    for (const account of accounts) {
      const created = new OrganizationAccount(accountScope, keyedConstructId('account', account.key), {
        account,
        roleName: config.organization.crossAccountRoleName,
        // A retired account has no resource to place, and its OU may be retired (forgotten) too.
        parentId: units.parentIdOf(account.retired ? undefined : account.ou),
      });
      if (created.resource) ids[account.name] = created.resource.id;
    }
    addHistoryBlocks(new Construct(this, 'ou-history'), ouNames, { moves: history.ouMoves, forgotten: history.forgottenOus });
    addHistoryBlocks(new Construct(this, 'account-history'), accountNames, {
      moves: history.accountMoves,
      forgotten: history.forgottenAccounts.map((f) => f.key),
    });
    new TerraformOutput(this, 'organization-id', {
      value: units.organizationId(),
      description: 'The organization id, for identity groups on "*" (aws:ResourceOrgID)',
    }).overrideLogicalId(ORGANIZATION_ID_OUTPUT);
    new TerraformOutput(this, 'ou-org-paths', {
      value: units.entityPaths(),
      description: 'Entity path (o-.../r-.../ou-.../) of every managed OU by OU key, for identity groups by OU (aws:ResourceOrgPaths)',
    }).overrideLogicalId(OU_PATHS_OUTPUT);
    new TerraformOutput(this, 'account-ids', {
      value: ids,
      description: 'Account id by account name, for the identity and trust stacks and for aws-config',
    }).overrideLogicalId(ACCOUNT_IDS_OUTPUT);

    new ManagementAccess(this, 'access', {
      managementAccountId: config.organization.managementAccountId,
      organizationId: config.organization.id ?? CALLERS_ORGANIZATION,
      crossAccountRoleName: config.organization.crossAccountRoleName,
      groupName: config.management.groupName,
      createAccountRoleName: config.management.createAccountRoleName,
      users: config.management.users,
    });
  }
}
