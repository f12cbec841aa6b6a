import { Construct } from 'constructs';
import { DataAwsOrganizationsOrganization } from '@cdktf/provider-aws/lib/data-aws-organizations-organization';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Account, OrganizationalUnit, PasswordPolicy } from '../config/model';
import { accountPasswordPolicy } from '../constructs/password-policy';
import { TerraformOutput } from '../constructs/cdktf';
import { ManagementAccess, type ManagementAccessProps } from '../constructs/management-access';
import { addHistoryBlocks } from '../constructs/history-blocks';
import { OrganizationAccount, accountNames } from '../constructs/organization-account';
import { OrganizationalUnits, ouNames } from '../constructs/organizational-units';
import type { LockHistory } from '../lock/history';
import { CALLERS_ORGANIZATION } from '../policies/management-policies';
import { compareNames } from '../config/iam-names';
import { keyedConstructId } from '../constructs/construct-ids';
import { NameKeyedOutput } from '../constructs/name-keyed-output';
import { TrustGuard } from '../constructs/trust-guard';
import { CentralRootAccess } from '../constructs/central-root-access';
import { OrgStack, type OrgStackProps } from './org-stack';
import { ACCOUNT_IDS_OUTPUT, ORGANIZATION_ID_OUTPUT, OU_PATHS_OUTPUT } from './stack-names';

/** The runbook's IAM (ManagementAccess) takes these as they are. */
type AccessProps = Pick<ManagementAccessProps, 'managementAccountId' | 'groupName' | 'createAccountRoleName' | 'users' | 'breakGlass'>;

export interface ManagementStackProps extends OrgStackProps, AccessProps {
  /**
   * The organization's id (o-...), where the config gives it.
   * @default the caller's organization (CALLERS_ORGANIZATION), in the policies that name it
   */
  readonly organizationId?: string;
  /** Parents before children, as the config model lists them. */
  readonly organizationalUnits: readonly OrganizationalUnit[];
  /** Member accounts, retired ones included (they become removed blocks). */
  readonly accounts: readonly Account[];
  /** The lock's renames and forgotten accounts and OUs, written as moved and removed blocks. */
  readonly history: LockHistory;
  /** The management account's IAM password policy (management.passwordPolicy). */
  readonly passwordPolicy: PasswordPolicy;
  /** trust.guard: the SCP that lets only the runner change the member role. */
  readonly trustGuard: boolean;
  /** organization.centralRootAccess: IAM's root credentials management and root sessions. */
  readonly centralRootAccess: boolean;
}

/**
 * The management ("Billing") account, on the default credentials: OUs, the identity and
 * member accounts, and the runbook's IAM. Outputs every account id by account name.
 */
export class ManagementStack extends OrgStack {
  private readonly accountIds: NameKeyedOutput;

  constructor(scope: Construct, id: string, props: ManagementStackProps) {
    super(scope, id, props);
    const { history } = props;
    new AwsProvider(this, 'aws', { region: props.region });

    const organization = new DataAwsOrganizationsOrganization(this, 'organization');
    organization.overrideLogicalId('this');
    const units = new OrganizationalUnits(this, 'ous', { units: props.organizationalUnits, organization });

    // Sorted: the import, moved and removed arrays follow construct order, whatever the YAML order.
    const accounts = [props.identityAccount, ...[...props.accounts].sort((a, b) => compareNames(a.key, b.key))];
    const ids: [string, string][] = [];
    // Own scope: keyed ids never meet the stack's fixed ones (an account named "ids" or "history").
    const accountScope = new Construct(this, 'accounts');
    for (const account of accounts) {
      const created = new OrganizationAccount(accountScope, keyedConstructId('account', account.key), {
        account,
        memberRoleName: props.memberRoleName,
        // A retired account has no resource to place, and its OU may be retired (forgotten) too.
        parentId: units.parentIdOf(account.retired ? undefined : account.ou),
      });
      if (created.resource) ids.push([account.name, created.resource.id]);
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
    this.accountIds = new NameKeyedOutput(this, 'account-ids', {
      entries: ids,
      description: 'Account id by account name, for the identity and trust stacks and for aws-config',
    });
    this.accountIds.overrideLogicalId(ACCOUNT_IDS_OUTPUT);

    new ManagementAccess(this, 'access', {
      managementAccountId: props.managementAccountId,
      organizationId: props.organizationId ?? CALLERS_ORGANIZATION,
      memberRoleName: props.memberRoleName,
      groupName: props.groupName,
      createAccountRoleName: props.createAccountRoleName,
      users: props.users,
      breakGlass: props.breakGlass,
    });
    if (props.trustGuard) new TrustGuard(this, 'trust-guard', { memberRoleName: props.memberRoleName, rootId: units.parentIdOf(undefined) });
    if (props.centralRootAccess) new CentralRootAccess(this, 'central-root-access');
    // The management users sign in with passwords too: the same CIS defaults as the identity account.
    accountPasswordPolicy(this, props.passwordPolicy);
  }

  /** An account named `__proto__` too: the trust stacks read account_ids["__proto__"]. */
  override toTerraform(): ReturnType<OrgStack['toTerraform']> {
    const json = super.toTerraform();
    this.accountIds.writeInto(json);
    return json;
  }
}
