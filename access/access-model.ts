import type { OrgConfig } from '../config/model';
import type { Statement } from './policy-eval';
import { AccountRefs, MANAGEMENT, ROOT_PATH, accountToken, ouToken } from './synth-refs';
import { IDENTITY_STACK, MANAGEMENT_STACK } from '../stacks/stack-names';
import type { StackJson } from './synth-output';

/** A group or user of the management or identity stack, with the statements that apply to it. */
export interface PrincipalModel {
  /** "identity-group:admins", "identity-user:alice", "management-group:...", "management-user:user1". */
  readonly id: string;
  readonly kind: 'identity-group' | 'identity-user' | 'management-group' | 'management-user';
  readonly name: string;
  /** Account name (MANAGEMENT, "{management}", for the management account). */
  readonly account: string;
  /** Users of a group, groups of a user. */
  readonly members: readonly string[];
  readonly statements: readonly Statement[];
}

/** An IAM role the stacks manage, with its trust policy. */
export interface RoleModel {
  readonly account: string;
  readonly roleName: string;
  readonly stack: string;
  /** OU path, "Root", or "(unknown)" when management does not hold the account. */
  readonly ou: string;
  readonly trust: readonly Statement[];
}

export interface AccessModel {
  readonly refs: AccountRefs;
  readonly principals: readonly PrincipalModel[];
  /** Member roles of the trust stacks, by OU then name. */
  readonly memberRoles: readonly RoleModel[];
  /** Roles of the management stack (the create-account role). */
  readonly managementRoles: readonly RoleModel[];
  /**
   * The role the identity stack's provider assumes in the identity account. No stack manages
   * its trust: it is evaluated with the one AWS Organizations gives an account it creates.
   */
  readonly identityRoles: readonly RoleModel[];
  /** Accounts in the organization (management JSON), the management account included. */
  readonly organizationAccounts: readonly string[];
  /** The OU paths in the management stack, parents first. */
  readonly ous: readonly string[];
  /** Where each account sits, for aws:ResourceOrgPaths, and OU names by resource key. */
  readonly tree: OrganizationTree;
  /** Attachments that could not be read (e.g. AWS-managed policies): named in the report. */
  readonly notes: readonly string[];
}

/** RoleModel.stack of a role no stack manages. */
export const UNMANAGED = '(not managed)';

/** The trust AWS Organizations writes into the role of an account it creates: the management account's root, no condition. */
const organizationsDefaultTrust = (): Statement[] => [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountToken(MANAGEMENT)}:root` }, Action: 'sts:AssumeRole' }];

type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** "${aws_iam_group.k.name}" -> k, for resource type `type`. */
const refKey = (value: unknown, type: string, attr: string) =>
  typeof value === 'string' ? new RegExp(`^\\$\\{${type}\\.([^.]+)\\.${attr}\\}$`).exec(value)?.[1] : undefined;

function statementsOf(policy: unknown, refs: AccountRefs, where: string): Statement[] {
  if (typeof policy !== 'string') throw new Error(`${where}: policy is not a JSON string`);
  // Terraform substitutes its expressions before IAM sees the text; so do we, with tokens.
  const text = refs.canon(policy);
  let doc: { Statement?: Statement | Statement[] };
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch (e) {
    throw new Error(`${where}: the policy is not JSON once its Terraform expressions are substituted (${(e as Error).message}): ${text.slice(0, 200)}`);
  }
  return Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
}

/** Groups and users of one stack (identity or management), in the account `account`. */
function stackPrincipals(stack: StackJson, account: string, prefix: 'identity' | 'management', refs: AccountRefs, notes: string[]): PrincipalModel[] {
  const r: Resources = stack.resource ?? {};
  const groupName = (v: unknown) => {
    const key = refKey(v, 'aws_iam_group', 'name');
    return key ? String(r.aws_iam_group?.[key]?.name) : String(v);
  };
  const userName = (v: unknown) => {
    const key = refKey(v, 'aws_iam_user', 'name');
    return key ? String(r.aws_iam_user?.[key]?.name) : String(v);
  };
  const managedPolicy = (arn: unknown, where: string): Statement[] => {
    const key = refKey(arn, 'aws_iam_policy', 'arn');
    const policy = key ? r.aws_iam_policy?.[key]?.policy : undefined;
    if (policy === undefined) {
      notes.push(`${where}: policy ${String(arn)} is not in the stack and was not evaluated`);
      return [];
    }
    return statementsOf(policy, refs, `aws_iam_policy.${key}`);
  };

  const groupStatements = new Map<string, Statement[]>();
  for (const g of Object.values(r.aws_iam_group ?? {})) groupStatements.set(String(g.name), []);
  for (const [key, a] of Object.entries(r.aws_iam_group_policy_attachment ?? {})) {
    groupStatements.get(groupName(a.group))?.push(...managedPolicy(a.policy_arn, `aws_iam_group_policy_attachment.${key}`));
  }
  for (const [key, p] of Object.entries(r.aws_iam_group_policy ?? {})) {
    groupStatements.get(groupName(p.group))?.push(...statementsOf(p.policy, refs, `aws_iam_group_policy.${key}`));
  }

  const userGroups = new Map<string, string[]>();
  const userStatements = new Map<string, Statement[]>();
  for (const u of Object.values(r.aws_iam_user ?? {})) {
    userGroups.set(String(u.name), []);
    userStatements.set(String(u.name), []);
  }
  for (const m of Object.values(r.aws_iam_user_group_membership ?? {})) {
    userGroups.get(userName(m.user))?.push(...(m.groups as unknown[]).map(groupName));
  }
  for (const m of Object.values(r.aws_iam_group_membership ?? {})) {
    for (const u of m.users as unknown[]) userGroups.get(userName(u))?.push(groupName(m.group));
  }
  for (const [key, a] of Object.entries(r.aws_iam_user_policy_attachment ?? {})) {
    userStatements.get(userName(a.user))?.push(...managedPolicy(a.policy_arn, `aws_iam_user_policy_attachment.${key}`));
  }
  for (const [key, p] of Object.entries(r.aws_iam_user_policy ?? {})) {
    userStatements.get(userName(p.user))?.push(...statementsOf(p.policy, refs, `aws_iam_user_policy.${key}`));
  }

  const sorted = <T>(m: Map<string, T>) => [...m.keys()].sort();
  const groups: PrincipalModel[] = sorted(groupStatements).map((name) => ({
    id: `${prefix}-group:${name}`,
    kind: `${prefix}-group` as const,
    name,
    account,
    members: sorted(userGroups).filter((u) => userGroups.get(u)!.includes(name)),
    statements: groupStatements.get(name)!,
  }));
  const users: PrincipalModel[] = sorted(userGroups).map((name) => {
    const memberOf = [...new Set(userGroups.get(name)!)].sort();
    return {
      id: `${prefix}-user:${name}`,
      kind: `${prefix}-user` as const,
      name,
      account,
      members: memberOf,
      statements: [...memberOf.flatMap((g) => groupStatements.get(g) ?? []), ...userStatements.get(name)!],
    };
  });
  return [...groups, ...users];
}

/** The OU tree of the management stack: OU paths by name, and where each account sits. */
export interface OrganizationTree {
  /** Every OU path ("Workloads/Prod"), sorted. */
  readonly ous: string[];
  /** Account name to its OU path, "Root" directly under the root. */
  readonly ouOfAccount: Map<string, string>;
  /** Account name to its entity path in tokens, "{organization}/{organization-root}/{ou:KEY}/", as aws:ResourceOrgPaths gives it. */
  readonly orgPathOfAccount: Map<string, string>;
  /** OU resource key (ou_workloads_prod) to its path of names. */
  readonly ouPathByKey: Map<string, string>;
}

/** OU path of every OU resource key, and of every account name. */
export function organizationTree(management: StackJson): OrganizationTree {
  const r: Resources = management.resource ?? {};
  const units = r.aws_organizations_organizational_unit ?? {};
  const parentKey = (parentId: unknown) => refKey(parentId, 'aws_organizations_organizational_unit', 'id');
  const pathOf = (key: string, depth = 0): { names: string; ids: string } => {
    const unit = units[key];
    const parent = parentKey(unit?.parent_id);
    const name = String(unit?.name ?? key);
    const above = parent && depth < 10 ? pathOf(parent, depth + 1) : { names: '', ids: ROOT_PATH };
    return { names: above.names ? `${above.names}/${name}` : name, ids: `${above.ids}${ouToken(key)}/` };
  };
  const ouOfAccount = new Map<string, string>();
  const orgPathOfAccount = new Map<string, string>([[MANAGEMENT, ROOT_PATH]]);
  for (const a of Object.values(r.aws_organizations_account ?? {})) {
    const parent = parentKey(a.parent_id);
    const path = parent ? pathOf(parent) : { names: 'Root', ids: ROOT_PATH };
    ouOfAccount.set(String(a.name), path.names);
    orgPathOfAccount.set(String(a.name), path.ids);
  }
  const ouPathByKey = new Map(Object.keys(units).map((k) => [k, pathOf(k).names]));
  return { ous: [...ouPathByKey.values()].sort(), ouOfAccount, orgPathOfAccount, ouPathByKey };
}

/**
 * The access model of synthesized stacks. The config gives only what the JSON cannot: the
 * management account's id (its provider uses ambient credentials) and a literal
 * organization id where one is configured.
 */
export function readAccessModel(stacks: Readonly<Record<string, StackJson>>, config: OrgConfig): AccessModel {
  const management = stacks[MANAGEMENT_STACK];
  const refs = new AccountRefs(management, config.organization.managementAccountId, config.organization.id);
  const notes: string[] = [];
  const tree = organizationTree(management);
  const { ous, ouOfAccount } = tree;

  const identityRoleArn = refs.canon(String(stacks[IDENTITY_STACK].provider?.aws?.[0]?.assume_role?.[0]?.role_arn ?? ''));
  const identityAccount = AccountRefs.accountOfRoleArn(identityRoleArn);
  const identityRoleName = /:role\/(.+)$/.exec(identityRoleArn)?.[1];
  if (!identityAccount || !identityRoleName) throw new Error(`cannot tell the identity account from its provider's role_arn "${identityRoleArn}"`);

  const principals = [
    ...stackPrincipals(stacks[IDENTITY_STACK], identityAccount, 'identity', refs, notes),
    ...stackPrincipals(management, MANAGEMENT, 'management', refs, notes),
  ];

  const memberRoles: RoleModel[] = [];
  for (const [stackName, stack] of Object.entries(stacks)) {
    if (stackName === MANAGEMENT_STACK || stackName === IDENTITY_STACK) continue;
    const providers: Record<string, unknown>[] = stack.provider?.aws ?? [];
    for (const [key, role] of Object.entries<Record<string, unknown>>(stack.resource?.aws_iam_role ?? {})) {
      const alias = String(role.provider ?? '').replace(/^aws\./, '');
      const provider = providers.find((p) => p.alias === alias) as { assume_role?: { role_arn?: string }[] } | undefined;
      const arn = refs.canon(String(provider?.assume_role?.[0]?.role_arn ?? ''));
      const account = AccountRefs.accountOfRoleArn(arn);
      if (!account) {
        notes.push(`${stackName}: aws_iam_role.${key} has no provider with a known account; not evaluated`);
        continue;
      }
      memberRoles.push({
        account,
        roleName: String(role.name),
        stack: stackName,
        ou: ouOfAccount.get(account) ?? '(unknown)',
        trust: statementsOf(role.assume_role_policy, refs, `${stackName}: aws_iam_role.${key}`),
      });
    }
  }
  memberRoles.sort((a, b) => (a.ou === b.ou ? (a.account < b.account ? -1 : 1) : a.ou < b.ou ? -1 : 1));

  const managementRoles: RoleModel[] = Object.entries<Record<string, unknown>>(management.resource?.aws_iam_role ?? {}).map(([key, role]) => ({
    account: MANAGEMENT,
    roleName: String(role.name),
    stack: MANAGEMENT_STACK,
    ou: 'Root',
    trust: statementsOf(role.assume_role_policy, refs, `management: aws_iam_role.${key}`),
  }));

  const identityRoles: RoleModel[] = [
    { account: identityAccount, roleName: identityRoleName, stack: UNMANAGED, ou: ouOfAccount.get(identityAccount) ?? '(unknown)', trust: organizationsDefaultTrust() },
  ];

  return { refs, principals, memberRoles, managementRoles, identityRoles, organizationAccounts: [MANAGEMENT, ...ouOfAccount.keys()], ous, tree, notes };
}
