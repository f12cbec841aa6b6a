import { Construct } from 'constructs';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Account } from '../config/model';
import { memberRoleTrustPolicy, type MemberRoleTrustProps } from '../policies/member-role-trust-policy';
import { crossAccountProvider } from './cross-account-provider';
import { LeanIamRole } from './lean-elements';
import { terraformPolicyJson } from './policy-json';
import { ImportBlock } from './import-block';
import { keyedNames } from './keyed-names';
import { RemovedBlock } from './removed-block';

export interface MemberRoleTrustConstructProps extends MemberRoleTrustProps {
  /** The member account; a retired one gets a removed block instead of the role. */
  readonly account: Account;
  /** The account's id: literal, or an expression on another stack's outputs. */
  readonly accountId: string;
  /** The AWS-created role in the account: the provider assumes it, and its trust policy is rewritten. */
  readonly memberRoleName: string;
  /** The provider's region. */
  readonly region: string;
}

/** The role's logical id is also the name of its provider alias. Renames move it through the lock's history. */
export const memberRoleNames = keyedNames('aws_iam_role', 'member');

/**
 * Runbook steps R4-R5 (docs/runbook.md) for one member account: a provider that assumes the AWS-created
 * cross-account role, and that same role imported so that its trust policy names the
 * identity account beside the management account. Only the trust policy is managed: no
 * inline_policy or managed_policy_arns, so the role keeps the permissions AWS gave it, and
 * what someone set by hand (a permissions boundary, tags, description, session length)
 * is left as it is.
 */
export class MemberRoleTrust extends Construct {
  readonly provider: AwsProvider;

  constructor(scope: Construct, id: string, props: MemberRoleTrustConstructProps) {
    super(scope, id);
    const { account } = props;
    // Kept for retired accounts too: Terraform needs the provider of a resource it forgets.
    this.provider = crossAccountProvider(this, 'provider', {
      alias: memberRoleNames.logicalId(account.key),
      accountId: props.accountId,
      assumeRoleName: props.memberRoleName,
      region: props.region,
    });
    if (account.retired) {
      new RemovedBlock(this, 'forget', { from: memberRoleNames.address(account.key) });
      return;
    }
    const role = new LeanIamRole(this, 'role', {
      provider: this.provider,
      name: props.memberRoleName,
      assumeRolePolicy: terraformPolicyJson(memberRoleTrustPolicy(props)),
      lifecycle: {
        preventDestroy: true,
        ignoreChanges: ['description', 'max_session_duration', 'permissions_boundary', 'tags'],
      },
    });
    role.overrideLogicalId(memberRoleNames.logicalId(account.key));
    new ImportBlock(this, 'import', { to: role, id: props.memberRoleName, provider: this.provider });
  }
}
