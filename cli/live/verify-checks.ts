import { GetGroupCommand, GetPolicyCommand, GetPolicyVersionCommand, paginateListAttachedGroupPolicies, type IAMClient } from '@aws-sdk/client-iam';
import { AwsCallError, awsCall } from './aws-error';
import type { LiveContext, MatchedAccount } from './live-context';
import { readMemberRole } from './member-role';
import { diffPolicies, parsePolicyText, type NormalStatement } from './policy-normalize';
import { mapPool } from './pool';
import { unsynthesizedGrants } from './live-grants';
import { Progress } from './progress';

const SESSION = 'org-trust-verify';

export interface AccountDrift {
  readonly account: string;
  readonly id?: string;
  readonly drift: readonly string[];
}

const statementText = (s: NormalStatement) => JSON.stringify(s);

function policyDrift(what: string, live: unknown, expected: unknown): string[] {
  const { onlyLive, onlyExpected } = diffPolicies(live, expected);
  return [
    ...onlyLive.map((s) => `${what}: live has a statement the synthesized one lacks: ${statementText(s)}`),
    ...onlyExpected.map((s) => `${what}: synthesized statement missing live: ${statementText(s)}`),
  ];
}

/** OU and trust policy of one member (or the OU of the identity account) against config and synthesized JSON. */
async function accountDrift(ctx: LiveContext, m: MatchedAccount): Promise<string[]> {
  const { account, live, id } = m;
  if (!live || !id) return [`not in organization ${ctx.org.id}${account.id ? ` (configured id ${account.id})` : ` (no account with email ${account.email})`}`];
  const drift: string[] = [];
  if (live.status !== 'ACTIVE') drift.push(`status ${live.status}`);
  if ((live.ou ?? '') !== (account.ou ?? '')) drift.push(`in ${live.ou ? `OU ${live.ou}` : 'the root'}; the config says ${account.ou ? `OU ${account.ou}` : 'the root'}`);
  if (m.isIdentity) return drift;
  const memberRoleName = ctx.config.organization.memberRoleName;
  const expected = ctx.synthesized.memberTrust(account);
  if (expected === undefined) return [...drift, 'no trust stack manages its role in the synthesized JSON: run synth'];
  const read = await readMemberRole(ctx.clients, id, memberRoleName, SESSION);
  if (!read.ok) return [...drift, `role ${memberRoleName} cannot be read: ${read.error.message}`];
  return [...drift, ...policyDrift(`trust policy of ${memberRoleName}`, read.trustPolicy, expected)];
}

async function policyDocument(iam: IAMClient, arn: string): Promise<unknown> {
  const { Policy } = await awsCall('iam:GetPolicy', () => iam.send(new GetPolicyCommand({ PolicyArn: arn })), arn);
  const { PolicyVersion } = await awsCall('iam:GetPolicyVersion', () => iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: Policy?.DefaultVersionId })), arn);
  return parsePolicyText(PolicyVersion?.Document ?? '{}');
}

/** Identity groups as synthesized against the identity account: existence, members, attached policies and their documents. */
async function identityDrift(ctx: LiveContext, m: MatchedAccount): Promise<string[]> {
  if (!m.id) return [];
  const memberRoleName = ctx.config.organization.memberRoleName;
  let iam: IAMClient;
  try {
    iam = await ctx.clients.iamIn(m.id, memberRoleName, SESSION);
  } catch (e) {
    if (e instanceof AwsCallError) return [`cannot enter the identity account: ${e.message}`];
    throw e;
  }
  const drift: string[] = [];
  for (const group of ctx.synthesized.identityGroups()) {
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
    const attached = await awsCall(
      'iam:ListAttachedGroupPolicies',
      async () => {
        const out: { name: string; arn: string }[] = [];
        for await (const page of paginateListAttachedGroupPolicies({ client: iam }, { GroupName: group.name })) out.push(...(page.AttachedPolicies ?? []).map((p) => ({ name: p.PolicyName!, arn: p.PolicyArn! })));
        return out;
      },
      group.name,
    );
    const liveByName = new Map(attached.map((a) => [a.name, a]));
    for (const extra of attached.filter((a) => !group.policies.some((p) => p.name === a.name))) drift.push(`group ${group.name}: policy ${extra.name} is attached but not synthesized`);
    for (const policy of group.policies) {
      const live = liveByName.get(policy.name);
      if (!live) drift.push(`group ${group.name}: policy ${policy.name} is not attached`);
      else drift.push(...policyDrift(`group ${group.name}, policy ${policy.name}`, await policyDocument(iam, live.arn), policy.document));
    }
  }
  const synthesizedGroups = ctx.synthesized.identityGroups();
  const users = new Map<string, Set<string>>();
  for (const g of synthesizedGroups) for (const u of g.users) users.set(u, (users.get(u) ?? new Set()).add(g.name));
  const roleArns = new Map(ctx.accounts.filter((a) => !a.isIdentity && a.id).map((a) => [a.account.name, `arn:aws:iam::${a.id}:role/${memberRoleName}`]));
  const synthesized = { groups: new Map(synthesizedGroups.map((g) => [g.name, new Set(g.policies.map((p) => p.name))])), users };
  drift.push(...(await unsynthesizedGrants(iam, synthesized, roleArns, memberRoleName, (arn) => policyDocument(iam, arn))));
  return drift;
}

export async function verifyDrift(ctx: LiveContext, concurrency: number, quiet?: boolean): Promise<AccountDrift[]> {
  const progress = new Progress('verify accounts', ctx.accounts.length, process.stderr, quiet);
  return mapPool(
    ctx.accounts,
    concurrency,
    async (m) => {
      const drift = await accountDrift(ctx, m);
      if (m.isIdentity) drift.push(...(await identityDrift(ctx, m)));
      return { account: m.account.name, id: m.id, drift };
    },
    progress.tick,
  );
}
