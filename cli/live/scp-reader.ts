import { DescribePolicyCommand, paginateListPoliciesForTarget, type OrganizationsClient } from '@aws-sdk/client-organizations';
import { awsCall } from './aws-error';
import type { LiveAccount, LiveOrganization } from './live-organization';

export interface AttachedScp {
  readonly name: string;
  readonly id: string;
  /** Where it is attached: "root", an OU path, or "account". */
  readonly target: string;
  readonly document: unknown;
}

/**
 * Service control policies that apply to an account: those on the root, on every OU above
 * it and on the account itself. Each target and each policy is read once however many
 * accounts share it.
 */
export type OrganizationPolicyType = 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';

export class ScpReader {
  private readonly byTarget = new Map<string, Promise<{ id: string; name: string }[]>>();
  private readonly documents = new Map<string, Promise<unknown>>();

  constructor(
    private readonly client: OrganizationsClient,
    private readonly org: LiveOrganization,
  ) {}

  async forAccount(account: LiveAccount, type: OrganizationPolicyType = 'SERVICE_CONTROL_POLICY'): Promise<AttachedScp[]> {
    const ouById = new Map(this.org.ous.map((o) => [o.id, o]));
    const targets: { id: string; label: string }[] = [{ id: account.id, label: 'account' }];
    for (let parent = ouById.get(account.parentId); parent; parent = ouById.get(parent.parentId)) targets.push({ id: parent.id, label: `OU ${parent.path}` });
    targets.push({ id: this.org.rootId, label: 'root' });
    const out: AttachedScp[] = [];
    for (const target of targets.reverse()) {
      for (const policy of await this.policiesOf(target.id, type)) {
        out.push({ ...policy, target: target.label, document: await this.document(policy.id) });
      }
    }
    return out;
  }

  /** The policies of a type attached at the organization root. */
  async atRoot(type: OrganizationPolicyType): Promise<AttachedScp[]> {
    const out: AttachedScp[] = [];
    for (const policy of await this.policiesOf(this.org.rootId, type)) out.push({ ...policy, target: 'root', document: await this.document(policy.id) });
    return out;
  }

  private policiesOf(targetId: string, type: OrganizationPolicyType): Promise<{ id: string; name: string }[]> {
    let found = this.byTarget.get(`${type} ${targetId}`);
    if (!found) {
      found = awsCall(
        'organizations:ListPoliciesForTarget',
        async () => {
          const out: { id: string; name: string }[] = [];
          try {
            for await (const page of paginateListPoliciesForTarget({ client: this.client }, { TargetId: targetId, Filter: type })) {
              out.push(...(page.Policies ?? []).map((p) => ({ id: p.Id!, name: p.Name ?? p.Id! })));
            }
          } catch (e) {
            // The policy type not enabled in the organization: none applies.
            if ((e as { name?: string }).name === 'PolicyTypeNotEnabledException') return [];
            throw e;
          }
          return out;
        },
        targetId,
      );
      this.byTarget.set(`${type} ${targetId}`, found);
    }
    return found;
  }

  private document(policyId: string): Promise<unknown> {
    let doc = this.documents.get(policyId);
    if (!doc) {
      doc = awsCall(
        'organizations:DescribePolicy',
        async () => {
          const { Policy } = await this.client.send(new DescribePolicyCommand({ PolicyId: policyId }));
          return JSON.parse(Policy?.Content ?? '{}');
        },
        policyId,
      );
      this.documents.set(policyId, doc);
    }
    return doc;
  }
}
