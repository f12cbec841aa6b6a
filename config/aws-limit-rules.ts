import { findDuplicates, type Issue } from './find-duplicates';
import { groupPolicyName } from './iam-names';
import type { OrganizationalUnitInput, ParsedOrgConfig } from './schema';

/**
 * AWS quotas and uniqueness rules that apply would otherwise meet only at apply time, half
 * way through: "Quotas for AWS Organizations" (OU nesting) and "IAM and AWS STS quotas"
 * (groups per user), and IAM's unique policy names.
 */
export const AWS_LIMITS = {
  /** Organizations: OUs nest at most five levels below the root. */
  ouDepth: 5,
  /** IAM: a user is a member of at most 10 groups. */
  groupsPerUser: 10,
} as const;

export function awsLimitIssues(config: ParsedOrgConfig): Issue[] {
  return [...ouDepthIssues(config), ...groupsPerUserIssues(config), ...groupAccountIssues(config), ...policyNameIssues(config)];
}

function ouDepthIssues(config: ParsedOrgConfig): Issue[] {
  const issues: Issue[] = [];
  const walk = (units: readonly OrganizationalUnitInput[], path: (string | number)[], depth: number) =>
    units.forEach((unit, i) => {
      if (depth > AWS_LIMITS.ouDepth) {
        issues.push({ path: [...path, i, 'name'], message: `OU "${unit.name}" is ${depth} levels below the root; AWS Organizations nests OUs at most ${AWS_LIMITS.ouDepth} levels deep` });
        return;
      }
      walk(unit.children ?? [], [...path, i, 'children'], depth + 1);
    });
  walk(config.organization.organizationalUnits, ['organization', 'organizationalUnits'], 1);
  return issues;
}

/** Every identity user is also in the MFA self-service group, which counts against the quota. */
function groupsPerUserIssues(config: ParsedOrgConfig): Issue[] {
  const counts = new Map<string, number>();
  const issues: Issue[] = [];
  config.identity.groups.forEach((group, g) =>
    group.users.forEach((user, u) => {
      const key = user.toLowerCase();
      const count = (counts.get(key) ?? 1) + 1;
      counts.set(key, count);
      if (count === AWS_LIMITS.groupsPerUser + 1) {
        issues.push({
          path: ['identity', 'groups', g, 'users', u],
          message: `user "${user}" would be in ${count} groups with this one (mfa-self-service included); IAM allows at most ${AWS_LIMITS.groupsPerUser} groups per user`,
        });
      }
    }),
  );
  return issues;
}

function groupAccountIssues(config: ParsedOrgConfig): Issue[] {
  return config.identity.groups.flatMap((group, g) =>
    findDuplicates(group.accounts, (a) => a, (i) => ['identity', 'groups', g, 'accounts', i], (v, first) => `account "${v}" is listed twice in this group (first at ${first})`),
  );
}

/** Group policy names are cut to IAM's 128 characters: two long group names may meet. */
function policyNameIssues(config: ParsedOrgConfig): Issue[] {
  const role = config.organization.crossAccountRoleName;
  return findDuplicates(
    config.identity.groups,
    (g) => groupPolicyName(g.name, role, 1).toLowerCase(),
    (i) => ['identity', 'groups', i, 'name'],
    (v, first) => `the group's IAM policy name "${v}" is the same as that of the group at ${first} (policy names are cut to 128 characters); shorten one of the names`,
  );
}
