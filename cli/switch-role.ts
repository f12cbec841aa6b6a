import type { RoleProfile } from './aws-profiles';

/** The console's limit for the display name shown after switching. */
const DISPLAY_NAME_MAX = 64;

/** The runbook's console URL: https://signin.aws.amazon.com/switchrole?roleName=ROLE&account=ID, plus a display name. */
export function switchRoleUrl(props: { roleName: string; accountId: string; displayName?: string }): string {
  const params = [`roleName=${encodeURIComponent(props.roleName)}`, `account=${encodeURIComponent(props.accountId)}`];
  if (props.displayName) params.push(`displayName=${encodeURIComponent(props.displayName.slice(0, DISPLAY_NAME_MAX))}`);
  return `https://signin.aws.amazon.com/switchrole?${params.join('&')}`;
}

/** One line per role profile: "NAME URL", the display name being the profile name. */
export function renderLinks(roles: readonly RoleProfile[]): string {
  const width = Math.max(0, ...roles.map((r) => r.name.length));
  return roles
    .map((r) => `${r.name.padEnd(width)}  ${switchRoleUrl({ roleName: r.roleName, accountId: r.accountId, displayName: r.name })}\n`)
    .join('');
}
