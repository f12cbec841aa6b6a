import { activeAccounts, identityUsers, type OrgConfig } from '../config/model';
import { CliError } from '../errors/user-errors';

/** What one user may reach, according to the config. */
export interface UserAccess {
  readonly user: string;
  /** Set when the user lives in the identity account: the member accounts of their groups, in config order. */
  readonly identity?: { readonly groups: readonly string[]; readonly accounts: readonly string[] };
  /**
   * Set when the user lives in the management account: the runbook's group reaches the
   * cross-account role of every account of the organization (identity and members).
   */
  readonly management?: { readonly accounts: readonly string[] };
}

function knownUsers(config: OrgConfig): string[] {
  return [...new Set([...config.management.users, ...identityUsers(config)])].sort();
}

/** Throws a CliError naming the known users when `user` is in neither account. */
export function userAccess(config: OrgConfig, user: string): UserAccess {
  const groups = config.identity.groups.filter((g) => g.users.includes(user));
  const isIdentity = groups.length > 0;
  const isManagement = config.management.users.includes(user);
  if (!isIdentity && !isManagement) {
    const known = knownUsers(config);
    throw new CliError(
      `--user: unknown user "${user}". Known users: ${known.length ? known.join(', ') : '(none: add management.users or identity.groups[].users to the config)'}`,
    );
  }
  const active = activeAccounts(config);
  const inGroups = new Set(groups.flatMap((g) => g.accounts));
  return {
    user,
    ...(isIdentity
      ? { identity: { groups: groups.map((g) => g.name), accounts: active.filter((a) => inGroups.has(a.name)).map((a) => a.name) } }
      : {}),
    ...(isManagement ? { management: { accounts: [config.identityAccount.name, ...active.map((a) => a.name)] } } : {}),
  };
}
