import type {
  DeclaredAwsPrincipal,
  DeclaredIdentityCenterPrincipal,
  DeclaredOidcPrincipal,
  DeclaredPrincipal,
  DeclaredSamlPrincipal,
  DeclaredServicePrincipal,
} from './declared-principal';
import { iamPrincipalArnParts } from './principal-arn';
import { accountRoot, type ConditionBlock, type PolicyStatement } from './document';
import { MFA_ALWAYS, mfaCondition } from './mfa-condition';

export interface DeclaredTrustContext {
  /** Id of the account whose role trusts (literal, or a Terraform expression that resolves to it). */
  readonly accountId: string;
  /** Id of an account reference of a declaration: "self", a 12-digit id, or an account name of the config. */
  readonly accountIdOf: (ref: string) => string;
}

/** One value as a string, several as a list: IAM reads both alike, and the string is shorter. */
const one = (values: readonly string[]): string | string[] => (values.length === 1 ? values[0] : [...values]);
const hasWildcard = (s: string) => /[*?]/.test(s);

/**
 * A role or user of any account. The principal is that account's root, narrowed to the one
 * ARN by aws:PrincipalArn: IAM would turn a role ARN in Principal into the role's unique id,
 * so a deleted and re-created role would silently lose access (IAM User Guide, "AWS JSON
 * policy elements: Principal"), and it refuses a policy naming a role that does not exist
 * yet. People (human: true, always for users) come in only in an MFA-authenticated session.
 */
export function awsStatement(p: DeclaredAwsPrincipal): PolicyStatement {
  const { accountId } = iamPrincipalArnParts(p.arn) ?? fail(`not an IAM role or user ARN: ${p.arn}`);
  const condition: ConditionBlock = { ArnEquals: { 'aws:PrincipalArn': p.arn } };
  return {
    Sid: p.name,
    Effect: 'Allow',
    Principal: { AWS: accountRoot(accountId) },
    Action: 'sts:AssumeRole',
    Condition: p.human ? { ...condition, ...mfaCondition(MFA_ALWAYS) } : condition,
  };
}

/**
 * The account's own IAM OIDC provider (a role trusts providers of its account only), with
 * the audience and the subject both required ("Create a role for OpenID Connect federation",
 * IAM User Guide). Subjects with wildcards are StringLike; exact ones StringEquals.
 */
export function oidcStatement(p: DeclaredOidcPrincipal, ctx: DeclaredTrustContext): PolicyStatement {
  const [aud, sub] = [`${p.provider}:aud`, `${p.provider}:sub`];
  const like = p.subjects.some(hasWildcard);
  return {
    Sid: p.name,
    Effect: 'Allow',
    Principal: { Federated: `arn:aws:iam::${ctx.accountId}:oidc-provider/${p.provider}` },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: like
      ? { StringEquals: { [aud]: one(p.audiences) }, StringLike: { [sub]: one(p.subjects) } }
      : { StringEquals: { [aud]: one(p.audiences), [sub]: one(p.subjects) } },
  };
}

/** The account's own IAM SAML provider, held to the SAML audience ("Create a role for SAML 2.0 federation"). */
export function samlStatement(p: DeclaredSamlPrincipal, ctx: DeclaredTrustContext): PolicyStatement {
  return {
    Sid: p.name,
    Effect: 'Allow',
    Principal: { Federated: `arn:aws:iam::${ctx.accountId}:saml-provider/${p.provider}` },
    Action: 'sts:AssumeRoleWithSAML',
    Condition: { StringEquals: { 'SAML:aud': one(p.audiences) } },
  };
}

/**
 * An AWS service, only when it acts for the given accounts or resources: aws:SourceAccount
 * and aws:SourceArn ("The confused deputy problem", IAM User Guide). Both, when given, must hold.
 */
export function serviceStatement(p: DeclaredServicePrincipal, ctx: DeclaredTrustContext): PolicyStatement {
  const condition: ConditionBlock = {};
  if (p.sourceAccounts.length) condition.StringEquals = { 'aws:SourceAccount': one([...new Set(p.sourceAccounts.map(ctx.accountIdOf))]) };
  if (p.sourceArns.length) condition.ArnLike = { 'aws:SourceArn': one(p.sourceArns) };
  if (!Object.keys(condition).length) fail(`service principal ${p.name} has no source condition`);
  return { Sid: p.name, Effect: 'Allow', Principal: { Service: p.service }, Action: 'sts:AssumeRole', Condition: condition };
}

/**
 * The role IAM Identity Center creates for a permission set in one account,
 * aws-reserved/sso.amazonaws.com/[REGION/]AWSReservedSSO_<set>_<16 hex> ("Referencing
 * permission sets in resource policies", IAM Identity Center User Guide). The suffix changes
 * when the role is re-created, so it is matched by sixteen `?`, not by `*`, which would also
 * match the set "<set>_Other".
 */
export function identityCenterStatement(p: DeclaredIdentityCenterPrincipal, ctx: DeclaredTrustContext): PolicyStatement {
  const accountId = ctx.accountIdOf(p.account);
  const role = `AWSReservedSSO_${p.permissionSet}_${'?'.repeat(16)}`;
  const base = `arn:aws:iam::${accountId}:role/aws-reserved/sso.amazonaws.com`;
  return {
    Sid: p.name,
    Effect: 'Allow',
    Principal: { AWS: accountRoot(accountId) },
    Action: 'sts:AssumeRole',
    Condition: { ArnLike: { 'aws:PrincipalArn': [`${base}/${role}`, `${base}/*/${role}`] } },
  };
}

/** The trust statement of one declaration, in the account `ctx.accountId`. */
export function declaredTrustStatement(p: DeclaredPrincipal, ctx: DeclaredTrustContext): PolicyStatement {
  switch (p.kind) {
    case 'aws':
      return awsStatement(p);
    case 'oidc':
      return oidcStatement(p, ctx);
    case 'saml':
      return samlStatement(p, ctx);
    case 'service':
      return serviceStatement(p, ctx);
    case 'identityCenter':
      return identityCenterStatement(p, ctx);
  }
}

function fail(message: string): never {
  throw new Error(message);
}
