import { Construct } from 'constructs';
import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { groupPolicyName } from '../config/iam-names';
import { IAM_LIMITS } from '../policies/document';
import { groupAssumePolicies } from '../policies/identity-group-policy';
import type { MfaRequirement } from '../policies/mfa-condition';
import { GroupPolicy } from './group-policy';

export interface IdentityGroupProps {
  /** IAM name of the group. */
  readonly name: string;
  /** Terraform key of the group, from its name. */
  readonly key: string;
  /** The role the group's members may assume in its accounts (the config's crossAccountRoleName). */
  readonly roleName: string;
  /** Ids of the member accounts the group may enter. */
  readonly accountIds: readonly string[];
  /** What assuming that role asks of the session: MFA, and how recent. */
  readonly mfa: MfaRequirement;
}

/**
 * A group of people in the identity account and the policies that let them assume the
 * cross-account role in exactly its accounts. Split into several managed policies when
 * one would pass IAM's 6,144-character quota.
 */
export class IdentityGroup extends Construct {
  readonly group: IamGroup;

  constructor(scope: Construct, id: string, props: IdentityGroupProps) {
    super(scope, id);
    this.group = new IamGroup(this, 'group', { name: props.name });
    this.group.overrideLogicalId(`group_${props.key}`);
    const documents = groupAssumePolicies({ roleName: props.roleName, accountIds: props.accountIds, mfa: props.mfa });
    if (documents.length > IAM_LIMITS.managedPoliciesPerGroup) {
      throw new Error(
        `identity group "${props.name}" needs ${documents.length} managed policies for ${props.accountIds.length} accounts; IAM attaches at most ${IAM_LIMITS.managedPoliciesPerGroup} to a group`,
      );
    }
    documents.forEach((document, i) => {
      const part = documents.length === 1 ? '' : ` (part ${i + 1} of ${documents.length})`;
      new GroupPolicy(this, `assume-${i + 1}`, {
        name: groupPolicyName(props.name, props.roleName, i + 1),
        description: `Members of ${props.name} assume ${props.roleName} in their accounts${part}`,
        document,
        group: this.group.name,
        key: `group_${props.key}_assume_${i + 1}`,
      });
    });
  }
}
