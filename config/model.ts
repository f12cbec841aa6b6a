import type { DeclaredPrincipal } from './declared-principals';
import type { ParsedOrgConfig } from './schema';

/** One AWS account as the stacks see it: the config entry plus what is derived from it. */
export interface Account {
  readonly name: string;
  /** Stable Terraform key derived from the name (see terraformKey). */
  readonly key: string;
  readonly email: string;
  readonly id?: string;
  /** OU path such as "Workloads/Prod"; undefined for the organization root. */
  readonly ou?: string;
  readonly iamUserAccessToBilling: 'ALLOW' | 'DENY';
  readonly closeOnDeletion: boolean;
  readonly tags: Readonly<Record<string, string>>;
  readonly retired: boolean;
  /** The previous name and its Terraform key, where the account was renamed. */
  readonly renamedFrom?: { readonly name: string; readonly key: string };
}

export interface OrganizationalUnit {
  readonly name: string;
  /** Full path from the root, e.g. "Workloads/Prod". */
  readonly path: string;
  readonly key: string;
  readonly parentPath?: string;
  /** An existing OU, imported rather than created. */
  readonly id?: string;
  /** Retired itself or under a retired OU: Terraform forgets it, AWS keeps it. */
  readonly retired: boolean;
  /** The path before a rename of this OU or of an OU above it; set only where it differs from `path`. */
  readonly previousPath?: string;
}

/** A group of people in the identity account as configured (the construct is constructs/identity-group.ts). */
export interface IdentityGroupConfig {
  readonly name: string;
  readonly key: string;
  readonly users: readonly string[];
  /**
   * Names of the member accounts the group may enter, as the config places them: "*" and OUs
   * expanded, retired accounts left out, in config order.
   */
  readonly accounts: readonly string[];
  /** True where the config said "*": granted by organization (aws:ResourceOrgID), not by list. */
  readonly allAccounts: boolean;
  /** The accounts the config names (not "*"): granted by account id. */
  readonly namedAccounts: readonly string[];
  /** OU paths of `ous`: granted by organization path, each OU and every OU below it. */
  readonly ous: readonly string[];
}

export interface PasswordPolicy {
  readonly minimumLength: number;
  readonly requireUppercase: boolean;
  readonly requireLowercase: boolean;
  readonly requireNumbers: boolean;
  readonly requireSymbols: boolean;
  readonly allowUsersToChangePassword: boolean;
  readonly maxAgeDays: number;
  readonly reusePrevention: number;
  readonly hardExpiry: boolean;
}

export type BackendConfig = ParsedOrgConfig['backend'];

/** The validated, normalized organization: the only input the stacks and the CLI take. */
export interface OrgConfig {
  readonly organization: {
    readonly managementAccountId: string;
    readonly id?: string;
    readonly region: string;
    /** The cross-account role Organizations created in every member account (YAML: organization.crossAccountRoleName). */
    readonly memberRoleName: string;
    /** Parents before children, in config order. */
    readonly organizationalUnits: readonly OrganizationalUnit[];
    /** Centralized root access for member accounts: the management stack enables it. */
    readonly centralRootAccess: boolean;
  };
  readonly identityAccount: Account;
  /** Member accounts in config order, retired ones included. */
  readonly accounts: readonly Account[];
  readonly management: {
    readonly groupName: string;
    readonly createAccountRoleName: string;
    readonly users: readonly string[];
    readonly passwordPolicy: PasswordPolicy;
    /** The group whose users alone may call sts:AssumeRoot, with MFA. */
    readonly breakGlass?: { readonly groupName: string; readonly users: readonly string[] };
  };
  readonly identity: {
    /** Identity users reach member roles only with MFA (YAML: identity.requireMfa). */
    readonly denyWithoutMfa: boolean;
    readonly mfaMaxAgeSeconds?: number;
    readonly passwordPolicy: PasswordPolicy;
    readonly groups: readonly IdentityGroupConfig[];
  };
  readonly trust: {
    readonly shardSize: number;
    /** Extra trusted principals, in config order (their statements' order). */
    readonly principals: readonly DeclaredPrincipal[];
    /** The guard SCP and the runner's session name kept for the management account (docs/trust-guard.md). */
    readonly guard: boolean;
  };
  /** Terraform settings written into every stack: the hashicorp/aws version constraint. */
  readonly terraform: { readonly awsProviderVersion: string };
  readonly backend: BackendConfig;
}

/** Member accounts that are still managed (not retired). */
export function activeAccounts(config: OrgConfig): Account[] {
  return config.accounts.filter((a) => !a.retired);
}

/** Whether the account at `ou` (undefined: the root) is in the OU at `path` or below it. */
export function isInOu(ou: string | undefined, path: string): boolean {
  return ou !== undefined && (ou === path || ou.startsWith(`${path}/`));
}

/** Levels below the root of an OU path: "Workloads/Prod" is 2. */
export const ouDepth = (path: string) => path.split('/').length;

/** Identity-account user names, each once, sorted. */
export function identityUsers(config: OrgConfig): string[] {
  return [...new Set(config.identity.groups.flatMap((g) => g.users))].sort();
}
