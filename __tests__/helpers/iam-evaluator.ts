/**
 * An IAM access evaluator over synthesized Terraform JSON, independent of our policy
 * builders: it reads users, groups, policies, roles and providers from the JSON, resolves
 * the Terraform expressions in them to concrete ids, and asks @cloud-copilot/iam-simulate
 * (AGPL: tests only) whether a principal may `sts:AssumeRole` into a role.
 */
import { runSimulation, type EvaluationResult } from '@cloud-copilot/iam-simulate';
import type { StackJson, SynthResult } from './synth';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PolicyDocument = Record<string, any>;

/** What a root or admin principal may do in its own account: everything. */
export const ALLOW_ALL: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

export interface Principal {
  /** 'management', 'identity', or the 12-digit id of any other account. */
  readonly account: string;
  /** An IAM user of that account; omitted for the account root (modelled with ALLOW_ALL). */
  readonly userName?: string;
  /** A session of a role of that account instead (modelled with ALLOW_ALL): aws:PrincipalArn is the role. */
  readonly roleSession?: string;
  /** Replaces the user's group memberships found in the JSON. */
  readonly groups?: readonly string[];
  /** Policies of a user the JSON does not know (another account); default ALLOW_ALL. */
  readonly identityPolicies?: readonly PolicyDocument[];
}

export interface AssumeQuery {
  readonly principal: Principal;
  readonly targetAccountId: string;
  /** Default: the organization's cross-account role name. */
  readonly roleName?: string;
  /** true: signed in with MFA; false: without; 'absent': long-term keys, key not in the request. */
  readonly mfa: boolean | 'absent';
  /** Seconds since MFA; default 300. */
  readonly mfaAgeSeconds?: number;
  /** Trust policy for a role that no stack manages (e.g. in an account outside the org). */
  readonly trustPolicy?: PolicyDocument;
  /** The RoleSessionName the caller asks for (sts:RoleSessionName); default absent from the request. */
  readonly sessionName?: string;
}

/**
 * A principal that reaches a role without an identity policy of its own: a web-identity
 * token through the account's OIDC provider, a SAML assertion through its SAML provider, or
 * an AWS service. The claims are the request context IAM derives from the token or assertion.
 */
export type FederatedQuery = { readonly targetAccountId: string; readonly roleName?: string; readonly sessionName?: string } & (
  | { readonly kind: 'oidc'; readonly providerAccountId: string; readonly provider: string; readonly sub: string; readonly aud: string }
  | { readonly kind: 'saml'; readonly providerAccountId: string; readonly provider: string; readonly aud: string }
  | { readonly kind: 'service'; readonly service: string; readonly sourceAccount?: string; readonly sourceArn?: string }
);

/**
 * iam-simulate knows the sub and aud keys of a few OIDC providers only (accounts.google.com,
 * cognito-identity.amazonaws.com, ...) and ignores those of others, such as GitHub's. For
 * another provider both the trust policy's condition keys and the request's are renamed to
 * this provider's, exactly and only those two keys, so that a key the policy spells wrong
 * stays unknown and denies, as it would in IAM.
 */
const SIMULATED_OIDC_PROVIDER = 'accounts.google.com';

function renameConditionKeys(doc: PolicyDocument, renames: Readonly<Record<string, string>>): PolicyDocument {
  const statements = [doc.Statement].flat().map((s: PolicyDocument) => {
    if (!s.Condition) return s;
    const condition = Object.fromEntries(
      Object.entries(s.Condition as Record<string, Record<string, unknown>>).map(([op, block]) => [
        op,
        Object.fromEntries(Object.entries(block).map(([key, value]) => [renames[key] ?? key, value])),
      ]),
    );
    return { ...s, Condition: condition };
  });
  return { ...doc, Statement: statements };
}

export interface EvaluatorOptions {
  /** Account name to id for accounts without an id in the JSON; default fake 12-digit ids. */
  readonly ids?: Readonly<Record<string, string>>;
  /** Value of data.aws_organizations_organization.this.id; default config's or a fake one. */
  readonly orgId?: string;
  /** Value of the organization root's id; default a fake one. */
  readonly rootId?: string;
  /** OU ids by OU Terraform key (ou_workloads_prod) for OUs without an import block; default fake ones. */
  readonly ouIds?: Readonly<Record<string, string>>;
  /**
   * Where accounts sit in AWS when that differs from the JSON (moved by hand, or before an
   * apply): account name to OU path ("Workloads/Dev"), or "" for the root. Sets aws:ResourceOrgPaths.
   */
  readonly placement?: Readonly<Record<string, string>>;
  /**
   * Accounts of the organization that the JSON does not manage (created by hand): id to OU
   * path ("" for the root). Their roles have no trust policy in the JSON: pass trustPolicy.
   */
  readonly unmanagedMembers?: Readonly<Record<string, string>>;
}

/** The ResourceOrgID/PrincipalOrgID of accounts outside the organization. */
export const OUTSIDE_ORG_ID = 'o-outside0000';

const REMOTE_ID = /^data\.terraform_remote_state\.management\.outputs\.account_ids\["([^"]+)"\]$/;
const REMOTE_ORG_ID = /^data\.terraform_remote_state\.management\.outputs\.organization_id$/;
const REMOTE_OU_PATH = /^data\.terraform_remote_state\.management\.outputs\.ou_org_paths\["([^"]+)"\]$/;
const ACCOUNT_RESOURCE_ID = /^aws_organizations_account\.([A-Za-z0-9_-]+)\.id$/;
const OU_RESOURCE_ID = /^aws_organizations_organizational_unit\.([A-Za-z0-9_-]+)\.id$/;
const ORG_ID = /^data\.aws_organizations_organization\.this\.id$/;
const ROOT_ID = /^data\.aws_organizations_organization\.this\.roots\[0\]\.id$/;
const IAM_VARIABLE = /^aws:[A-Za-z]+$/;
const INTERPOLATION = /\$?\$\{([^}]*)\}/g;

/** A Terraform reference such as aws_iam_group.x.name, a.b[0].id or m.outputs.ids["NAME"]. */
const REFERENCE = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*|\[\d+\]|\["[^"\\]*"\])*$/;

/**
 * Problems Terraform would have with a string value: IAM policy variables not escaped as
 * $${...}, JSON-escaped quotes inside an expression (HCL rejects the backslash), and
 * anything else that is not a plain reference.
 */
export function templateProblems(text: string): string[] {
  const problems: string[] = [];
  for (const m of text.matchAll(INTERPOLATION)) {
    if (m[0].startsWith('$$')) continue;
    const expr = m[1];
    if (REFERENCE.test(expr)) continue;
    if (IAM_VARIABLE.test(expr)) problems.push(`${m[0]}: IAM policy variable must be escaped as $${expr}`);
    else if (expr.includes('\\"')) problems.push(`${m[0]}: JSON-escaped quotes inside a Terraform expression`);
    else problems.push(`${m[0]}: not a Terraform reference`);
  }
  return problems;
}

interface Values {
  idByName(name: string): string;
  idByAccountKey(key: string): string;
  /** Id of aws_organizations_organizational_unit.KEY. */
  ouIdByKey(key: string): string;
  /** The management stack's ou_org_paths output for an OU key, unresolved. */
  ouPathOutput(key: string): string;
  orgId: string;
  rootId: string;
}

/**
 * Substitutes what Terraform would: `$${` stays a literal `${`, references become values.
 * Tolerates two encodings Terraform rejects (JSON-escaped quotes inside an expression,
 * unescaped IAM variables) so access can be judged on its own; templateProblems flags them.
 */
export function resolveTemplate(text: string, values: Values): string {
  return text.replace(INTERPOLATION, (whole, raw: string) => {
    if (whole.startsWith('$$')) return whole.slice(1);
    const expr = raw.replace(/\\"/g, '"');
    let m: RegExpMatchArray | null;
    if ((m = expr.match(REMOTE_ID))) return values.idByName(m[1]);
    if ((m = expr.match(ACCOUNT_RESOURCE_ID))) return values.idByAccountKey(m[1]);
    if ((m = expr.match(OU_RESOURCE_ID))) return values.ouIdByKey(m[1]);
    if ((m = expr.match(REMOTE_OU_PATH))) return resolveTemplate(values.ouPathOutput(m[1]), values);
    if (ORG_ID.test(expr) || REMOTE_ORG_ID.test(expr)) return values.orgId;
    if (ROOT_ID.test(expr)) return values.rootId;
    if (IAM_VARIABLE.test(expr)) return whole;
    throw new Error(`cannot resolve Terraform expression ${whole}`);
  });
}

type Resources = Record<string, Record<string, Record<string, unknown>>>;

interface IamUser {
  readonly groups: string[];
  readonly policies: string[];
}

/** The IAM of one account as the JSON manages it (across stacks). */
interface AccountIam {
  readonly users: Map<string, IamUser>;
  /** Group name to its policy texts (managed and inline). */
  readonly groups: Map<string, string[]>;
  /** Role name to its trust policy text. */
  readonly roles: Map<string, string>;
}

const ref = (value: unknown, type: string, attr: string): string | undefined =>
  typeof value === 'string' ? value.match(new RegExp(`^\\$\\{${type}\\.([A-Za-z0-9_-]+)\\.${attr}\\}$`))?.[1] : undefined;

export class IamEvaluator {
  readonly managementAccountId: string;
  readonly identityAccountId: string;
  readonly memberRoleName: string;
  readonly orgId: string;
  /** Every account of the organization by name (management stack output), id resolved. */
  readonly accountIds: ReadonlyMap<string, string>;
  /** Member accounts (those with a managed role in a trust stack): name to id. */
  readonly memberAccounts: ReadonlyMap<string, string>;
  private readonly iam = new Map<string, AccountIam>();
  private readonly values: Values;
  private readonly parsedPolicies = new Map<string, PolicyDocument>();
  private readonly orgAccountIds: ReadonlySet<string>;
  /** aws:ResourceOrgPaths of each account the management stack places, by id. */
  private readonly orgPaths: ReadonlyMap<string, string>;
  private readonly rootPath: string;

  constructor(synth: Pick<SynthResult, 'config' | 'json'>, options: EvaluatorOptions = {}) {
    const { config, json } = synth;
    this.managementAccountId = config.organization.managementAccountId;
    this.memberRoleName = config.organization.memberRoleName;
    this.orgId = options.orgId ?? config.organization.id ?? 'o-exampleorg1';
    const management = json.management;
    const outputIds = (management.output?.account_ids?.value ?? {}) as Record<string, string>;
    const importedIds = new Map<string, string>(
      ((management.import ?? []) as { id: string; to: string }[]).map((b) => [b.to, b.id]),
    );
    const accountResources = (management.resource?.aws_organizations_account ?? {}) as Record<string, { name: string }>;
    const given = options.ids ?? {};
    const fakeIds = fakeIdsFor(
      Object.values(accountResources).map((a) => a.name),
      [this.managementAccountId, ...importedIds.values(), ...Object.values(given)],
    );
    // An account's id: the import block's (known before apply), else the test's choice or a fake.
    const idByAccountKey = (key: string) => {
      const name = accountResources[key]?.name ?? fail(`no aws_organizations_account.${key} in the management stack`);
      const imported = importedIds.get(`aws_organizations_account.${key}`);
      if (imported && given[name] && given[name] !== imported) fail(`${name} is imported with id ${imported}, not ${given[name]}`);
      return imported ?? given[name] ?? fakeIds.get(name)!;
    };
    const ids = new Map<string, string>();
    const units = (management.resource?.aws_organizations_organizational_unit ?? {}) as Record<string, { name: string; parent_id: string }>;
    const ouIds = fakeOuIds(Object.keys(units), importedIds, options.ouIds ?? {});
    const ouPaths = (management.output?.ou_org_paths?.value ?? {}) as Record<string, string>;
    this.values = {
      idByName: (name) => ids.get(name) ?? fail(`no account named ${name} in output account_ids`),
      idByAccountKey,
      ouIdByKey: (key) => ouIds.get(key) ?? fail(`no aws_organizations_organizational_unit.${key} in the management stack`),
      ouPathOutput: (key) => ouPaths[key] ?? fail(`no OU ${key} in output ou_org_paths`),
      orgId: this.orgId,
      rootId: options.rootId ?? 'r-ab12',
    };
    for (const [name, expr] of Object.entries(outputIds)) ids.set(name, resolveTemplate(expr, this.values));
    this.accountIds = ids;
    this.orgPaths = accountOrgPaths(units, accountResources, idByAccountKey, this.values, options.placement ?? {}, options.unmanagedMembers ?? {});
    this.rootPath = `${this.orgId}/${this.values.rootId}/`;
    this.orgAccountIds = new Set([this.managementAccountId, ...ids.values(), ...Object.keys(options.unmanagedMembers ?? {})]);
    for (const [stackName, stack] of Object.entries(json)) this.readStack(stackName, stack);
    this.identityAccountId = defaultProviderAccount(json.identity, this.managementAccountId, this.values);
    const members = new Map<string, string>();
    for (const [name, id] of ids) if (this.iam.get(id)?.roles.has(this.memberRoleName)) members.set(name, id);
    this.memberAccounts = members;
  }

  /** Is `sts:AssumeRole` of arn:aws:iam::TARGET:role/NAME allowed? */
  async canAssume(query: AssumeQuery): Promise<boolean> {
    return (await this.decide(query)) === 'Allowed';
  }

  async decide(query: AssumeQuery): Promise<EvaluationResult> {
    const { principal, targetAccountId: target } = query;
    const roleName = query.roleName ?? this.memberRoleName;
    const principalAccount = this.accountIdOf(principal.account);
    const principalArn = principal.userName
      ? `arn:aws:iam::${principalAccount}:user/${principal.userName}`
      : principal.roleSession
        ? `arn:aws:iam::${principalAccount}:role/${principal.roleSession}`
        : `arn:aws:iam::${principalAccount}:root`;
    const trustText = this.iam.get(target)?.roles.get(roleName);
    const trust = trustText !== undefined ? this.parsed(trustText, `trust policy of ${roleName} in ${target}`) : query.trustPolicy;
    if (!trust) throw new Error(`no role ${roleName} in account ${target} in the synthesized JSON; pass trustPolicy`);
    const inOrg = (id: string) => this.orgAccountIds.has(id);
    const context: Record<string, string | string[]> = {
      'aws:PrincipalArn': principalArn,
      'aws:PrincipalAccount': principalAccount,
      'aws:PrincipalOrgID': inOrg(principalAccount) ? this.orgId : OUTSIDE_ORG_ID,
      'aws:ResourceAccount': target,
      'aws:ResourceOrgID': inOrg(target) ? this.orgId : OUTSIDE_ORG_ID,
      // Multivalued; an account outside the organization has a path in its own.
      'aws:ResourceOrgPaths': [inOrg(target) ? this.orgPathOf(target) : `${OUTSIDE_ORG_ID}/r-out1/`],
      'aws:SecureTransport': 'true',
    };
    if (principal.userName) context['aws:username'] = principal.userName;
    if (query.mfa !== 'absent') context['aws:MultiFactorAuthPresent'] = String(query.mfa);
    if (query.mfa === true) context['aws:MultiFactorAuthAge'] = String(query.mfaAgeSeconds ?? 300);
    if (query.sessionName !== undefined) context['sts:RoleSessionName'] = query.sessionName;

    return simulateAssume({ principal: principalArn, action: 'sts:AssumeRole', target, roleName, context, identityPolicies: this.identityPolicies(principal, principalAccount), trust });
  }

  /** May a web identity, a SAML assertion or a service assume the role (no identity policy involved)? */
  async canAssumeFederated(query: FederatedQuery): Promise<boolean> {
    const target = query.targetAccountId;
    const roleName = query.roleName ?? this.memberRoleName;
    const trustText = this.iam.get(target)?.roles.get(roleName) ?? fail(`no role ${roleName} in account ${target} in the synthesized JSON`);
    let trust = this.parsed(trustText, `trust policy of ${roleName} in ${target}`);
    let principal: string;
    let action: string;
    let context: Record<string, string>;
    if (query.kind === 'oidc') {
      principal = `arn:aws:iam::${query.providerAccountId}:oidc-provider/${query.provider}`;
      action = 'sts:AssumeRoleWithWebIdentity';
      const alias = query.provider === SIMULATED_OIDC_PROVIDER ? query.provider : SIMULATED_OIDC_PROVIDER;
      trust = renameConditionKeys(trust, { [`${query.provider}:sub`]: `${alias}:sub`, [`${query.provider}:aud`]: `${alias}:aud` });
      context = { [`${alias}:sub`]: query.sub, [`${alias}:aud`]: query.aud };
    } else if (query.kind === 'saml') {
      principal = `arn:aws:iam::${query.providerAccountId}:saml-provider/${query.provider}`;
      action = 'sts:AssumeRoleWithSAML';
      context = { 'SAML:aud': query.aud };
    } else {
      principal = query.service;
      action = 'sts:AssumeRole';
      context = {};
      if (query.sourceAccount) context['aws:SourceAccount'] = query.sourceAccount;
      if (query.sourceArn) context['aws:SourceArn'] = query.sourceArn;
    }
    if (query.sessionName !== undefined) context['sts:RoleSessionName'] = query.sessionName;
    return (await simulateAssume({ principal, action, target, roleName, context, identityPolicies: [], trust })) === 'Allowed';
  }

  /**
   * May a user of the management or identity account call `action` on `resource` in its own
   * account, judged by its identity policies alone (IAM actions on oneself need no resource
   * policy)? `mfa` as for canAssume: 'absent' is a request signed with a long-term access key.
   */
  async canCall(query: { principal: Principal & { userName: string }; action: string; resource: string; mfa: AssumeQuery['mfa']; context?: Record<string, string> }): Promise<boolean> {
    const { principal } = query;
    const account = this.accountIdOf(principal.account);
    const principalArn = `arn:aws:iam::${account}:user/${principal.userName}`;
    const context: Record<string, string> = { ...query.context, 'aws:PrincipalArn': principalArn, 'aws:username': principal.userName };
    if (query.mfa !== 'absent') context['aws:MultiFactorAuthPresent'] = String(query.mfa);
    if (query.mfa === true) context['aws:MultiFactorAuthAge'] = '300';
    const response = await runSimulation(
      {
        request: { principal: principalArn, action: query.action, resource: { resource: query.resource, accountId: account }, contextVariables: context },
        identityPolicies: this.identityPolicies(principal, account).map((policy, i) => ({ name: `p${i}`, policy })),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
      },
      {},
    );
    if (response.resultType === 'error') throw new Error(`iam-simulate: ${JSON.stringify(response.errors)}`);
    if (response.resultType !== 'single') throw new Error(`iam-simulate: unexpected ${response.resultType} result`);
    return response.overallResult === 'Allowed';
  }

  /** Names of the member accounts whose cross-account role the principal may assume. */
  async assumableMembers(principal: Principal, mfa: AssumeQuery['mfa'], mfaAgeSeconds?: number): Promise<string[]> {
    const allowed: string[] = [];
    for (const [name, id] of this.memberAccounts) {
      if (await this.canAssume({ principal, targetAccountId: id, mfa, mfaAgeSeconds })) allowed.push(name);
    }
    return allowed;
  }

  /** For an access report: each user of the management and identity accounts to the member accounts they may enter. */
  async accessMatrix(mfa: AssumeQuery['mfa'] = true): Promise<Record<'management' | 'identity', Record<string, string[]>>> {
    const matrix = { management: {} as Record<string, string[]>, identity: {} as Record<string, string[]> };
    for (const account of ['management', 'identity'] as const) {
      for (const userName of this.userNames(account)) matrix[account][userName] = await this.assumableMembers({ account, userName }, mfa);
    }
    return matrix;
  }

  /** aws:ResourceOrgPaths of an account of the organization: its parent's entity path ("o-…/r-…/ou-…/"). */
  orgPathOf(accountId: string): string {
    return this.orgPaths.get(accountId) ?? this.rootPath;
  }

  /** A string of the JSON with its Terraform expressions substituted, as Terraform would. */
  resolve(text: string): string {
    return resolveTemplate(text, this.values);
  }

  /** Users the JSON creates in 'management' or 'identity' (or an account id). */
  userNames(account: string): string[] {
    return [...(this.iam.get(this.accountIdOf(account))?.users.keys() ?? [])].sort();
  }

  accountIdOf(account: string): string {
    if (account === 'management') return this.managementAccountId;
    if (account === 'identity') return this.identityAccountId;
    if (!/^\d{12}$/.test(account)) throw new Error(`principal account must be management, identity or 12 digits: ${account}`);
    return account;
  }

  private identityPolicies(principal: Principal, accountId: string): PolicyDocument[] {
    if (!principal.userName) return [ALLOW_ALL];
    const iam = this.iam.get(accountId);
    if (!iam || iam.users.size === 0) return [...(principal.identityPolicies ?? [ALLOW_ALL])];
    const user = iam.users.get(principal.userName) ?? fail(`no IAM user ${principal.userName} in account ${accountId}`);
    const texts = [...user.policies];
    for (const group of principal.groups ?? user.groups) {
      texts.push(...(iam.groups.get(group) ?? fail(`no IAM group ${group} in account ${accountId}`)));
    }
    return [...texts.map((t) => this.parsed(t, `policy of ${principal.userName}`)), ...(principal.identityPolicies ?? [])];
  }

  /** Parsed once per text: large policies dominate the simulation's cost otherwise. */
  private parsed(text: string, what: string): PolicyDocument {
    let doc = this.parsedPolicies.get(text);
    if (!doc) this.parsedPolicies.set(text, (doc = parsePolicy(text, what)));
    return doc;
  }

  private accountIam(id: string): AccountIam {
    let iam = this.iam.get(id);
    if (!iam) this.iam.set(id, (iam = { users: new Map(), groups: new Map(), roles: new Map() }));
    return iam;
  }

  /** Indexes the stack's IAM by the account its provider (default or alias) works in. */
  private readStack(stackName: string, stack: StackJson): void {
    const r = (stack.resource ?? {}) as Resources;
    const providers = providerAccounts(stack, this.managementAccountId, this.values);
    const accountOf = (res: Record<string, unknown>) =>
      providers.get((res.provider as string | undefined) ?? 'aws') ?? fail(`${stackName}: unknown provider ${String(res.provider)}`);
    const nameOf = (value: unknown, type: string) => {
      const key = ref(value, type, 'name');
      return key ? String(r[type]?.[key]?.name ?? fail(`${stackName}: dangling ${String(value)}`)) : String(value);
    };
    const policyText = (arn: unknown) => {
      const key = ref(arn, 'aws_iam_policy', 'arn') ?? fail(`${stackName}: policy ${String(arn)} is not one of ours`);
      return resolveTemplate(String(r.aws_iam_policy[key].policy), this.values);
    };
    for (const res of Object.values(r.aws_iam_group ?? {})) {
      const groups = this.accountIam(accountOf(res)).groups;
      if (!groups.has(String(res.name))) groups.set(String(res.name), []);
    }
    for (const res of Object.values(r.aws_iam_user ?? {})) {
      this.accountIam(accountOf(res)).users.set(String(res.name), { groups: [], policies: [] });
    }
    const groupPolicies = (res: Record<string, unknown>) =>
      this.accountIam(accountOf(res)).groups.get(nameOf(res.group, 'aws_iam_group')) ?? fail(`${stackName}: unknown group ${String(res.group)}`);
    const user = (res: Record<string, unknown>) =>
      this.accountIam(accountOf(res)).users.get(nameOf(res.user, 'aws_iam_user')) ?? fail(`${stackName}: unknown user ${String(res.user)}`);
    for (const res of Object.values(r.aws_iam_group_policy_attachment ?? {})) groupPolicies(res).push(policyText(res.policy_arn));
    for (const res of Object.values(r.aws_iam_group_policy ?? {})) groupPolicies(res).push(resolveTemplate(String(res.policy), this.values));
    for (const res of Object.values(r.aws_iam_user_policy_attachment ?? {})) user(res).policies.push(policyText(res.policy_arn));
    for (const res of Object.values(r.aws_iam_user_policy ?? {})) user(res).policies.push(resolveTemplate(String(res.policy), this.values));
    for (const res of Object.values(r.aws_iam_user_group_membership ?? {})) {
      user(res).groups.push(...(res.groups as unknown[]).map((g) => nameOf(g, 'aws_iam_group')));
    }
    for (const res of Object.values(r.aws_iam_role ?? {})) {
      this.accountIam(accountOf(res)).roles.set(String(res.name), resolveTemplate(String(res.assume_role_policy), this.values));
    }
  }
}

/**
 * One assume-role request through iam-simulate, with the role's trust policy as its resource
 * policy. A context key the simulator would ignore is an error: a proof must not rest on it.
 */
async function simulateAssume(req: {
  principal: string;
  action: string;
  target: string;
  roleName: string;
  context: Record<string, string | string[]>;
  identityPolicies: readonly PolicyDocument[];
  trust: PolicyDocument;
}): Promise<EvaluationResult> {
  const response = await runSimulation(
    {
      request: {
        principal: req.principal,
        action: req.action,
        resource: { resource: `arn:aws:iam::${req.target}:role/${req.roleName}`, accountId: req.target },
        contextVariables: req.context,
      },
      identityPolicies: req.identityPolicies.map((policy, i) => ({ name: `p${i}`, policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: req.trust,
    },
    {},
  );
  if (response.resultType === 'error') throw new Error(`iam-simulate: ${JSON.stringify(response.errors)}`);
  if (response.resultType !== 'single') throw new Error(`iam-simulate: unexpected ${response.resultType} result`);
  const ignored = response.result.ignoredContextKeys ?? [];
  if (ignored.length) throw new Error(`iam-simulate ignored context keys ${ignored.join(', ')}`);
  return response.overallResult;
}

/** Provider reference ('aws' or 'aws.ALIAS') to the account it works in. */
function providerAccounts(stack: StackJson, managementId: string, values: Values): Map<string, string> {
  const result = new Map<string, string>();
  for (const p of (stack.provider?.aws ?? []) as Record<string, unknown>[]) {
    const roleArn = (p.assume_role as { role_arn?: string }[] | undefined)?.[0]?.role_arn;
    const account = roleArn ? resolveTemplate(roleArn, values).split(':')[4] : managementId;
    result.set(p.alias ? `aws.${String(p.alias)}` : 'aws', account);
  }
  return result;
}

function defaultProviderAccount(stack: StackJson, managementId: string, values: Values): string {
  return providerAccounts(stack, managementId, values).get('aws') ?? fail('identity stack has no default provider');
}

/** OU ids: the import block's, else the test's choice, else a fake one (ou-ab12-<8 digits>), by OU key. */
function fakeOuIds(keys: readonly string[], imported: ReadonlyMap<string, string>, given: Readonly<Record<string, string>>): Map<string, string> {
  return new Map(
    [...keys].sort().map((key, i) => [key, imported.get(`aws_organizations_organizational_unit.${key}`) ?? given[key] ?? `ou-ab12-${String(10000000 + i + 1)}`]),
  );
}

/**
 * Entity path of the parent of every account the management stack places, read from the
 * resources' parent_id chain (not from the ou_org_paths output that the policies use), or
 * from `placement` (account name to OU path by OU names, "" for the root).
 */
function accountOrgPaths(
  units: Readonly<Record<string, { name: string; parent_id: string }>>,
  accounts: Readonly<Record<string, { name: string; parent_id?: string }>>,
  idByAccountKey: (key: string) => string,
  values: Values,
  placement: Readonly<Record<string, string>>,
  unmanaged: Readonly<Record<string, string>>,
): Map<string, string> {
  const root = `${values.orgId}/${values.rootId}/`;
  const parentPath = (parentId: string | undefined, depth = 0): { ids: string; names: string } => {
    const key = parentId?.match(/^\$\{aws_organizations_organizational_unit\.([A-Za-z0-9_-]+)\.id\}$/)?.[1];
    if (!key || depth > 6) return { ids: root, names: '' };
    const above = parentPath(units[key].parent_id, depth + 1);
    return { ids: `${above.ids}${values.ouIdByKey(key)}/`, names: above.names ? `${above.names}/${units[key].name}` : units[key].name };
  };
  const byNames = new Map<string, string>([['', root]]);
  for (const key of Object.keys(units)) {
    const p = parentPath(`\${aws_organizations_organizational_unit.${key}.id}`);
    byNames.set(p.names, p.ids);
  }
  const paths = new Map<string, string>();
  for (const [key, account] of Object.entries(accounts)) {
    const moved = placement[account.name];
    const path = moved !== undefined ? (byNames.get(moved) ?? fail(`placement: no OU ${moved}`)) : parentPath(account.parent_id).ids;
    paths.set(idByAccountKey(key), path);
  }
  for (const [id, ou] of Object.entries(unmanaged)) paths.set(id, byNames.get(ou) ?? fail(`unmanagedMembers: no OU ${ou}`));
  return paths;
}

/** Fake 12-digit ids for accounts created at apply time, distinct from every known id. */
function fakeIdsFor(names: readonly string[], taken: readonly string[]): Map<string, string> {
  const used = new Set(taken);
  const result = new Map<string, string>();
  let n = 0;
  for (const name of names) {
    let id: string;
    do id = String(700000000000 + ++n);
    while (used.has(id));
    used.add(id);
    result.set(name, id);
  }
  return result;
}

function parsePolicy(text: string, what: string): PolicyDocument {
  try {
    return JSON.parse(text) as PolicyDocument;
  } catch (e) {
    throw new Error(`${what} is not JSON after substitution: ${(e as Error).message}`);
  }
}

function fail(message: string): never {
  throw new Error(message);
}

/**
 * One call inside a member account, judged with its identity policies and the service control
 * policies on the way (root first, the account last; FullAWSAccess is not implied: pass it).
 */
export async function simulateInAccount(req: {
  principal: string;
  action: string;
  resource: string;
  accountId: string;
  context: Record<string, string | string[]>;
  identityPolicies: readonly PolicyDocument[];
  serviceControlPolicies: readonly { target: string; policies: readonly PolicyDocument[] }[];
}): Promise<EvaluationResult> {
  const response = await runSimulation(
    {
      request: { principal: req.principal, action: req.action, resource: { resource: req.resource, accountId: req.accountId }, contextVariables: req.context },
      identityPolicies: req.identityPolicies.map((policy, i) => ({ name: `p${i}`, policy })),
      serviceControlPolicies: req.serviceControlPolicies.map((level) => ({ orgIdentifier: level.target, policies: level.policies.map((policy, i) => ({ name: `scp${i}`, policy })) })),
      resourceControlPolicies: [],
    },
    {},
  );
  if (response.resultType === 'error') throw new Error(`iam-simulate: ${JSON.stringify(response.errors)}`);
  if (response.resultType !== 'single') throw new Error(`iam-simulate: unexpected ${response.resultType} result`);
  const ignored = response.result.ignoredContextKeys ?? [];
  if (ignored.length) throw new Error(`iam-simulate ignored context keys ${ignored.join(', ')}`);
  return response.overallResult;
}
