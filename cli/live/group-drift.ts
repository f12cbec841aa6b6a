import { GetGroupCommand, GetPolicyCommand, GetPolicyVersionCommand, paginateListAttachedGroupPolicies, type IAMClient } from '@aws-sdk/client-iam';
import { AwsCallError, awsCall } from './aws-error';
import { collect } from './live-organization';
import { diffPolicies, parsePolicyText, type NormalStatement } from './policy-normalize';
import type { SynthesizedGroup } from './synthesized-policies';

const statementText = (s: NormalStatement) => JSON.stringify(s);

/** A policy that is not a trust policy, compared statement by statement (the statements are the words here). */
export function policyDrift(what: string, live: unknown, expected: unknown): string[] {
  const { onlyLive, onlyExpected } = diffPolicies(live, expected);
  return [
    ...onlyLive.map((s) => `${what}: live has a statement the synthesized one lacks: ${statementText(s)}`),
    ...onlyExpected.map((s) => `${what}: synthesized statement missing live: ${statementText(s)}`),
  ];
}

/** The default version of a managed policy, read live. */
export async function policyDocument(iam: IAMClient, arn: string): Promise<unknown> {
  const { Policy } = await awsCall('iam:GetPolicy', () => iam.send(new GetPolicyCommand({ PolicyArn: arn })), arn);
  const { PolicyVersion } = await awsCall('iam:GetPolicyVersion', () => iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: Policy?.DefaultVersionId })), arn);
  return parsePolicyText(PolicyVersion?.Document ?? '{}');
}

/** Synthesized groups against one account: existence, members, attached policies and their documents. */
export async function groupDrift(iam: IAMClient, groups: readonly SynthesizedGroup[]): Promise<string[]> {
  const drift: string[] = [];
  for (const group of groups) {
    let users: string[];
    try {
      const res = await awsCall('iam:GetGroup', () => iam.send(new GetGroupCommand({ GroupName: group.name })), group.name);
      users = (res.Users ?? []).map((u) => u.UserName!).sort();
    } catch (e) {
      if (e instanceof AwsCallError && e.code === 'NoSuchEntity') {
        drift.push(`group ${group.name} does not exist`);
        continue;
      }
      throw e;
    }
    if (users.join() !== group.users.join()) drift.push(`group ${group.name}: members ${users.join(', ') || '(none)'}; synthesized ${group.users.join(', ') || '(none)'}`);
    const attached = await collect('iam:ListAttachedGroupPolicies', paginateListAttachedGroupPolicies({ client: iam }, { GroupName: group.name }), (p) => p.AttachedPolicies, group.name);
    const liveByName = new Map(attached.map((a) => [a.PolicyName!, a.PolicyArn!]));
    for (const extra of attached.filter((a) => !group.policies.some((p) => p.name === a.PolicyName))) drift.push(`group ${group.name}: policy ${extra.PolicyName} is attached but not synthesized`);
    for (const policy of group.policies) {
      const arn = liveByName.get(policy.name);
      if (!arn) drift.push(`group ${group.name}: policy ${policy.name} is not attached`);
      else drift.push(...policyDrift(`group ${group.name}, policy ${policy.name}`, await policyDocument(iam, arn), policy.document));
    }
  }
  return drift;
}
