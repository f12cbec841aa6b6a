import { RUNNER_SESSION_NAME } from '../policies/runner-session';
import type { Issue } from './find-duplicates';
import type { ParsedOrgConfig } from './schema';

/**
 * Rules of trust.guard and of the break-glass group. With the guard on, no user may carry the
 * runner's session name: the trust already keeps that name for the management account, and a
 * user named so would make CloudTrail ambiguous (defence in depth). The break-glass group is
 * for sts:AssumeRoot, which exists only with centralized root access, and holds management
 * users (it is made beside them in the management account).
 */
export function guardIssues(config: ParsedOrgConfig): Issue[] {
  const issues: Issue[] = [];
  if (config.trust.guard) {
    const taken = (name: string) => name.toLowerCase() === RUNNER_SESSION_NAME.toLowerCase();
    const message = (u: string) => `"${u}" is the session name of the org-trust runner ("${RUNNER_SESSION_NAME}", in any case), which trust.guard keeps for the management account; choose another user name`;
    config.management.users.forEach((u, i) => taken(u) && issues.push({ path: ['management', 'users', i], message: message(u) }));
    config.identity.groups.forEach((g, gi) => g.users.forEach((u, ui) => taken(u) && issues.push({ path: ['identity', 'groups', gi, 'users', ui], message: message(u) })));
  }
  const breakGlass = config.management.breakGlass;
  if (breakGlass) {
    if (!config.organization.centralRootAccess) {
      issues.push({ path: ['management', 'breakGlass'], message: 'needs organization.centralRootAccess: true (sts:AssumeRoot exists only with centralized root access)' });
    }
    const users = new Set(config.management.users);
    breakGlass.users.forEach((u, i) => users.has(u) || issues.push({ path: ['management', 'breakGlass', 'users', i], message: `"${u}" is not in management.users; the break-glass group holds management users` }));
    if (breakGlass.groupName.toLowerCase() === config.management.groupName.toLowerCase()) {
      issues.push({ path: ['management', 'breakGlass', 'groupName'], message: `"${breakGlass.groupName}" is management.groupName; the break-glass group must be a group of its own` });
    }
  }
  return issues;
}
