/**
 * Which tokens an OIDC subject pattern admits. IAM's StringLike reads `*` as any run of
 * characters and `?` as one character, and nothing else as special (`[a-z]` is literal), so a
 * pattern is judged by its literal prefix: the characters before its first `*` or `?` are all
 * that every matching `sub` must share. A pattern pins an owner when that prefix holds the
 * provider's fixed start, the whole owner, and the literal delimiter that ends it: then no
 * token of another owner can match, whatever follows.
 */

/** How one provider's `sub` claim names the owner of the token. */
export interface SubjectFormat {
  /** What people call the provider. */
  readonly label: string;
  /** What the owner is called (organization, group, namespace, ...). */
  readonly owner: string;
  /** The accepted starts, as documented, e.g. repo:OWNER/ */
  readonly shapes: readonly string[];
  /** A pattern that is accepted. */
  readonly example: string;
  /** Matches the provider's issuer (host and path, lower-cased, without a :443 port). */
  readonly issuer: RegExp;
  /**
   * The fixed start of the sub, owner not included ("repo:"): a subject that starts so is held to
   * this format whatever the issuer (GitHub Enterprise on ghe.com, self-managed GitLab, HCP
   * Terraform Europe or Terraform Enterprise issue the same shapes from other hosts).
   */
  readonly shapeStart: RegExp;
  /**
   * Anchored at the start of the literal prefix: the provider's fixed start, the owner in the
   * owner's characters (ASCII only: no look-alike can pass), and its delimiter.
   */
  readonly pinnedOwner: RegExp;
}

/**
 * Documented `sub` formats. Sources: GitHub, "About security hardening with OpenID Connect"
 * (repo:OWNER/REPO:..., owners of letters, digits and hyphens); GitLab, "OpenID Connect (OIDC)
 * authentication using ID tokens" (project_path:GROUP/PROJECT:ref_type:...); HCP Terraform,
 * "Workload identity" (organization:ORG:project:PROJECT:workspace:WS:run_phase:...); Bitbucket
 * Pipelines, "Integrate Pipelines with resource servers using OIDC" ({REPOSITORY_UUID}:...,
 * one issuer per workspace); CircleCI, "Using OpenID Connect tokens in jobs"
 * (org/ORG_ID/project/PROJECT_ID/user/USER_ID, one issuer per organization); Amazon EKS,
 * "IAM roles for service accounts" (system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT, one
 * issuer per cluster).
 */
export const SUBJECT_FORMATS: readonly SubjectFormat[] = [
  {
    label: 'GitHub Actions',
    owner: 'owner (user or organization)',
    shapes: ['repo:OWNER/REPO:...', 'repository_owner:OWNER:...', 'repository_owner_id:ID:...'],
    example: 'repo:acme/infra:ref:refs/heads/main',
    issuer: /^token\.actions\.(githubusercontent\.com(\/[^/]+)?|[a-z0-9-]+\.ghe\.com)$/,
    shapeStart: /^(repo|repository_owner|repository_owner_id):/,
    pinnedOwner: /^(repo:[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/|repository_owner:[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}):|repository_owner_id:[0-9]{1,20}:)/,
  },
  {
    label: 'GitLab',
    owner: 'top-level group',
    shapes: ['project_path:GROUP/PROJECT:...'],
    example: 'project_path:acme/infra:ref_type:branch:ref:main',
    issuer: /^gitlab\.com$/,
    shapeStart: /^project_path:/,
    pinnedOwner: /^project_path:[A-Za-z0-9][A-Za-z0-9_.-]{0,254}\//,
  },
  {
    label: 'HCP Terraform',
    owner: 'organization',
    shapes: ['organization:ORG:project:PROJECT:workspace:WORKSPACE:run_phase:PHASE'],
    example: 'organization:acme:project:Default Project:workspace:org-trust:run_phase:*',
    issuer: /^app\.(eu\.)?terraform\.io$/,
    shapeStart: /^organization:/,
    pinnedOwner: /^organization:[A-Za-z0-9_-]{1,40}:/,
  },
  {
    label: 'Bitbucket Pipelines',
    owner: 'repository (the issuer names the workspace)',
    shapes: ['{REPOSITORY_UUID}:...'],
    example: '{0b3c7a26-5d9f-4b8e-9a41-6f2d8c1e7b55}:*',
    issuer: /^api\.bitbucket\.org\/2\.0\/workspaces\/[^/]+\/pipelines-config\/identity\/oidc$/,
    shapeStart: /^\{/,
    pinnedOwner: /^\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}:/,
  },
  {
    label: 'CircleCI',
    owner: 'organization',
    shapes: ['org/ORG_ID/project/PROJECT_ID/user/USER_ID'],
    example: 'org/6f2d8c1e-7b55-4b8e-9a41-0b3c7a265d9f/project/*',
    issuer: /^oidc\.circleci\.com\/org\/[^/]+$/,
    shapeStart: /^org\//,
    pinnedOwner: /^org\/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\//,
  },
  {
    label: 'Amazon EKS',
    owner: 'namespace (the issuer names the cluster)',
    shapes: ['system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT'],
    example: 'system:serviceaccount:deploy:org-trust',
    issuer: /^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com\/id\/[A-Za-z0-9]+$/,
    shapeStart: /^system:serviceaccount:/,
    pinnedOwner: /^system:serviceaccount:[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?:/,
  },
];

/**
 * Any other issuer: the first `/`- or `:`-delimited segment, in visible ASCII other than the
 * delimiters, and the delimiter after it, are literal.
 */
const UNKNOWN_PINNED_START = /^[\x21-\x2e\x30-\x39\x3b-\x7e]+[/:]/;

/** The characters every string a StringLike pattern matches starts with. */
export function literalPrefix(pattern: string): string {
  const wildcard = pattern.search(/[*?]/);
  return wildcard < 0 ? pattern : pattern.slice(0, wildcard);
}

/** The documented format of an issuer's `sub`, or undefined for an issuer not listed. */
export function subjectFormatOf(provider: string): SubjectFormat | undefined {
  const issuer = provider.toLowerCase().replace(/:443(?=\/|$)/, '');
  return SUBJECT_FORMATS.find((f) => f.issuer.test(issuer));
}

/** The documented format whose shape a subject has (its fixed start), whatever the issuer. */
function formatByShape(prefix: string): SubjectFormat | undefined {
  return SUBJECT_FORMATS.find((f) => f.shapeStart.test(prefix));
}

/**
 * Why `subject` may admit a token of an owner other than the one it names, or undefined when
 * it pins its owner. Pure: the config rules and the tests call it alike.
 */
export function subjectOwnerProblem(provider: string, subject: string): string | undefined {
  const prefix = literalPrefix(subject);
  const format = subjectFormatOf(provider) ?? formatByShape(prefix);
  if (format) {
    if (format.pinnedOwner.test(prefix)) return undefined;
    return `must pin the ${format.label} ${format.owner} with literal characters: start with ${format.shapes.map((s) => `"${s}"`).join(' or ')}, with no * or ? before the delimiter that ends the ${format.owner.split(' ')[0]}, in ASCII (e.g. "${format.example}"); "${subject}" can match tokens of other owners`;
  }
  if (UNKNOWN_PINNED_START.test(prefix)) return undefined;
  return `must start with a literal segment and its delimiter, such as "tenant:" or "org/" (visible ASCII, no * or ? before the first / or :), because ${provider} is not a provider whose sub format org-trust knows; "${subject}" can match tokens of any owner of that issuer`;
}
