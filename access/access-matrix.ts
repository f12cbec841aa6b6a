import type { AccessModel, PrincipalModel, RoleModel } from './access-model';
import { decideAssumeRole, type ContextValue, type Statement } from './policy-eval';
import { groupScopes, type GroupScope } from './group-scopes';
import { accountToken, AccountRefs, ORG_TOKEN } from './synth-refs';

/** Whether a principal can assume a role, and whether only with MFA. */
export interface Access {
  readonly allowed: boolean;
  readonly mfa: boolean;
}

export interface TrustPrincipal {
  /** As written, with known account ids filled in; for a declared role or user, the ARN its statement is held to. */
  readonly principal: string;
  /** Federated (OIDC or SAML provider) or Service; absent for AWS principals. */
  readonly type?: 'Federated' | 'Service';
  /** The declaration's name (the statement's Sid) where trust.principals declared it. */
  readonly name?: string;
  /** Account name of an account principal (MANAGEMENT, "{management}", for the management account), if any. */
  readonly account?: string;
  /** True when the statement admits that account only with MFA. */
  readonly mfa: boolean;
  readonly conditions?: Statement['Condition'];
}

export interface AccessReport {
  readonly principals: readonly {
    readonly id: string;
    readonly kind: PrincipalModel['kind'];
    readonly name: string;
    readonly account: string;
    readonly users?: readonly string[];
    readonly groups?: readonly string[];
  }[];
  readonly accounts: readonly {
    readonly name: string;
    readonly id: string | null;
    readonly ou: string;
    readonly stack: string;
    readonly role: string;
    readonly trust: readonly TrustPrincipal[];
  }[];
  /** principal id -> member account name -> access to its cross-account role. */
  readonly matrix: Readonly<Record<string, Readonly<Record<string, Access>>>>;
  /** Group id -> what its policies grant, read from their conditions: the organization, OUs, named accounts. */
  readonly scopes: Readonly<Record<string, readonly GroupScope[]>>;
  /** Roles of the management account (the create-account role), with the same evaluation. */
  readonly managementRoles: readonly { readonly role: string; readonly trust: readonly TrustPrincipal[]; readonly access: Readonly<Record<string, Access>> }[];
  /**
   * The role the identity stack's provider assumes in the identity account, where every human
   * lives: evaluated with the trust AWS Organizations gives an account it creates (no stack manages it).
   */
  readonly identityRoles: readonly { readonly account: string; readonly role: string; readonly trust: readonly TrustPrincipal[]; readonly access: Readonly<Record<string, Access>> }[];
  readonly notes: readonly string[];
}

/** MFA-authenticated session (recent) and one without MFA. */
const MFA_CONTEXTS = {
  with: { 'aws:multifactorauthpresent': 'true', 'aws:multifactorauthage': '60' },
  without: { 'aws:multifactorauthpresent': 'false' },
} as const;

type DecidingPrincipal = { name: string; account: string; outsideAccountId?: string; kind?: string; statements: readonly Statement[]; arn?: string };

/** What a request takes from its principal, and the context keys it sets. */
interface PrincipalFacts {
  readonly principalArn: string;
  readonly principalAccount: string;
  readonly context: Readonly<Record<string, ContextValue>>;
}

/** What a request takes from its role, and the context keys it sets. */
interface RoleFacts {
  readonly resource: string;
  readonly resourceAccount: string;
  readonly context: Readonly<Record<string, ContextValue>>;
}

/**
 * What decisions reuse, once per model: the organization's accounts as a set, and each
 * principal's and role's facts. A report decides every principal against every role twice
 * (with and without MFA), 440,000 times at 10,000 accounts; a list scan or a rebuilt ARN in
 * each decision made it quadratic and slow.
 */
interface ModelFacts {
  readonly organization: ReadonlySet<string>;
  readonly principals: WeakMap<DecidingPrincipal, PrincipalFacts>;
  readonly roles: WeakMap<RoleModel, RoleFacts>;
}
const MODEL_FACTS = new WeakMap<AccessModel, ModelFacts>();

function modelFacts(model: AccessModel): ModelFacts {
  let facts = MODEL_FACTS.get(model);
  if (!facts) MODEL_FACTS.set(model, (facts = { organization: new Set(model.organizationAccounts), principals: new WeakMap(), roles: new WeakMap() }));
  return facts;
}

function principalFacts(model: AccessModel, principal: DecidingPrincipal): PrincipalFacts {
  const { organization, principals } = modelFacts(model);
  let facts = principals.get(principal);
  if (facts) return facts;
  // An account outside the organization has no token: its policies name it by its id. An
  // account of the config is always a name, even one of 12 digits.
  const principalAccount = principal.outsideAccountId ?? accountToken(principal.account);
  const principalArn = principal.arn ?? `arn:aws:iam::${principalAccount}:user/${principal.name}`;
  const context: Record<string, ContextValue> = {
    'aws:principalarn': principalArn,
    'aws:principalaccount': principalAccount,
    'aws:username': principal.name,
  };
  if (organization.has(principal.account)) context['aws:principalorgid'] = ORG_TOKEN;
  principals.set(principal, (facts = { principalArn, principalAccount, context }));
  return facts;
}

function roleFacts(model: AccessModel, role: RoleModel): RoleFacts {
  const { organization, roles } = modelFacts(model);
  let facts = roles.get(role);
  if (facts) return facts;
  const resourceAccount = accountToken(role.account);
  const context: Record<string, ContextValue> = { 'aws:resourceaccount': resourceAccount };
  if (organization.has(role.account)) {
    context['aws:resourceorgid'] = ORG_TOKEN;
    // Multivalued: the entity path of the account's parent, where the management stack places it.
    const orgPath = model.tree.orgPathOfAccount.get(role.account);
    if (orgPath) context['aws:resourceorgpaths'] = [orgPath];
  }
  roles.set(role, (facts = { resource: `arn:aws:iam::${resourceAccount}:role/${role.roleName}`, resourceAccount, context }));
  return facts;
}

function decide(model: AccessModel, principal: DecidingPrincipal, role: RoleModel, mfa: boolean): boolean {
  const p = principalFacts(model, principal);
  const r = roleFacts(model, role);
  return decideAssumeRole(principal.statements, role.trust, {
    principalArn: p.principalArn,
    principalAccount: p.principalAccount,
    resource: r.resource,
    resourceAccount: r.resourceAccount,
    context: { ...(mfa ? MFA_CONTEXTS.with : MFA_CONTEXTS.without), ...p.context, ...r.context },
  }).allowed;
}

function access(model: AccessModel, principal: PrincipalModel, role: RoleModel): Access {
  const withMfa = decide(model, principal, role, true);
  const withoutMfa = decide(model, principal, role, false);
  return { allowed: withMfa || withoutMfa, mfa: withMfa && !withoutMfa };
}

/** The ARNs an ArnEquals/ArnLike aws:PrincipalArn condition holds a statement to, if any. */
function principalArnCondition(s: Statement): string[] {
  const values = ['ArnEquals', 'ArnLike'].flatMap((op) => Object.entries(s.Condition?.[op] ?? {}).filter(([k]) => k.toLowerCase() === 'aws:principalarn').flatMap(([, v]) => [v].flat()));
  return values.map(String);
}

const FIXED_SIDS = new Set(['ManagementAccount', 'IdentityAccount']);

/** A statement's conditions with account tokens shown as ids or "{NAME}", as the principal is. */
const displayedConditions = (model: AccessModel, s: Statement): { conditions?: Statement['Condition'] } =>
  s.Condition ? { conditions: JSON.parse(model.refs.display(JSON.stringify(s.Condition))) as Statement['Condition'] } : {};

/**
 * The principals a trust policy names, each with whether its account needs MFA to get in.
 * A declared statement (trust.principals; its Sid is the declaration's name) is shown by the
 * ARN its aws:PrincipalArn condition names, the root it rests on being only the means.
 */
function trustPrincipals(model: AccessModel, role: RoleModel, where: 'member' | 'management' = 'member'): TrustPrincipal[] {
  // 'management': the product's own statements (management and identity roles), never declared.
  const out: TrustPrincipal[] = [];
  for (const s of role.trust) {
    if (s.Effect !== 'Allow') continue;
    // Declarations (trust.principals) are written into member roles only: a management role's statements are the product's own.
    const name = where === 'member' && s.Sid && !FIXED_SIDS.has(s.Sid) ? s.Sid : undefined;
    const named = s.Principal === '*' ? undefined : s.Principal;
    const typed = (['Federated', 'Service'] as const).flatMap((type) => [named?.[type] ?? []].flat().map((p) => ({ type, p })));
    for (const { type, p } of typed) {
      const account = AccountRefs.nameOf(/^arn:aws:iam::(\{[^{}]+\}):/.exec(p)?.[1] ?? '');
      out.push({ principal: model.refs.display(p), type, ...(name ? { name } : {}), ...(account ? { account } : {}), mfa: false, ...displayedConditions(model, s) });
    }
    const aws = s.Principal === '*' ? ['*'] : [s.Principal?.AWS ?? []].flat();
    for (const p of aws) {
      const token = /^arn:aws:iam::(\{[^{}]+\}):root$/.exec(p)?.[1] ?? (/^\{[^{}]+\}$/.test(p) ? p : undefined);
      const account = token ? AccountRefs.nameOf(token) : undefined;
      const outsideId = /^arn:aws:iam::(\d{12}):root$/.exec(p)?.[1];
      const held = principalArnCondition(s);
      // The probe is a principal the statement admits, so that only its MFA condition decides.
      const arn = held[0]?.replace(/[*?]/g, 'x');
      const probe = { name: 'probe', account: account ?? '{outside}', outsideAccountId: account === undefined ? outsideId : undefined, arn, statements: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' } as Statement] };
      const mfa = (account ?? outsideId) !== undefined && decide(model, probe, { ...role, trust: [s] }, true) && !decide(model, probe, { ...role, trust: [s] }, false);
      const shown = name && held.length ? held.join(' | ') : p;
      out.push({ principal: model.refs.display(shown), ...(name ? { name } : {}), ...(account ? { account } : {}), mfa, ...displayedConditions(model, s) });
    }
  }
  return out;
}

/** Evaluates every principal against every member role and every management role. */
export function accessReport(model: AccessModel): AccessReport {
  const matrix: Record<string, Record<string, Access>> = {};
  for (const p of model.principals) {
    matrix[p.id] = Object.fromEntries(model.memberRoles.map((r) => [r.account, access(model, p, r)]));
  }
  return {
    principals: model.principals.map((p) => ({
      id: p.id,
      kind: p.kind,
      name: p.name,
      account: p.account,
      ...(p.kind.endsWith('group') ? { users: p.members } : { groups: p.members }),
    })),
    accounts: model.memberRoles.map((r) => ({
      name: r.account,
      id: model.refs.idByName.get(r.account) ?? null,
      ou: r.ou,
      stack: r.stack,
      role: r.roleName,
      trust: trustPrincipals(model, r),
    })),
    matrix,
    scopes: groupScopes(model),
    managementRoles: model.managementRoles.map((r) => ({
      role: r.roleName,
      trust: trustPrincipals(model, r, 'management'),
      access: Object.fromEntries(model.principals.map((p) => [p.id, access(model, p, r)])),
    })),
    identityRoles: model.identityRoles.map((r) => ({
      account: r.account,
      role: r.roleName,
      trust: trustPrincipals(model, r, 'management'),
      access: Object.fromEntries(model.principals.map((p) => [p.id, access(model, p, r)])),
    })),
    notes: model.notes,
  };
}
