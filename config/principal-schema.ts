import { z } from 'zod';
import { boundedString } from './bounded-string';
import { ACCOUNT_ID } from './iam-names';
import { IAM_PRINCIPAL_ARN, iamPrincipalArnParts } from '../policies/principal-arn';
export { iamPrincipalArnParts };

/**
 * Schema of trust.principals (config/declared-principals.ts). Each kind is a strict object of
 * its own, so a condition that belongs to another kind is an unknown key, not ignored. Names
 * of accounts and OUs in scopes are checked against the config by principal-rules.ts.
 */

/** IAM's Sid characters: the name becomes the statement's Sid. */
const PRINCIPAL_NAME = /^[A-Za-z0-9]{1,64}$/;
/** arn:aws:iam::ID:role|user/[path/]name, path segments and name in IAM's name characters (no wildcards, no `$`). */
/** Host (and path) of an OIDC issuer, as IAM writes it in the provider's ARN and condition keys. */
const OIDC_PROVIDER = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+(:\d{1,5})?(\/[A-Za-z0-9._~-]+)*$/;
/** IAM CreateSAMLProvider Name: [\w._-]+, 1-128. */
const SAML_PROVIDER = /^[\w.-]{1,128}$/;
/** Service principals of the aws partition. */
const SERVICE_PRINCIPAL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.amazonaws\.com$/;
/** An ARN whose account field is 12 digits, so that aws:SourceArn names one account whatever its wildcards. */
const SOURCE_ARN = /^arn:aws:[a-z0-9-]+:[a-z0-9-]*:\d{12}:[^\s]+$/;
/** SSO-admin CreatePermissionSet Name: [\w+=,.@-]+, 1-32. */
const PERMISSION_SET = /^[\w+=,.@-]{1,32}$/;

export const GITHUB_ACTIONS = 'token.actions.githubusercontent.com';
export const SAML_SIGNIN_AUDIENCE = 'https://signin.aws.amazon.com/saml';

// Every string is bounded before its pattern runs (boundedString): no regex sees a megabyte-long value.

/** IAM substitutes ${...} in condition values (policy variables): a config string must not smuggle one in. */
const noPolicyVariable = (s: string) => !s.includes('${');
const POLICY_VARIABLE = 'must not contain "${": IAM would read it as a policy variable';
const noWildcard = (s: string) => !/[*?]/.test(s);

const name = boundedString(64, { type: 'must be a name of letters and digits (it becomes the Sid of the trust statement)', tooLong: 'must be at most 64 characters' })
  .regex(PRINCIPAL_NAME, { error: (iss) => `must be 1-64 letters and digits, e.g. BreakGlass: it becomes the Sid of the trust statement, which IAM limits to those (got "${String(iss.input)}")` });

const accountName = z.string({ error: 'must be a member account name' });

const scope = z.strictObject(
  {
    accounts: z.array(accountName, { error: 'must be a list of member account names' }).min(1, { error: 'must name at least one account' }).optional(),
    ous: z
      .array(z.string({ error: 'must be an OU path such as "Workloads/Prod"' }), { error: 'must be a list of OU paths' })
      .min(1, { error: 'must name at least one OU' })
      .optional(),
    organization: z.literal(true, { error: 'must be true (every member account); for fewer, use accounts or ous' }).optional(),
  },
  { error: 'must be a scope: { accounts: [...] }, { ous: [...] } or { organization: true }' },
);

const accountRef = boundedString(50, { type: 'must be "self", a 12-digit account id in quotes, or the name of an account of this config', tooLong: 'must be "self", a 12-digit account id or an account name (at most 50 characters)' })
  .min(1);

const nonEmptyList = (item: z.ZodType<string>, what: string) => z.array(item, { error: `must be a list of ${what}` }).min(1, { error: `must list at least one ${what.replace(/s$/, '')}` });

const audience = boundedString(2048, { type: 'must be an audience string', tooLong: 'must be at most 2048 characters (a whole trust policy is)' })
  .min(1)
  .refine(noWildcard, { error: 'must be exact: an audience with * or ? would admit tokens issued for other clients' })
  .refine(noPolicyVariable, { error: POLICY_VARIABLE });

const subject = boundedString(2048, { type: 'must be a sub claim, e.g. "repo:acme/infra:ref:refs/heads/main"', tooLong: 'must be at most 2048 characters (a whole trust policy is)' })
  .min(1)
  .refine((s) => !/^[*?]/.test(s), { error: 'must not start with a wildcard: the start of the sub names whose tokens match, and "*" would admit every identity of the provider' })
  .refine(noPolicyVariable, { error: POLICY_VARIABLE });

const awsPrincipal = z.strictObject({
  name,
  kind: z.literal('aws'),
  arn: boundedString(1011, { type: 'must be the ARN of an IAM role or user, e.g. arn:aws:iam::123456789012:role/break-glass', tooLong: 'must be at most 1011 characters (IAM: 512 of path, 64 of name)' })
    .refine((a) => !/^arn:aws-[a-z-]+:/.test(a), { error: 'is outside the aws partition; org-trust writes policies for the commercial aws partition only', abort: true })
    .refine((a) => IAM_PRINCIPAL_ARN.test(a), {
      error: (iss) =>
        `must be arn:aws:iam::<12-digit account>:role/<name> or :user/<name>, with an optional /path/, in IAM's name characters (letters, digits, +=,.@_-) and no wildcards (got "${String(iss.input)}")`,
      abort: true,
    })
    .refine((a) => (IAM_PRINCIPAL_ARN.exec(a)?.[4].length ?? 0) <= 64, { error: 'names a role or user of more than 64 characters; IAM allows at most 64' })
    .refine((a) => (IAM_PRINCIPAL_ARN.exec(a)?.[3].length ?? 0) <= 511, { error: 'has a path of more than 512 characters; IAM allows at most 512' }),
  human: z.boolean({ error: 'must be true (people use it: MFA required) or false (a machine role: no MFA condition)' }).default(true),
  scope,
});

const oidcPrincipal = z.strictObject({
  name,
  kind: z.literal('oidc'),
  provider: boundedString(255, { type: `must be the OIDC provider's host (and path), e.g. ${GITHUB_ACTIONS}`, tooLong: 'must be at most 255 characters (IAM limits an OIDC provider URL to 255)' })
    .refine((p) => !/^[a-z]+:\/\//i.test(p), { error: 'must be the host without the scheme (no https://), as in the provider ARN and its condition keys', abort: true })
    .refine((p) => OIDC_PROVIDER.test(p), { error: (iss) => `must be a host name with an optional path, e.g. ${GITHUB_ACTIONS} or oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE (got "${String(iss.input)}")` }),
  audiences: nonEmptyList(audience, 'audiences'),
  subjects: nonEmptyList(subject, 'subjects'),
  scope,
});

const samlPrincipal = z.strictObject({
  name,
  kind: z.literal('saml'),
  provider: boundedString(128, { type: 'must be the name of the IAM SAML provider in each account of the scope', tooLong: 'must be at most 128 characters' })
    .regex(SAML_PROVIDER, { error: (iss) => `must be an IAM SAML provider name: 1-128 letters, digits, _ . - (got "${String(iss.input)}")` }),
  audiences: nonEmptyList(
    audience.refine((a) => /^https:\/\/\S+$/.test(a), { error: `must be an https URL of the SAML endpoint, e.g. ${SAML_SIGNIN_AUDIENCE}` }),
    'audiences',
  ).default([SAML_SIGNIN_AUDIENCE]),
  scope,
});

const servicePrincipal = z.strictObject({
  name,
  kind: z.literal('service'),
  service: boundedString(253, { type: 'must be an AWS service principal such as backup.amazonaws.com', tooLong: 'must be at most 253 characters' })
    .regex(SERVICE_PRINCIPAL, { error: (iss) => `must be an AWS service principal of the aws partition, such as backup.amazonaws.com (got "${String(iss.input)}")` }),
  sourceAccounts: z.array(accountRef, { error: 'must be a list of "self", account ids or account names' }).default([]),
  sourceArns: z
    .array(
      boundedString(2048, { type: 'must be an ARN', tooLong: 'must be at most 2048 characters' })
        .regex(SOURCE_ARN, { error: (iss) => `must be an ARN of the aws partition whose account field is 12 digits, e.g. arn:aws:backup:us-east-1:123456789012:backup-vault:* (got "${String(iss.input)}")` })
        .refine(noPolicyVariable, { error: POLICY_VARIABLE }),
      { error: 'must be a list of ARNs' },
    )
    .default([]),
  scope,
});

const identityCenterPrincipal = z.strictObject({
  name,
  kind: z.literal('identityCenter'),
  permissionSet: boundedString(32, { type: 'must be the name of an IAM Identity Center permission set', tooLong: 'must be at most 32 characters' })
    .regex(PERMISSION_SET, { error: (iss) => `must be a permission set name: 1-32 letters, digits and +=,.@_- (got "${String(iss.input)}")` }),
  account: accountRef,
  scope,
});

export const declaredPrincipalSchema = z.discriminatedUnion('kind', [awsPrincipal, oidcPrincipal, samlPrincipal, servicePrincipal, identityCenterPrincipal], {
  error: 'must have kind aws, oidc, saml, service or identityCenter',
});

export type DeclaredPrincipalInput = z.output<typeof declaredPrincipalSchema>;

/** The parts of an aws-kind ARN. */

export const isAccountId = (ref: string) => ACCOUNT_ID.test(ref);
