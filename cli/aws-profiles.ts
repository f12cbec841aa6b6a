import type { OrgConfig } from '../config/model';
import { roleArn } from '../policies/document';
import type { UserAccess } from '../access/user-access';

/** The profile name suffix of the runbook's create-account role profile. */
export const CREATE_ACCOUNT_PROFILE_SUFFIX = 'assumerole-create_account';

/** A profile holding the user's long-term credentials (aws-vault add NAME). */
export interface SourceProfile {
  readonly kind: 'source';
  readonly name: string;
  readonly accountName: string;
  readonly accountId: string;
  readonly userName: string;
  readonly mfaSerial: string;
  readonly region: string;
}

/** A profile that assumes a role from a source profile. */
export interface RoleProfile {
  readonly kind: 'role';
  readonly name: string;
  readonly accountName: string;
  readonly accountId: string;
  readonly roleName: string;
  readonly roleArn: string;
  readonly sourceProfile: string;
  /** aws-vault does not inherit mfa_serial from the source profile: every profile repeats it. */
  readonly mfaSerial: string;
  readonly region: string;
}

export type AwsProfile = SourceProfile | RoleProfile;

const mfaSerialArn = (accountId: string, user: string) => `arn:aws:iam::${accountId}:mfa/${user}`;

/**
 * "ACCOUNT01" -> "account01"; characters other than a-z 0-9 _ - become "-". The config
 * refuses account names that differ only in case and punctuation (their Terraform keys
 * would clash), so slugs of different accounts differ.
 */
function profileSlug(accountName: string): string {
  return accountName.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'account';
}

/** Account names the profiles of `access` need ids for (the management id is always in the config). */
export function accountsNeeded(access: UserAccess, config: OrgConfig): string[] {
  const names = [...(access.identity ? [config.identityAccount.name, ...access.identity.accounts] : []), ...(access.management?.accounts ?? [])];
  return [...new Set(names)];
}

/**
 * aws-vault profiles for one user, in a stable order: identity source profile and its role
 * profiles, then the management ("billing") profile, its create-account role profile and
 * its role profiles. `ids` must hold every name of accountsNeeded. Profile names are unique:
 * see withUniqueNames.
 */
export function buildProfiles(config: OrgConfig, access: UserAccess, ids: ReadonlyMap<string, string>): AwsProfile[] {
  const region = config.organization.region;
  const crossRole = config.organization.memberRoleName;
  const idOf = (name: string) => {
    const id = ids.get(name);
    if (!id) throw new Error(`no id for account ${name}`);
    return id;
  };
  const profiles: AwsProfile[] = [];

  const roleProfiles = (source: SourceProfile, accounts: readonly string[], prefix: string) => {
    for (const accountName of accounts) {
      const accountId = idOf(accountName);
      profiles.push({
        kind: 'role',
        name: `${prefix}-${profileSlug(accountName)}`,
        accountName,
        accountId,
        roleName: crossRole,
        roleArn: roleArn(accountId, crossRole),
        sourceProfile: source.name,
        mfaSerial: source.mfaSerial,
        region,
      });
    }
  };

  if (access.identity) {
    const accountId = idOf(config.identityAccount.name);
    const source: SourceProfile = {
      kind: 'source',
      name: access.user,
      accountName: config.identityAccount.name,
      accountId,
      userName: access.user,
      mfaSerial: mfaSerialArn(accountId, access.user),
      region,
    };
    profiles.push(source);
    roleProfiles(source, access.identity.accounts, access.user);
  }

  if (access.management) {
    const accountId = config.organization.managementAccountId;
    const billing = `${access.user}-billing`;
    const source: SourceProfile = {
      kind: 'source',
      name: billing,
      accountName: 'management',
      accountId,
      userName: access.user,
      mfaSerial: mfaSerialArn(accountId, access.user),
      region,
    };
    profiles.push(source);
    const createRole = config.management.createAccountRoleName;
    profiles.push({
      kind: 'role',
      name: `${billing}-${CREATE_ACCOUNT_PROFILE_SUFFIX}`,
      accountName: 'management',
      accountId,
      roleName: createRole,
      roleArn: roleArn(accountId, createRole),
      sourceProfile: billing,
      mfaSerial: source.mfaSerial,
      region,
    });
    roleProfiles(source, access.management.accounts, billing);
  }
  return withUniqueNames(profiles, (p) => p.kind === 'role' && p.roleName === crossRole);
}

/**
 * Profiles with unique names. The names a user types (source profiles, the create-account
 * role profile) never change; a cross-account role profile whose name another profile also
 * has gets "-<account id>" appended, for example an identity role profile "alice-billing"
 * for an account named "billing" next to the management source profile "alice-billing".
 * Repeated until no name is shared (a renamed profile may meet another name).
 */
function withUniqueNames(profiles: readonly AwsProfile[], renamable: (p: AwsProfile) => boolean): AwsProfile[] {
  let result = [...profiles];
  for (let pass = 0; pass <= profiles.length; pass++) {
    const count = new Map<string, number>();
    for (const p of result) count.set(p.name, (count.get(p.name) ?? 0) + 1);
    if (result.every((p) => count.get(p.name) === 1)) return result;
    result = result.map((p) => (count.get(p.name)! > 1 && renamable(p) ? { ...p, name: `${p.name}-${p.accountId}` } : p));
  }
  throw new Error(`aws-config: cannot give every profile a unique name: ${result.map((p) => p.name).join(', ')}`);
}

