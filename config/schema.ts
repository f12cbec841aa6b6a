import { z } from 'zod';
import {
  ACCOUNT_ID,
  ACCOUNT_NAME,
  AWS_REGION,
  EMAIL,
  HOSTNAME,
  IAM_NAME_CHARS,
  NAME_RULES,
  ORGANIZATION_ID,
  OU_ID,
  S3_BUCKET,
  SUPPORTED_PARTITION,
  partitionOf,
  TFC_ORGANIZATION,
} from './iam-names';
import { boundedString } from './bounded-string';
import { nameTable, nameTableSchema } from './name-table';
import { declaredPrincipalSchema } from './principal-schema';

/**
 * The schema of org.yaml (README.md, "Config reference"). Every object is strict, so a typo in a
 * key is an error rather than a silently ignored setting.
 */

const accountId = z
  .string({ error: 'must be a 12-digit AWS account id in quotes, e.g. "123456789012"' })
  .regex(ACCOUNT_ID, { error: (iss) => `must be exactly 12 digits, e.g. "123456789012" (got "${String(iss.input)}")` });

// Length checks abort the field: a regex never runs on an overlong string (V8's backtracking
// stack overflows on a megabyte-long run, which would end in a stack trace instead of a message).
const iamName = (kind: keyof typeof NAME_RULES) => {
  const rule = NAME_RULES[kind];
  return z
    .string({ error: `must be ${rule.what}` })
    .min(1, { error: `must be ${rule.what}: 1-${rule.max} characters` })
    .max(rule.max, { error: `must be ${rule.what}: at most ${rule.max} characters`, abort: true })
    .regex(IAM_NAME_CHARS, {
      error: (iss) => `must be ${rule.what}: only letters, digits and +=,.@_- (got "${String(iss.input)}")`,
    });
};

const email = z
  .string({ error: 'must be an email address' })
  .min(6, { error: 'must be an email address of 6-64 characters' })
  .max(64, { error: 'must be an email address of 6-64 characters', abort: true })
  .regex(EMAIL, { error: (iss) => `must be an email address like aws-prod@example.com (got "${String(iss.input)}")` });

export const accountName = z
  .string({ error: 'must be an account name' })
  .min(1, { error: 'must be an account name of 1-50 characters' })
  .max(50, { error: 'must be an account name of 1-50 characters', abort: true })
  .regex(ACCOUNT_NAME, { error: 'must be an account name of printable ASCII characters other than " \\ $ { }' });

/** AWS Organizations TagResource: keys and values of letters, spaces, digits and _ . : / = + - @. */
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const TAG_CHARACTERS = 'letters, digits, spaces and _ . : / = + - @ (AWS Organizations tag rules)';
/** Organizations allows 50 user tags on a resource. */
const MAX_TAGS = 50;

const tags = nameTableSchema(
  z
    .string()
    .min(1, { error: 'tag keys must be 1-128 characters' })
    .max(128, { error: 'tag keys must be 1-128 characters', abort: true })
    .refine((k) => !k.toLowerCase().startsWith('aws:'), { error: (iss) => `tag key "${String(iss.input)}" starts with "aws:", a prefix AWS reserves for its own tags; choose another key` })
    .refine((k) => TAG_TEXT.test(k), { error: (iss) => `tag key "${String(iss.input)}" must hold only ${TAG_CHARACTERS}` })
    // cdktf 0.21 copies tag maps into plain objects, where this key would vanish from the JSON.
    .refine((k) => k !== '__proto__', { error: 'the tag key __proto__ cannot be written to Terraform JSON by cdktf; choose another key' }),
  z
    .string({ error: 'tag values must be strings (quote numbers)' })
    .max(256, { error: 'tag values must be at most 256 characters', abort: true })
    .refine((v) => TAG_TEXT.test(v), { error: (iss) => `tag value "${String(iss.input)}" must hold only ${TAG_CHARACTERS}` }),
  { error: 'must be a map of tag names to string values', maxEntries: { count: MAX_TAGS, error: (n) => `has ${n} tags; AWS Organizations allows at most ${MAX_TAGS} on an account` } },
).default(() => nameTable<string>());

const billingAccess = z.enum(['ALLOW', 'DENY'], { error: 'must be ALLOW or DENY' });

const accountFields = {
  name: accountName,
  email,
  id: accountId.optional(),
  ou: z.string({ error: 'must be an OU path such as "Workloads/Prod"' }).min(1).optional(),
  /** The account's previous name, for one synth+apply after a rename: Terraform moves state instead of replacing. */
  renamedFrom: accountName.optional(),
  iamUserAccessToBilling: billingAccess.default('ALLOW'),
  closeOnDeletion: z.boolean({ error: 'must be true or false' }).default(false),
  tags,
};

export const identityAccountSchema = z.strictObject(accountFields);

export const memberAccountSchema = z.strictObject({
  ...accountFields,
  retired: z.boolean({ error: 'must be true or false' }).default(false),
});

export interface OrganizationalUnitInput {
  name: string;
  id?: string;
  renamedFrom?: string;
  retired?: boolean;
  children?: OrganizationalUnitInput[];
}

export const ouName = z
  .string({ error: 'must be an OU name' })
  .min(1, { error: 'must be an OU name of 1-128 characters' })
  .max(128, { error: 'must be an OU name of 1-128 characters', abort: true })
  .refine((s) => !s.includes('/'), { error: 'must not contain "/" (it separates OU path segments)' });

export const organizationalUnitSchema: z.ZodType<OrganizationalUnitInput> = z.lazy(() =>
  z.strictObject({
    name: ouName,
    /** An existing OU (ou-xxxx-xxxxxxxx): imported, not created. */
    id: z.string().regex(OU_ID, { error: (iss) => `must be an OU id such as ou-ab12-cd34ef56 (got "${String(iss.input)}")` }).optional(),
    /** The OU's previous name (not path), for one synth+apply after a rename: its state and its descendants' move. */
    renamedFrom: ouName.optional(),
    /** True: Terraform forgets this OU and every OU under it; AWS keeps them. */
    retired: z.boolean({ error: 'must be true or false' }).optional(),
    children: z.array(organizationalUnitSchema, { error: 'must be a list of OUs' }).optional(),
  }),
);

const passwordPolicySchema = z
  .strictObject({
    minimumLength: z.number().int().min(14, { error: 'must be at least 14 (CIS AWS Foundations 1.8)' }).max(128).default(14),
    requireUppercase: z.boolean().default(true),
    requireLowercase: z.boolean().default(true),
    requireNumbers: z.boolean().default(true),
    requireSymbols: z.boolean().default(true),
    allowUsersToChangePassword: z.boolean().default(true),
    // 0: passwords do not expire (NIST SP 800-63B; CIS AWS Foundations dropped rotation). With
    // the MFA self-service policy, an expired password cannot be reset at sign-in without MFA.
    maxAgeDays: z.number().int().min(0).max(1095).default(0),
    // IAM takes 1-24; CIS AWS Foundations asks for 24 (validate warns below it).
    reusePrevention: z
      .number({ error: 'must be a whole number of remembered passwords, 1-24' })
      .int({ error: 'must be a whole number of remembered passwords, 1-24' })
      .min(1, { error: 'must be 1-24 (IAM remembers 1-24 previous passwords; CIS AWS Foundations asks for 24)' })
      .max(24, { error: 'must be 1-24 (IAM remembers at most 24 previous passwords)' })
      .default(24),
    hardExpiry: z.boolean().default(false),
  })
  // prefault: an absent block is parsed as {}, so the field defaults above apply once, here.
  .prefault({});

const identityGroupSchema = z.strictObject({
  name: iamName('group'),
  users: z.array(iamName('user'), { error: 'must be a list of IAM user names' }).default([]),
  accounts: z
    .array(z.string({ error: 'must be a member account name or "*"' }), {
      error: 'must be a list of member account names, or ["*"] for all of them',
    })
    .default([]),
  /** OU paths: every member account in each OU and in the OUs below it, granted by organization path. */
  ous: z
    .array(z.string({ error: 'must be an OU path such as "Workloads/Prod"' }), { error: 'must be a list of OU paths such as ["Workloads/Prod"]' })
    .default([]),
});

/** A string held to a pattern, bounded first (boundedString). `what` completes "must be ...". */
const boundedPattern = (what: string, max: number, pattern: RegExp) =>
  boundedString(max, { type: `must be ${what}`, tooLong: `must be ${what} of at most ${max} characters` }).regex(pattern, { error: `must be ${what}` });

// Backend settings are written where Terraform allows no expressions, so they cannot be
// escaped like other config strings: they are held to the names the services accept.
const backendSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('local') }),
    z.strictObject({
      type: z.literal('s3'),
      bucket: boundedPattern('an S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit', 63, S3_BUCKET),
      region: boundedPattern('an AWS region such as us-east-1', 32, AWS_REGION),
      keyPrefix: boundedPattern('an S3 key prefix without spaces', 512, /^[A-Za-z0-9!_.*'()/-]*$/).default('org-trust'),
      useLockfile: z.boolean().default(true),
    }),
    z.strictObject({
      type: z.literal('cloud'),
      organization: boundedPattern('a Terraform Cloud organization name: letters, digits, - and _', 64, TFC_ORGANIZATION),
      hostname: boundedPattern('a host name such as app.terraform.io', 253, HOSTNAME).default('app.terraform.io'),
      // Workspace names allow 90 characters; the stack name follows the prefix.
      workspacePrefix: boundedPattern('letters, digits, - and _ (workspace names allow no others)', 64, /^[A-Za-z0-9_-]*$/).default('org-trust-'),
    }),
  ],
  { error: 'must have type local, s3 or cloud' },
);

/**
 * The hashicorp/aws versions every stack admits. A range by default, since organizations pin
 * providers centrally (a .terraform.lock.hcl, a mirror); 5.100.0 is the oldest release the
 * end-to-end suite applies with.
 */
export const DEFAULT_AWS_PROVIDER_VERSION = '>= 5.100.0, < 7.0.0';

// Terraform's version constraint syntax: comma-separated operator and version, e.g. "~> 6.0" or ">= 5.100.0, < 7.0.0".
const VERSION_CONSTRAINT = /^\s*(=|!=|>=|<=|>|<|~>)?\s*v?\d+(\.\d+){0,2}(-[0-9A-Za-z.-]+)?\s*$/;

const awsProviderVersion = z
  .string({ error: 'must be a Terraform version constraint such as ">= 5.100.0, < 7.0.0"' })
  // Bounded before the pattern runs: its adjacent \s* make a long run of spaces take quadratic time.
  .max(256, { error: 'must be a Terraform version constraint of at most 256 characters', abort: true })
  .refine((s) => s.split(',').every((part) => VERSION_CONSTRAINT.test(part)), {
    error: (iss) => `must be a Terraform version constraint such as ">= 5.100.0, < 7.0.0" or "~> 6.0" (got "${String(iss.input)}")`,
  });

export const orgConfigSchema = z.strictObject({
  organization: z.strictObject({
    managementAccountId: accountId,
    id: z.string().regex(ORGANIZATION_ID, { error: 'must be an organization id such as o-a1b2c3d4e5' }).optional(),
    region: z
      .string({ error: 'must be an AWS region such as us-east-1' })
      .max(32, { error: 'must be an AWS region such as us-east-1', abort: true })
      .regex(AWS_REGION, { error: (iss) => `must be an AWS region such as us-east-1 (got "${String(iss.input)}")` })
      .refine((region) => partitionOf(region) === SUPPORTED_PARTITION, {
        error: (iss) =>
          `is in the ${partitionOf(String(iss.input))} partition; org-trust builds ARNs (arn:aws:...) and console links for the commercial aws partition only, so choose a region such as us-east-1`,
      }),
    crossAccountRoleName: iamName('role').default('OrganizationAccountAccessRole'),
    organizationalUnits: z.array(organizationalUnitSchema, { error: 'must be a list of OUs' }).default([]),
    /** Centralized root access for member accounts (IAM organizations features RootCredentialsManagement and RootSessions). */
    centralRootAccess: z.boolean({ error: 'must be true or false' }).default(false),
  }),
  identityAccount: identityAccountSchema,
  accounts: z.array(memberAccountSchema, { error: 'must be a list of member accounts' }).default([]),
  management: z
    .strictObject({
      groupName: iamName('group').default('crossaccount-admins'),
      createAccountRoleName: iamName('role').default('assumerole_create_account'),
      users: z.array(iamName('user'), { error: 'must be a list of IAM user names' }).default([]),
      /** The only group that may call sts:AssumeRoot (with MFA), when organization.centralRootAccess is on. */
      breakGlass: z
        .strictObject({
          groupName: iamName('group').default('root-break-glass'),
          users: z.array(iamName('user'), { error: 'must be a list of IAM user names' }).min(1, { error: 'must name at least one user of management.users' }),
        })
        .optional(),
      /** The management account's own password policy (its users sign in to the console too). */
      passwordPolicy: passwordPolicySchema,
    })
    .prefault({}),
  identity: z
    .strictObject({
      requireMfa: z.boolean({ error: 'must be true or false' }).default(true),
      mfaMaxAgeSeconds: z
        .number({ error: 'must be a number of seconds' })
        .int()
        .min(900, { error: 'must be at least 900 seconds (STS minimum session)' })
        .max(129600, { error: 'must be at most 129600 seconds (36 hours, the STS maximum)' })
        .optional(),
      passwordPolicy: passwordPolicySchema,
      groups: z.array(identityGroupSchema, { error: 'must be a list of groups' }).default([]),
    })
    .prefault({}),
  trust: z
    .strictObject({
      shardSize: z
        .number({ error: 'must be a whole number' })
        .int({ error: 'must be a whole number' })
        .min(1, { error: 'must be at least 1' })
        .max(100, { error: 'must be at most 100 (each account is one AWS provider process during plan)' })
        .default(10),
      /** Extra principals the member roles trust, each where its scope says (config/declared-principals.ts). */
      principals: z.array(declaredPrincipalSchema, { error: 'must be a list of declared principals' }).default([]),
      /** An SCP lets only the runner change the member role; the trust keeps the runner's session name for the management account. */
      guard: z.boolean({ error: 'must be true or false' }).default(false),
    })
    .prefault({}),
  terraform: z
    .strictObject({
      awsProviderVersion: awsProviderVersion.default(DEFAULT_AWS_PROVIDER_VERSION),
    })
    .prefault({}),
  backend: backendSchema.default({ type: 'local' }),
});

export type OrgConfigInput = z.input<typeof orgConfigSchema>;
export type ParsedOrgConfig = z.output<typeof orgConfigSchema>;
