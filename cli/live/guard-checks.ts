import { TRUST_GUARD_POLICY_NAME } from '../../policies/trust-guard-policy';
import { AwsCallError } from './aws-error';
import { blocks, notChecked, ok, type Finding } from './findings';
import { policyDrift } from './group-drift';
import type { LiveContext } from './live-context';
import type { ScpReader } from './scp-reader';

/** AWS Organizations quota: service control policies attached to one target (root, OU or account). */
const SCPS_PER_TARGET = 5;
const SCP = 'SERVICE_CONTROL_POLICY';

/**
 * Before an apply with trust.guard: SCPs must be enabled on the root, and the root must have
 * room for one more SCP unless the guard is there already. (An SCP that would deny the runner
 * is found by the SCP check of each member account.)
 */
export async function guardPreflightFindings(ctx: LiveContext, reader: ScpReader): Promise<Finding[]> {
  if (!ctx.config.trust.guard) return [];
  if (!ctx.org.rootPolicyTypes.includes(SCP)) {
    return [blocks('guard', `trust.guard needs service control policies enabled on the root: aws organizations enable-policy-type --root-id ${ctx.org.rootId} --policy-type ${SCP}`)];
  }
  let attached;
  try {
    attached = await reader.atRoot(SCP);
  } catch (e) {
    if (!(e instanceof AwsCallError)) throw e;
    return [notChecked('guard', `the SCPs on the root could not be read (${e.message}): whether the guard can be attached is not known`)];
  }
  if (attached.some((p) => p.name === TRUST_GUARD_POLICY_NAME)) return [ok('guard', `the trust guard ${TRUST_GUARD_POLICY_NAME} is attached at the root`)];
  if (attached.length >= SCPS_PER_TARGET) {
    return [blocks('guard', `the root has ${attached.length} SCPs attached, the most AWS Organizations allows per target (${SCPS_PER_TARGET}): the apply could not attach ${TRUST_GUARD_POLICY_NAME}; merge two of ${attached.map((p) => p.name).join(', ')} first`)];
  }
  return [ok('guard', `the apply attaches the trust guard ${TRUST_GUARD_POLICY_NAME} at the root (${attached.length} of ${SCPS_PER_TARGET} SCPs there now)`)];
}

/** After an apply: the guard is attached at the root, as synthesized, where the config wants it; nowhere else. */
export async function guardDrift(ctx: LiveContext, reader: ScpReader): Promise<string[]> {
  const expected = ctx.synthesized.trustGuardPolicy();
  const wanted = ctx.config.trust.guard;
  if (wanted && expected === undefined) return ['trust.guard is on but the synthesized management stack has no guard SCP: run synth'];
  let attached;
  try {
    attached = (await reader.atRoot(SCP)).filter((p) => p.name === TRUST_GUARD_POLICY_NAME);
  } catch (e) {
    if (!(e instanceof AwsCallError)) throw e;
    return wanted ? [`the trust guard could not be checked: ${e.message}`] : [];
  }
  if (!wanted) return attached.length ? [`SCP ${TRUST_GUARD_POLICY_NAME} is attached at the root, but trust.guard is off: apply management, or detach it`] : [];
  if (!attached.length) return [`trust guard: SCP ${TRUST_GUARD_POLICY_NAME} is not attached at the root (detached, deleted, or not applied yet): admins of member accounts can change the member role's trust; apply management`];
  return attached.flatMap((p) => policyDrift(`trust guard SCP ${TRUST_GUARD_POLICY_NAME} (${p.id})`, p.document, expected).map((d) => `${d}; apply management`));
}
