import { Construct } from 'constructs';
import { IamGroupPolicyAttachment } from '@cdktf/provider-aws/lib/iam-group-policy-attachment';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import type { PolicyDocument } from '../policies/document';
import { terraformPolicyJson } from './policy-json';

export interface GroupPolicyProps {
  /** IAM name of the managed policy. */
  readonly name: string;
  /** IAM description of the policy (fixed once created: IAM cannot change it in place). */
  readonly description: string;
  /** The policy document, built by a function of policies/. */
  readonly document: PolicyDocument;
  /** Name of the IAM group to attach it to (a literal or a reference). */
  readonly group: string;
  /** Terraform key, e.g. group_admins_assume_1. */
  readonly key: string;
}

/** A customer-managed policy attached to a group. */
export class GroupPolicy extends Construct {
  readonly policy: IamPolicy;

  constructor(scope: Construct, id: string, props: GroupPolicyProps) {
    super(scope, id);
    this.policy = new IamPolicy(this, 'policy', {
      name: props.name,
      description: props.description,
      policy: terraformPolicyJson(props.document),
    });
    this.policy.overrideLogicalId(props.key);
    const attachment = new IamGroupPolicyAttachment(this, 'attachment', { group: props.group, policyArn: this.policy.arn });
    attachment.overrideLogicalId(props.key);
  }
}
