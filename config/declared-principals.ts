import type { DeclaredPrincipalInput } from './principal-schema';

/**
 * Principals that org.yaml declares (trust.principals) beside the management root and the
 * identity account's users: a break-glass or CI role, an OIDC or SAML provider, an AWS
 * service, an IAM Identity Center permission set. Each gets one Allow statement, with the
 * conditions its kind requires, in the trust policy of the member roles in its scope.
 */

/** Where a declared principal is trusted: named member accounts, OUs (and every OU below), or every member. */
export type PrincipalScope =
  | { readonly organization: true }
  | { readonly accounts: readonly string[] }
  | { readonly ous: readonly string[] };

interface DeclaredBase {
  /** Letters and digits; the Sid of its statement, and its name in reports. */
  readonly name: string;
  readonly scope: PrincipalScope;
}

/** An IAM role or user of any account (break-glass, CI). */
export interface DeclaredAwsPrincipal extends DeclaredBase {
  readonly kind: 'aws';
  readonly arn: string;
  /** People use it: MFA is required. False (roles only): a machine principal, no MFA condition. */
  readonly human: boolean;
}

/** An IAM OIDC identity provider of each trusting account (GitHub Actions, GitLab, EKS). */
export interface DeclaredOidcPrincipal extends DeclaredBase {
  readonly kind: 'oidc';
  /** Host and path of the provider's URL, without https:// (as in its ARN). */
  readonly provider: string;
  readonly audiences: readonly string[];
  /** `sub` claims; `*` and `?` are wildcards (StringLike), never in the first character. */
  readonly subjects: readonly string[];
}

/** An IAM SAML provider of each trusting account. */
export interface DeclaredSamlPrincipal extends DeclaredBase {
  readonly kind: 'saml';
  readonly provider: string;
  readonly audiences: readonly string[];
}

/** An AWS service principal, held to the accounts or resources it acts for (confused deputy). */
export interface DeclaredServicePrincipal extends DeclaredBase {
  readonly kind: 'service';
  readonly service: string;
  /** "self" (the trusting account), 12-digit ids or names of accounts of the config. */
  readonly sourceAccounts: readonly string[];
  /** ArnLike patterns whose account field is 12 digits. */
  readonly sourceArns: readonly string[];
}

/** The AWSReservedSSO_ role IAM Identity Center creates for a permission set in one account. */
export interface DeclaredIdentityCenterPrincipal extends DeclaredBase {
  readonly kind: 'identityCenter';
  readonly permissionSet: string;
  /** "self", a 12-digit id, or the name of an account of the config: where the permission set is assigned. */
  readonly account: string;
}

export type DeclaredPrincipal =
  | DeclaredAwsPrincipal
  | DeclaredOidcPrincipal
  | DeclaredSamlPrincipal
  | DeclaredServicePrincipal
  | DeclaredIdentityCenterPrincipal;

export type DeclaredKind = DeclaredPrincipal['kind'];

/** An account reference of a declaration that means the trusting account itself. */
export const SELF = 'self';

/** Sids of the statements every member role has; declared names may not take them. */
/** What a scope looks at of an account (a structural slice of the model's Account, which imports this module). */
export interface ScopedAccount {
  readonly name: string;
  readonly ou?: string;
  readonly retired: boolean;
}

export const RESERVED_SIDS = ['ManagementAccount', 'IdentityAccount'] as const;

/** Whether `ou` is `path` or an OU below it ("Workloads/Prod" is in "Workloads"). */
export const ouWithin = (ou: string | undefined, path: string): boolean => ou !== undefined && (ou === path || ou.startsWith(`${path}/`));

/** Whether a member account is in a declaration's scope. Retired accounts have no managed role, so none is. */
export function inScope(scope: PrincipalScope, account: ScopedAccount): boolean {
  if (account.retired) return false;
  if ('organization' in scope) return true;
  if ('accounts' in scope) return scope.accounts.includes(account.name);
  return scope.ous.some((path) => ouWithin(account.ou, path));
}

/** The declarations that apply to a member account, in config order (the order of their statements). */
export function declaredPrincipalsFor(principals: readonly DeclaredPrincipal[], account: ScopedAccount): DeclaredPrincipal[] {
  return principals.filter((p) => inScope(p.scope, account));
}

/** "account ACCOUNT01", "OUs Workloads/Prod, Sandbox (and below)", "every member account". */
export function describeScope(scope: PrincipalScope): string {
  if ('organization' in scope) return 'every member account';
  if ('accounts' in scope) return `${scope.accounts.length === 1 ? 'account' : 'accounts'} ${scope.accounts.join(', ')}`;
  return `${scope.ous.length === 1 ? 'OU' : 'OUs'} ${scope.ous.join(', ')} (and below)`;
}

/** The schema's output, already checked by principal-rules.ts (one scope key), as the model. */
export function toDeclaredPrincipal(input: DeclaredPrincipalInput): DeclaredPrincipal {
  const { scope: raw, ...rest } = input;
  const scope: PrincipalScope = raw.accounts ? { accounts: raw.accounts } : raw.ous ? { ous: raw.ous } : { organization: true };
  return { ...rest, scope };
}
