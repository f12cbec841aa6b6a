import { Construct } from 'constructs';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { IamUserGroupMembership } from '@cdktf/provider-aws/lib/iam-user-group-membership';
import { terraformKey } from '../config/iam-names';
import type { ITerraformDependable } from './cdktf';
import { keyedConstructId } from './construct-ids';

export interface HumanUsersProps {
  /** User name to the names of the groups it belongs to. */
  readonly memberships: ReadonlyMap<string, readonly string[]>;
  /** The groups themselves: memberships name them literally, so that order never depends on tokens. */
  readonly groups: readonly ITerraformDependable[];
}

/**
 * IAM users for people. No access keys and no console passwords are created here: both
 * would be written to Terraform state. People set their own, with MFA, through the
 * self-service policy.
 */
export class HumanUsers extends Construct {
  constructor(scope: Construct, id: string, props: HumanUsersProps) {
    super(scope, id);
    const names = [...props.memberships.keys()].sort();
    for (const name of names) {
      const key = `user_${terraformKey(name)}`;
      const user = new IamUser(this, keyedConstructId('user', key), { name, forceDestroy: false });
      user.overrideLogicalId(key);
      const groups = [...(props.memberships.get(name) ?? [])].sort();
      // Non-exclusive: groups added by hand stay, and each user is one resource.
      const membership = new IamUserGroupMembership(this, keyedConstructId('membership', key), { user: user.name, groups, dependsOn: [...props.groups] });
      membership.overrideLogicalId(key);
    }
  }
}
