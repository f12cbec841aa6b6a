import {
  GetGroupPolicyCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  paginateListAttachedGroupPolicies,
  paginateListAttachedUserPolicies,
  paginateListGroupPolicies,
  paginateListGroups,
  paginateListGroupsForUser,
  paginateListUserPolicies,
  paginateListUsers,
  type IAMClient,
  type User,
} from '@aws-sdk/client-iam';
import { actionMatches, resourceMatches, type Statement } from '../../access/policy-eval';
import { AwsCallError, awsCall } from './aws-error';
import { collect } from './live-organization';
import { parsePolicyText } from './policy-normalize';

/** A policy that applies to a user or group of the identity account, read live. */
export interface LivePolicy {
  /** "inline policy NAME" or "attached policy NAME (ARN)". */
  readonly source: string;
  readonly document: unknown;
}

/** What the identity account synthesizes: the attached policies of each group, the users and their groups. */
export interface SynthesizedIdentity {
  /** Group name to the names of its synthesized managed policies. */
  readonly groups: ReadonlyMap<string, ReadonlySet<string>>;
  /** User name to its synthesized groups. */
  readonly users: ReadonlyMap<string, ReadonlySet<string>>;
}

const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * The member roles (by account name) that `document` allows sts:AssumeRole into, judged by
 * Action and Resource alone: conditions are not evaluated, so this is what the policy may
 * grant. Member roles trust every identity user (with MFA), so an identity policy alone opens them.
 */
export function assumableRoles(document: unknown, roleArns: ReadonlyMap<string, string>): string[] {
  const statements = list((document as { Statement?: unknown })?.Statement) as Statement[];
  const allows = statements.filter((s) => s.Effect === 'Allow' && actionMatches(s, 'sts:AssumeRole'));
  return [...roleArns].filter(([, arn]) => allows.some((s) => resourceMatches(s, arn))).map(([name]) => name);
}

/** How to undo each kind of grant. */
export const GRANT_FIXES = {
  groupInline: (group: string) => `delete it (aws iam delete-group-policy --group-name ${group} --policy-name …), or declare the access in org.yaml`,
  groupAttached: () => 'detach it, or declare the group in identity.groups',
  userInline: (user: string) => `delete it (aws iam delete-user-policy --user-name ${user} --policy-name …)`,
  userAttached: (user: string) => `detach it (aws iam detach-user-policy --user-name ${user} --policy-arn …)`,
};

/** One grant Terraform does not manage, in words: what it is, the member accounts it opens, the fix. */
export function grantDrift(who: string, source: string, roles: readonly string[], memberRoleName: string, fix: string): string {
  const effect = roles.length
    ? `: ${who} can now assume ${memberRoleName} in ${roles.length} member account(s) without a synthesized grant (${roles.slice(0, 5).join(', ')}${roles.length > 5 ? ', …' : ''})`
    : '';
  return `${who}: ${source} is not synthesized${effect}; ${fix}`;
}

async function inlinePolicies(iam: IAMClient, kind: 'user' | 'group', name: string): Promise<LivePolicy[]> {
  const names =
    kind === 'user'
      ? await collect('iam:ListUserPolicies', paginateListUserPolicies({ client: iam }, { UserName: name }), (p) => p.PolicyNames, name)
      : await collect('iam:ListGroupPolicies', paginateListGroupPolicies({ client: iam }, { GroupName: name }), (p) => p.PolicyNames, name);
  const out: LivePolicy[] = [];
  for (const policy of names) {
    const text =
      kind === 'user'
        ? (await awsCall('iam:GetUserPolicy', () => iam.send(new GetUserPolicyCommand({ UserName: name, PolicyName: policy })), name)).PolicyDocument
        : (await awsCall('iam:GetGroupPolicy', () => iam.send(new GetGroupPolicyCommand({ GroupName: name, PolicyName: policy })), name)).PolicyDocument;
    out.push({ source: `inline policy ${policy}`, document: parsePolicyText(text ?? '{}') });
  }
  return out;
}

async function attachedPolicies(iam: IAMClient, kind: 'user' | 'group', name: string, documentOf: (arn: string) => Promise<unknown>): Promise<LivePolicy[]> {
  const attached =
    kind === 'user'
      ? await collect('iam:ListAttachedUserPolicies', paginateListAttachedUserPolicies({ client: iam }, { UserName: name }), (p) => p.AttachedPolicies, name)
      : await collect('iam:ListAttachedGroupPolicies', paginateListAttachedGroupPolicies({ client: iam }, { GroupName: name }), (p) => p.AttachedPolicies, name);
  const out: LivePolicy[] = [];
  for (const a of attached) out.push({ source: `attached policy ${a.PolicyName} (${a.PolicyArn})`, document: await documentOf(a.PolicyArn!) });
  return out;
}

/** The synthesized users that exist; one that does not is drift. */
async function synthesizedUsers(iam: IAMClient, names: readonly string[], drift: string[]): Promise<User[]> {
  const out: User[] = [];
  for (const name of names) {
    try {
      const { User: user } = await awsCall('iam:GetUser', () => iam.send(new GetUserCommand({ UserName: name })), name);
      if (user) out.push(user);
    } catch (e) {
      if (!(e instanceof AwsCallError && e.code === 'NoSuchEntity')) throw e;
      drift.push(`user ${name} does not exist`);
    }
  }
  return out;
}

/**
 * Everything in the identity account that grants access and that the synth does not hold:
 * inline policies of any group or user, policies attached to users, policies attached to
 * groups that are not synthesized, memberships in such groups, users that are not
 * synthesized. Each is drift; where its policy allows assuming member roles, the drift says
 * in how many accounts and how to undo it.
 */
export async function unsynthesizedGrants(
  iam: IAMClient,
  synthesized: SynthesizedIdentity,
  roleArns: ReadonlyMap<string, string>,
  memberRoleName: string,
  documentOf: (arn: string) => Promise<unknown>,
  /**
   * 'account': every group and user of the account (the identity account, which the product
   * owns). 'synthesized': only the synthesized ones (the management account, where other
   * administrators live, who reach every member through the management root by design).
   */
  coverage: 'account' | 'synthesized' = 'account',
): Promise<string[]> {
  const drift: string[] = [];
  const reach = (who: string, p: LivePolicy, fix: string) => drift.push(grantDrift(who, p.source, assumableRoles(p.document, roleArns), memberRoleName, fix));
  const groupNames =
    coverage === 'account' ? (await collect('iam:ListGroups', paginateListGroups({ client: iam }, {}), (p) => p.Groups, 'groups')).map((g) => g.GroupName!) : [...synthesized.groups.keys()];
  for (const name of groupNames) {
    const known = synthesized.groups.get(name);
    for (const p of await inlinePolicies(iam, 'group', name)) reach(`group ${name}`, p, GRANT_FIXES.groupInline(name));
    if (!known) {
      for (const p of await attachedPolicies(iam, 'group', name, documentOf)) reach(`group ${name} (not synthesized)`, p, GRANT_FIXES.groupAttached());
    }
  }
  const users =
    coverage === 'account'
      ? await collect('iam:ListUsers', paginateListUsers({ client: iam }, {}), (p) => p.Users, 'users')
      : await synthesizedUsers(iam, [...synthesized.users.keys()], drift);
  for (const u of users) {
    const name = u.UserName!;
    const known = synthesized.users.get(name);
    if (!known) drift.push(`user ${name} is not synthesized (member roles trust every identity user with MFA: a user made by hand reaches every account its policies allow); delete it, or add it to identity.groups`);
    if (u.PermissionsBoundary?.PermissionsBoundaryArn) drift.push(`user ${name}: permissions boundary ${u.PermissionsBoundary.PermissionsBoundaryArn} is not synthesized`);
    for (const p of await inlinePolicies(iam, 'user', name)) reach(`user ${name}`, p, GRANT_FIXES.userInline(name));
    for (const p of await attachedPolicies(iam, 'user', name, documentOf)) reach(`user ${name}`, p, GRANT_FIXES.userAttached(name));
    const memberOf = await collect('iam:ListGroupsForUser', paginateListGroupsForUser({ client: iam }, { UserName: name }), (p) => p.Groups, name);
    for (const g of memberOf) {
      if (!synthesized.groups.has(g.GroupName!)) drift.push(`user ${name} is in group ${g.GroupName}, which is not synthesized; remove the membership, or declare the group`);
    }
  }
  return drift;
}
