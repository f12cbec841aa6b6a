import type { DeclaredPrincipal, PrincipalScope } from '../policies/declared-principal';
import type { DeclaredPrincipalInput } from './principal-schema';

/**
 * Principals that org.yaml declares (trust.principals) beside the management root and the
 * identity account's users: a break-glass or CI role, an OIDC or SAML provider, an AWS
 * service, an IAM Identity Center permission set. Each gets one Allow statement, with the
 * conditions its kind requires, in the trust policy of the member roles in its scope.
 */

export type {
  DeclaredAwsPrincipal,
  DeclaredIdentityCenterPrincipal,
  DeclaredKind,
  DeclaredOidcPrincipal,
  DeclaredPrincipal,
  DeclaredSamlPrincipal,
  DeclaredServicePrincipal,
  PrincipalScope,
} from '../policies/declared-principal';
export { SELF } from '../policies/declared-principal';

/** What a scope looks at of an account (a structural slice of the model's Account, which imports this module). */
export interface ScopedAccount {
  readonly name: string;
  readonly ou?: string;
  readonly retired: boolean;
}

/** Sids of the statements every member role has; declared names may not take them. */
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
