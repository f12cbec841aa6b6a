/**
 * AWS naming rules, kept in one place so that the schema and its error messages agree.
 * Sources: IAM API reference (CreateRole, CreateUser, CreateGroup, CreatePolicy) and
 * Organizations API reference (CreateAccount, CreateOrganizationalUnit).
 */
export const IAM_NAME_CHARS = /^[A-Za-z0-9+=,.@_-]+$/;

export const NAME_RULES = {
  role: { max: 64, what: 'an IAM role name' },
  user: { max: 64, what: 'an IAM user name' },
  group: { max: 128, what: 'an IAM group name' },
} as const;

export const ACCOUNT_ID = /^\d{12}$/;
/** Organizations' own pattern for CreateAccount's Email, narrowed to one '@' and a dotted domain. */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Printable ASCII, less the characters that would need escaping inside a Terraform expression. */
export const ACCOUNT_NAME = /^[\u0020-\u0021\u0023\u0025-\u005B\u005D-\u007A\u007C\u007E]+$/;
export const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
/** Organizations' pattern for an OU id: ou-<root part>-<OU part>. */
export const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
/** S3 bucket naming rules (general purpose buckets). */
export const S3_BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** Terraform Cloud organization names. */
export const TFC_ORGANIZATION = /^[A-Za-z0-9_-]+$/;
export const HOSTNAME = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:\d{1,5})?$/;
export const AWS_REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

/**
 * The AWS partition a region belongs to ("Partitions" in the AWS General Reference). ARNs,
 * console sign-in hosts and Organizations features differ between partitions (GovCloud
 * organizations cannot CreateAccount, for one); org-trust writes `arn:aws:` ARNs and
 * signin.aws.amazon.com links, so it accepts regions of the `aws` partition only.
 */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (/^[a-z]{2}-gov-/.test(region)) return 'aws-us-gov';
  const iso = /^[a-z]{2}-iso([a-z]?)-/.exec(region);
  if (iso) return iso[1] ? `aws-iso-${iso[1]}` : 'aws-iso';
  return 'aws';
}
export const SUPPORTED_PARTITION = 'aws';

/**
 * The key that names an account, group or user in Terraform addresses and provider aliases.
 * Derived from the name alone, never from a list position, so that addresses stay stable
 * when the YAML is reordered.
 */
export function terraformKey(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (slug === '') return 'x';
  return /^[a-z]/.test(slug) ? slug : `n${slug}`;
}

/**
 * The name of a group's n-th managed policy. IAM policy names are at most 128 characters:
 * the prefix is shortened, never the number, so two long group names can meet (a config rule).
 */
export function groupPolicyName(groupName: string, memberRoleName: string, n: number): string {
  const suffix = `-${n}`;
  return `${groupName}-assume-${memberRoleName}`.slice(0, 128 - suffix.length) + suffix;
}

/** The identity account's group that every user joins for MFA self-service. */
export const SELF_SERVICE_GROUP = 'mfa-self-service';

/** Plain code-point order: the same on every machine and locale. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
