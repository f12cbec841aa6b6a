/**
 * The model of a declared principal (trust.principals), as the policies that trust it and the
 * config that declares it both read it: it lives here, below both, so that policies/ never
 * imports config/.
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
