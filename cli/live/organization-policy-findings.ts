import { AwsCallError } from './aws-error';
import { blocks, notChecked, type Finding } from './findings';
import type { LiveContext, MatchedAccount } from './live-context';
import { policyAllows, runnerContext, scpFindings, TRUST_REWRITE_ACTIONS, type ScpRequest } from './scp-check';
import type { AttachedScp, OrganizationPolicyType, ScpReader } from './scp-reader';

/** What a policy type can stop, and with which calls: SCPs the runner's IAM calls, RCPs (STS is an RCP service, IAM is not) AssumeRole into the role. */
const CHECKED: Record<OrganizationPolicyType, { readonly label: string; readonly check: string; readonly actions: readonly string[] }> = {
  SERVICE_CONTROL_POLICY: { label: 'SCP', check: 'scp', actions: TRUST_REWRITE_ACTIONS },
  RESOURCE_CONTROL_POLICY: { label: 'RCP', check: 'rcp', actions: ['sts:AssumeRole'] },
};

/**
 * Findings of one policy type on the way to a member role: a Deny that holds BLOCKS; a Deny
 * whose conditions cannot be decided here, or an allow-list level whose Allow has conditions,
 * is NOT CHECKED (never ok); a level (root, OU, account) whose attached policies allow none of
 * the calls BLOCKS, since every level must allow a call. A policy type that cannot be read is
 * NOT CHECKED.
 */
export async function organizationPolicyFindings(ctx: LiveContext, m: MatchedAccount, reader: ScpReader, type: OrganizationPolicyType): Promise<Finding[]> {
  const { label, check, actions } = CHECKED[type];
  const resource = `arn:aws:iam::${m.id}:role/${ctx.config.organization.memberRoleName}`;
  const context = runnerContext({ accountId: m.id!, memberRoleName: ctx.config.organization.memberRoleName, organizationId: ctx.org.id });
  let attached: AttachedScp[];
  try {
    attached = await reader.forAccount(m.live!, type);
  } catch (e) {
    if (!(e instanceof AwsCallError)) throw e;
    return [notChecked(check, `${label}s on the way to ${resource} could not be read (${e.message}): whether one denies ${actions.join(' or ')} is not known`, m.account.name)];
  }
  const out: Finding[] = [];
  for (const action of actions) {
    const request: ScpRequest = { action, resource, context };
    for (const policy of attached) {
      for (const f of scpFindings(policy.document, request)) {
        const where = `${label} "${policy.name}" (${policy.id}) on ${policy.target}${f.sid ? `, statement ${f.sid}` : ''}`;
        out.push(
          f.outcome === 'denies'
            ? blocks(check, `${where} denies ${action} on ${resource}`, m.account.name)
            : notChecked(check, `${where} may deny ${action} on ${resource}: cannot decide ${f.undecided.join(', ')} here`, m.account.name),
        );
      }
    }
    for (const target of [...new Set(attached.map((p) => p.target))]) {
      const atLevel = attached.filter((p) => p.target === target).map((p) => policyAllows(p.document, request));
      if (atLevel.includes('allows')) continue;
      out.push(
        atLevel.includes('maybe')
          ? notChecked(check, `the ${label}s on ${target} allow ${action} on ${resource} only under conditions not evaluated here (an allow-list level)`, m.account.name)
          : blocks(check, `no ${label} attached on ${target} allows ${action} on ${resource} (an allow-list level without it): the call is denied`, m.account.name),
      );
    }
  }
  return out;
}
