import { Construct } from 'constructs';
import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import {
  createAccountGroupPolicy,
  createAccountRoleTrustPolicy,
  createAccountsRolePolicy,
  crossAccountGroupPolicy,
} from '../policies/management-policies';
import { mfaSelfServicePolicy } from '../policies/mfa-self-service';
import { assumeRootPolicy } from '../policies/assume-root-policy';
import { GroupPolicy } from './group-policy';
import { terraformPolicyJson } from './policy-json';
import { HumanUsers } from './human-users';

export interface ManagementAccessProps {
  /** The management ("Billing") account, whose principals the account-creating role trusts. */
  readonly managementAccountId: string;
  /** Organization id (o-...), or the policy variable of the caller's organization. */
  readonly organizationId: string;
  /** The role the group may assume in every account of the organization (group_orgs_crossaccount). */
  readonly memberRoleName: string;
  /** The runbook's IAM group in the management account. */
  readonly groupName: string;
  /** The runbook's account-creating role (assumerole_create_account). */
  readonly createAccountRoleName: string;
  /** People in the group, created without credentials; they enrol MFA themselves. */
  readonly users: readonly string[];
  /**
   * management.breakGlass: a group of some of those users, the only one with sts:AssumeRoot (with MFA).
   * @default none
   */
  readonly breakGlass?: { readonly groupName: string; readonly users: readonly string[] };
}

/** Runbook step R1 (docs/runbook.md): the management account's admin group, its policies, users and the account-creating role. */
export class ManagementAccess extends Construct {
  constructor(scope: Construct, id: string, props: ManagementAccessProps) {
    super(scope, id);
    const group = new IamGroup(this, 'group', { name: props.groupName });
    group.overrideLogicalId('management_group');

    const role = new IamRole(this, 'create-account-role', {
      name: props.createAccountRoleName,
      description: 'Creates AWS accounts in the organization; assumed by the management group with MFA',
      assumeRolePolicy: terraformPolicyJson(createAccountRoleTrustPolicy({ managementAccountId: props.managementAccountId })),
    });
    role.overrideLogicalId('create_account_role');
    const rolePolicy = new IamRolePolicy(this, 'create-account-role-policy', {
      name: 'role_create_accounts',
      role: role.name,
      policy: terraformPolicyJson(createAccountsRolePolicy({ managementAccountId: props.managementAccountId })),
    });
    rolePolicy.overrideLogicalId('role_create_accounts');

    const policies = [
      {
        name: 'group_orgs_crossaccount',
        description: `Assume ${props.memberRoleName} in the organization's accounts, with MFA`,
        document: crossAccountGroupPolicy({ memberRoleName: props.memberRoleName, organizationId: props.organizationId }),
      },
      {
        name: 'group_create_aws_accounts',
        description: `Assume ${props.createAccountRoleName}, with MFA`,
        document: createAccountGroupPolicy({ managementAccountId: props.managementAccountId, createAccountRoleName: props.createAccountRoleName }),
      },
      {
        name: 'group_mfa_self_service',
        description: 'Enrol an MFA device; with MFA, manage your own credentials',
        document: mfaSelfServicePolicy(),
      },
    ];
    for (const p of policies) new GroupPolicy(this, p.name, { ...p, group: group.name, key: p.name });

    const breakGlass = props.breakGlass ? new IamGroup(this, 'break-glass-group', { name: props.breakGlass.groupName }) : undefined;
    if (breakGlass && props.breakGlass) {
      breakGlass.overrideLogicalId('break_glass_group');
      new GroupPolicy(this, 'group_assume_root', {
        name: 'group_assume_root',
        description: 'sts:AssumeRoot into member accounts for the AWS root task policies, with MFA',
        document: assumeRootPolicy(),
        group: breakGlass.name,
        key: 'group_assume_root',
      });
    }
    const inBreakGlass = new Set(props.breakGlass?.users ?? []);
    new HumanUsers(this, 'users', {
      memberships: new Map(props.users.map((u) => [u, inBreakGlass.has(u) ? [props.groupName, props.breakGlass!.groupName] : [props.groupName]])),
      groups: breakGlass ? [group, breakGlass] : [group],
    });
  }
}
