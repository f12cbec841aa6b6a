import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { Account } from '../config/model';
import { roleArn } from '../policies/document';
import { memberRoleTrustPolicy, type MemberRoleTrustProps } from '../policies/member-role-trust';
import { terraformPolicyJson } from './account-ids';
import { ForgetBlock, ImportBlock, MovedBlock } from './terraform-blocks';

export interface MemberRoleTrustConstructProps extends MemberRoleTrustProps {
  readonly account: Account;
  /** The account's id: literal, or an expression on another stack's outputs. */
  readonly accountId: string;
  readonly roleName: string;
  readonly region: string;
}

const memberRoleAt = (key: string) => `aws_iam_role.member_${key}`;
export const memberRoleAddress = (account: Account) => memberRoleAt(account.key);

/**
 * Runbook steps 4-5 for one member account: a provider that assumes the AWS-created
 * cross-account role, and that same role imported so that its trust policy names the
 * identity account beside the management account. Only the trust policy is managed: no
 * inline_policy or managed_policy_arns, so the role keeps the permissions AWS gave it.
 */
export class MemberRoleTrust extends Construct {
  readonly provider: AwsProvider;

  constructor(scope: Construct, id: string, props: MemberRoleTrustConstructProps) {
    super(scope, id);
    const { account } = props;
    // Kept for retired accounts too: Terraform needs the provider of a resource it forgets.
    this.provider = new AwsProvider(this, 'provider', {
      alias: `member_${account.key}`,
      region: props.region,
      assumeRole: [{ roleArn: roleArn(props.accountId, props.roleName), sessionName: 'org-trust' }],
    });
    if (account.retired) {
      new ForgetBlock(this, 'forget', memberRoleAddress(account));
      return;
    }
    const role = new IamRole(this, 'role', {
      provider: this.provider,
      name: props.roleName,
      assumeRolePolicy: terraformPolicyJson(memberRoleTrustPolicy(props)),
      lifecycle: { preventDestroy: true },
    });
    role.overrideLogicalId(`member_${account.key}`);
    new ImportBlock(this, 'import', { to: role, id: props.roleName, provider: this.provider });
    if (account.renamedFrom) {
      new MovedBlock(this, 'moved', { from: memberRoleAt(account.renamedFrom.key), to: memberRoleAddress(account) });
    }
  }
}
