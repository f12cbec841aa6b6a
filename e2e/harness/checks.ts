import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { ListAccountsForParentCommand, ListOrganizationalUnitsForParentCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import type { E2eEnvironment } from './environment';
import type { EmulatedOrganization } from './organization';

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Principal?: Record<string, string | string[]>;
  readonly Action: string | string[];
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** A role's trust policy as IAM returns it (URL-encoded JSON), parsed. */
export async function trustPolicy(iam: IAMClient, roleName: string): Promise<{ Statement: PolicyStatement[] }> {
  const { Role } = await iam.send(new GetRoleCommand({ RoleName: roleName }));
  return JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!));
}

export async function attachedPolicyArns(iam: IAMClient, roleName: string): Promise<string[]> {
  const { AttachedPolicies } = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName }));
  return (AttachedPolicies ?? []).map((p) => p.PolicyArn!).sort();
}

/** AWS principals a statement names, whether given as a string or a list. */
export function awsPrincipals(statement: PolicyStatement): string[] {
  const aws = statement.Principal?.AWS;
  return aws === undefined ? [] : Array.isArray(aws) ? aws : [aws];
}

/** Every OU path ("Workloads/Prod", "" for the root) to the names of the accounts directly in it, read from Organizations. */
export async function accountsByOuPath(e2e: E2eEnvironment, rootId: string): Promise<Map<string, string[]>> {
  const client = new OrganizationsClient(e2e.sdk());
  const result = new Map<string, string[]>();
  const walk = async (parentId: string, path: string): Promise<void> => {
    const { Accounts } = await client.send(new ListAccountsForParentCommand({ ParentId: parentId }));
    result.set(path, (Accounts ?? []).map((a) => a.Name!).sort());
    const { OrganizationalUnits } = await client.send(new ListOrganizationalUnitsForParentCommand({ ParentId: parentId }));
    for (const ou of OrganizationalUnits ?? []) await walk(ou.Id!, path ? `${path}/${ou.Name}` : ou.Name!);
  };
  await walk(rootId, '');
  return result;
}

export async function inlinePolicyNames(iam: IAMClient, roleName: string): Promise<string[]> {
  const { PolicyNames } = await iam.send(new ListRolePoliciesCommand({ RoleName: roleName }));
  return [...(PolicyNames ?? [])].sort();
}

/**
 * Reads a member role's trust policy from the emulator (as the management account, assumed
 * into the member) and checks the product's promise: the management root trusted without
 * conditions, the identity account's IAM users only, with MFA when `denyWithoutMfa` (the config's identity.requireMfa).
 * Returns what it found, for further expectations.
 */
export async function expectMemberTrust(
  iam: IAMClient,
  ids: { managementAccountId: string; identityAccountId: string },
  options: { memberRoleName?: string; denyWithoutMfa?: boolean } = {},
): Promise<PolicyStatement[]> {
  const statements = (await trustPolicy(iam, options.memberRoleName ?? 'OrganizationAccountAccessRole')).Statement;
  const management = statements.filter((s) => awsPrincipals(s).includes(`arn:aws:iam::${ids.managementAccountId}:root`));
  expect(management).toEqual([expect.objectContaining({ Effect: 'Allow', Action: 'sts:AssumeRole' })]);
  expect(management[0].Condition).toBeUndefined();
  const identity = statements.filter((s) => awsPrincipals(s).includes(`arn:aws:iam::${ids.identityAccountId}:root`));
  expect(identity).toHaveLength(1);
  expect(identity[0].Condition?.ArnLike).toEqual({ 'aws:PrincipalArn': `arn:aws:iam::${ids.identityAccountId}:user/*` });
  if (options.denyWithoutMfa ?? true) expect(identity[0].Condition?.Bool).toEqual({ 'aws:MultiFactorAuthPresent': 'true' });
  expect(statements).toHaveLength(2);
  return statements;
}

/**
 * Every account of the organization (management included) to its entity path as
 * aws:ResourceOrgPaths carries it, "o-…/r-…/ou-…/", read from Organizations.
 */
export async function accountEntityPaths(e2e: E2eEnvironment, org: Pick<EmulatedOrganization, 'id' | 'rootId'>): Promise<Map<string, string>> {
  const client = new OrganizationsClient(e2e.sdk());
  const result = new Map<string, string>();
  const walk = async (parentId: string, path: string): Promise<void> => {
    const { Accounts } = await client.send(new ListAccountsForParentCommand({ ParentId: parentId }));
    for (const a of Accounts ?? []) result.set(a.Id!, path);
    const { OrganizationalUnits } = await client.send(new ListOrganizationalUnitsForParentCommand({ ParentId: parentId }));
    for (const ou of OrganizationalUnits ?? []) await walk(ou.Id!, `${path}${ou.Id}/`);
  };
  await walk(org.rootId, `${org.id}/${org.rootId}/`);
  return result;
}

/** StringLike: `*` any run of characters, `?` one; nothing else special. */
const stringLike = (pattern: string) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);

/**
 * The accounts one assume statement of a group reaches in the live organization: those its
 * aws:ResourceAccount list names, every account of its aws:ResourceOrgID, or those whose
 * entity path matches an aws:ResourceOrgPaths pattern, less its StringNotEquals exclusions.
 */
function statementAccounts(s: PolicyStatement, live: { readonly id: string; readonly paths: ReadonlyMap<string, string> }): string[] {
  const c = s.Condition ?? {};
  const list = (v: unknown) => (v === undefined ? [] : ([v].flat() as string[]));
  const listed = list(c.StringEquals?.['aws:ResourceAccount']);
  if (listed.length) return listed;
  const excluded = new Set(list(c.StringNotEquals?.['aws:ResourceAccount']));
  const orgId = c.StringEquals?.['aws:ResourceOrgID'];
  const patterns = list(c['ForAnyValue:StringLike']?.['aws:ResourceOrgPaths']).map(stringLike);
  if (orgId === undefined && !patterns.length) throw new Error(`an assume statement of no scope this check knows: ${JSON.stringify(c)}`);
  const inScope = ([, path]: [string, string]) => (orgId !== undefined ? orgId === live.id : patterns.some((p) => p.test(path)));
  return [...live.paths].filter(inScope).map(([id]) => id).filter((id) => !excluded.has(id));
}

/**
 * The accounts whose cross-account role a group's policies let it assume, read from the
 * identity account's IAM and resolved against the live organization (`live`: its id and every
 * account's entity path, accountEntityPaths), and whether every such statement asks for MFA.
 */
export async function groupAssumableAccounts(
  iam: IAMClient,
  groupName: string,
  live: { readonly id: string; readonly paths: ReadonlyMap<string, string> },
): Promise<{ accounts: string[]; allRequireMfa: boolean }> {
  const { AttachedPolicies } = await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: groupName }));
  const statements: PolicyStatement[] = [];
  for (const attached of (AttachedPolicies ?? []).filter((p) => p.PolicyName!.startsWith(`${groupName}-assume-`))) {
    const { Policy } = await iam.send(new GetPolicyCommand({ PolicyArn: attached.PolicyArn }));
    const { PolicyVersion } = await iam.send(new GetPolicyVersionCommand({ PolicyArn: attached.PolicyArn, VersionId: Policy!.DefaultVersionId }));
    statements.push(...(JSON.parse(decodeURIComponent(PolicyVersion!.Document!)) as { Statement: PolicyStatement[] }).Statement);
  }
  const accounts = [...new Set(statements.flatMap((s) => statementAccounts(s, live)))].sort();
  const allRequireMfa = statements.length > 0 && statements.every((s) => s.Condition?.Bool?.['aws:MultiFactorAuthPresent'] === 'true');
  return { accounts, allRequireMfa };
}
