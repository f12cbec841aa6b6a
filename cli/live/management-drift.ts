import { GetRolePolicyCommand, paginateListAttachedRolePolicies, paginateListRolePolicies, type IAMClient } from '@aws-sdk/client-iam';
import { AwsCallError, awsCall } from './aws-error';
import { groupDrift, policyDocument, policyDrift } from './group-drift';
import type { LiveContext } from './live-context';
import { unsynthesizedGrants } from './live-grants';
import { collect } from './live-organization';
import { parsePolicyText } from './policy-normalize';
import { readRoleTrust } from './member-role';
import type { SynthesizedRole } from './synthesized-policies';
import { explainTrustDrift } from './trust-drift';
import { memberRoleArns, principalNamer, synthesizedPeople } from './drift-context';
import { MANAGEMENT_STACK } from '../../stacks/stack-names';
import { guardDrift } from './guard-checks';
import { ScpReader } from './scp-reader';

/**
 * The management account's side of access, read with the caller's own credentials: the
 * synthesized group (crossaccount-admins: members, attached policies), the grants on it and
 * on its users that Terraform does not manage, and the role assumerole_create_account (trust
 * and policies). Other administrators of the management account are not drift: they reach
 * every member through the management root by design, and the product does not manage them.
 */
export async function managementDrift(ctx: LiveContext): Promise<string[]> {
  const iam = ctx.clients.iamHere();
  const groups = ctx.synthesized.managementGroups();
  try {
    const drift = [...(await groupDrift(iam, groups))];
    drift.push(...(await unsynthesizedGrants(iam, synthesizedPeople(groups), memberRoleArns(ctx), ctx.config.organization.memberRoleName, (arn) => policyDocument(iam, arn), 'synthesized')));
    for (const role of ctx.synthesized.roles(MANAGEMENT_STACK)) drift.push(...(await roleDrift(iam, role, principalNamer(ctx))));
    drift.push(...(await guardDrift(ctx, new ScpReader(ctx.clients.organizations, ctx.org))));
    return drift;
  } catch (e) {
    if (e instanceof AwsCallError) return [`cannot read IAM of the management account: ${e.message}`];
    throw e;
  }
}

async function roleDrift(iam: IAMClient, role: SynthesizedRole, principalName: Parameters<typeof explainTrustDrift>[2]['principalName']): Promise<string[]> {
  const trust = await readRoleTrust(iam, role.name);
  if (trust === undefined) return [`role ${role.name} does not exist; apply ${MANAGEMENT_STACK}`];
  const drift = [...explainTrustDrift(trust, role.trust, { policy: `trust policy of ${role.name}`, fix: `apply ${MANAGEMENT_STACK}`, principalName }).words];
  const inline = await collect('iam:ListRolePolicies', paginateListRolePolicies({ client: iam }, { RoleName: role.name }), (p) => p.PolicyNames, role.name);
  for (const name of inline) {
    const synthesized = role.inlinePolicies.find((p) => p.name === name);
    const { PolicyDocument } = await awsCall('iam:GetRolePolicy', () => iam.send(new GetRolePolicyCommand({ RoleName: role.name, PolicyName: name })), name);
    if (!synthesized) drift.push(`role ${role.name}: inline policy ${name} is not synthesized; delete it (aws iam delete-role-policy --role-name ${role.name} --policy-name ${name})`);
    else drift.push(...policyDrift(`role ${role.name}, policy ${name}`, parsePolicyText(PolicyDocument ?? '{}'), synthesized.document));
  }
  for (const missing of role.inlinePolicies.filter((p) => !inline.includes(p.name))) drift.push(`role ${role.name}: inline policy ${missing.name} is missing; apply ${MANAGEMENT_STACK}`);
  const attached = await collect('iam:ListAttachedRolePolicies', paginateListAttachedRolePolicies({ client: iam }, { RoleName: role.name }), (p) => p.AttachedPolicies, role.name);
  for (const a of attached) drift.push(`role ${role.name}: attached policy ${a.PolicyName} (${a.PolicyArn}) is not synthesized; detach it (aws iam detach-role-policy --role-name ${role.name} --policy-arn ${a.PolicyArn})`);
  return drift;
}
