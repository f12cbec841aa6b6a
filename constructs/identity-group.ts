import { Construct } from 'constructs';
import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { groupPolicyName } from '../config/iam-names';
import { IAM_LIMITS } from '../policies/document';
import { planGroupPolicies, type GroupAssumePolicyProps, type GroupPolicyScope } from '../policies/identity-group-policy';
import { GroupPolicy } from './group-policy';

export interface IdentityGroupProps extends GroupAssumePolicyProps {
  readonly name: string;
  /** Terraform key of the group, from its name. */
  readonly key: string;
}

/**
 * A group of people in the identity account and the policies that let them assume the
 * cross-account role in exactly its accounts: the organization for "*", its OUs by
 * organization path, named accounts by id. Split into several managed policies where one
 * would pass IAM's 6,144-character quota.
 */
export class IdentityGroup extends Construct {
  readonly group: IamGroup;

  constructor(scope: Construct, id: string, props: IdentityGroupProps) {
    super(scope, id);
    this.group = new IamGroup(this, 'group', { name: props.name });
    this.group.overrideLogicalId(`group_${props.key}`);
    const { documents, problem } = planGroupPolicies(props);
    if (problem || documents.length > IAM_LIMITS.managedPoliciesPerGroup) {
      throw new Error(
        `identity group "${props.name}": ${problem ?? `needs ${documents.length} managed policies; IAM attaches at most ${IAM_LIMITS.managedPoliciesPerGroup} to a group`}`,
      );
    }
    const counts = new Map<GroupPolicyScope, number>();
    for (const d of documents) counts.set(d.scope, (counts.get(d.scope) ?? 0) + 1);
    const seen = new Map<GroupPolicyScope, number>();
    documents.forEach(({ scope, document }, i) => {
      const n = (seen.get(scope) ?? 0) + 1;
      seen.set(scope, n);
      const part = counts.get(scope)! > 1 ? ` (part ${n} of ${counts.get(scope)})` : '';
      new GroupPolicy(this, `assume-${i + 1}`, {
        name: groupPolicyName(props.name, props.memberRoleName, i + 1),
        description: `Members of ${props.name} assume ${props.memberRoleName} ${SCOPE_TEXT[scope]}${part}`,
        document,
        group: this.group.name,
        key: `group_${props.key}_assume_${i + 1}`,
      });
    });
  }
}

/** Descriptions name no OU: IAM takes only Latin-1 there, OU names take any character. */
const SCOPE_TEXT: Record<GroupPolicyScope, string> = {
  organization: 'in every member account of the organization',
  ous: 'in the accounts of their OUs and the OUs below',
  accounts: 'in their accounts',
};
