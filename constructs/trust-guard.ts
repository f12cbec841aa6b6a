import { Construct } from 'constructs';
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import { TRUST_GUARD_POLICY_NAME, trustGuardPolicy } from '../policies/trust-guard-policy';
import { terraformPolicyJson } from './policy-json';

export interface TrustGuardProps {
  /** The member role the SCP protects (organization.crossAccountRoleName). */
  readonly memberRoleName: string;
  /** The organization root's id (an expression on the organization data source). */
  readonly rootId: string;
}

/**
 * trust.guard: one service control policy, attached at the organization root, that lets only
 * the runner's session of the member role change that role (policies/trust-guard-policy.ts).
 * Every member account, present and future, is under the root; the management account is not
 * subject to SCPs. Turning the guard off (trust.guard: false) is a change of this stack: the
 * plan destroys the policy and its attachment, and `report --base` lists it as a loss of protection.
 */
export class TrustGuard extends Construct {
  constructor(scope: Construct, id: string, props: TrustGuardProps) {
    super(scope, id);
    const policy = new OrganizationsPolicy(this, 'policy', {
      name: TRUST_GUARD_POLICY_NAME,
      description: `Only the org-trust runner may change ${props.memberRoleName} (trust.guard)`,
      type: 'SERVICE_CONTROL_POLICY',
      content: terraformPolicyJson(trustGuardPolicy({ memberRoleName: props.memberRoleName })),
    });
    policy.overrideLogicalId('trust_guard');
    const attachment = new OrganizationsPolicyAttachment(this, 'attachment', { policyId: policy.id, targetId: props.rootId });
    attachment.overrideLogicalId('trust_guard');
  }
}
