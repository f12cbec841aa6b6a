import { policyDocument, type PolicyDocument } from './document';
import { MFA_ALWAYS, mfaCondition } from './mfa-condition';

/**
 * The AWS managed task policies of a privileged root session (IAM User Guide, "Perform a
 * privileged task on an AWS Organizations member account"): sts:AssumeRoot takes one of them
 * as TaskPolicyArn, and the session can do that task only.
 */
export const ROOT_TASK_POLICIES = 'arn:aws:iam::aws:policy/root-task/*';

/**
 * The break-glass group's policy: sts:AssumeRoot into member accounts' root (resource type
 * root-user, arn:aws:iam::ACCOUNT:root; Service Authorization Reference, AWS STS), with MFA,
 * for the AWS task policies only (sts:TaskPolicyArn, an ARN key). No other synthesized policy
 * names sts:AssumeRoot, so this group alone reaches it among the principals the product makes.
 */
export function assumeRootPolicy(): PolicyDocument {
  return policyDocument({
    Sid: 'AssumeRootForTasksWithMfa',
    Effect: 'Allow',
    Action: 'sts:AssumeRoot',
    Resource: 'arn:aws:iam::*:root',
    Condition: { ...mfaCondition(MFA_ALWAYS), ArnLike: { 'sts:TaskPolicyArn': ROOT_TASK_POLICIES } },
  });
}
