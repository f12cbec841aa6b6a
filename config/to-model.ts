import { toDeclaredPrincipal } from './declared-principals';
import { terraformKey } from './iam-names';
import { isInOu, type Account, type IdentityGroupConfig, type OrgConfig } from './model';
import { flattenUnits } from './ou-tree';
import type { ParsedOrgConfig } from './schema';

/** Turns the schema's output, already checked by the cross-field rules, into the model. */
export function toModel(parsed: ParsedOrgConfig): OrgConfig {
  const accounts = parsed.accounts.map((a) => toAccount(a, a.retired));
  const active = accounts.filter((a) => !a.retired);
  /** Config order; "*" and OUs expanded, retired accounts left out. */
  const reach = (g: ParsedOrgConfig['identity']['groups'][number]) => {
    if (g.accounts.includes('*')) return active.map((a) => a.name);
    const named = new Set(g.accounts);
    return active.filter((a) => named.has(a.name) || g.ous.some((ou) => isInOu(a.ou, ou))).map((a) => a.name);
  };
  return {
    organization: {
      managementAccountId: parsed.organization.managementAccountId,
      id: parsed.organization.id,
      region: parsed.organization.region,
      // The YAML key stays `crossAccountRoleName` (users' files); inside, it is the member accounts' role.
      memberRoleName: parsed.organization.crossAccountRoleName,
      organizationalUnits: flattenUnits(parsed.organization.organizationalUnits),
      centralRootAccess: parsed.organization.centralRootAccess,
    },
    identityAccount: toAccount(parsed.identityAccount, false),
    accounts,
    management: parsed.management,
    identity: {
      // The YAML key stays `requireMfa` (users' files); inside, the name says what it does.
      denyWithoutMfa: parsed.identity.requireMfa,
      mfaMaxAgeSeconds: parsed.identity.mfaMaxAgeSeconds,
      passwordPolicy: parsed.identity.passwordPolicy,
      groups: parsed.identity.groups.map(
        (g): IdentityGroupConfig => ({
          name: g.name,
          key: terraformKey(g.name),
          users: g.users,
          allAccounts: g.accounts.includes('*'),
          accounts: reach(g),
          namedAccounts: g.accounts.filter((a) => a !== '*'),
          ous: g.ous,
        }),
      ),
    },
    trust: { shardSize: parsed.trust.shardSize, principals: parsed.trust.principals.map(toDeclaredPrincipal), guard: parsed.trust.guard },
    terraform: parsed.terraform,
    backend: parsed.backend,
  };
}

function toAccount(a: ParsedOrgConfig['identityAccount'], retired: boolean): Account {
  return {
    name: a.name,
    key: terraformKey(a.name),
    email: a.email,
    id: a.id,
    ou: a.ou,
    iamUserAccessToBilling: a.iamUserAccessToBilling,
    closeOnDeletion: a.closeOnDeletion,
    tags: a.tags,
    retired,
    renamedFrom: a.renamedFrom === undefined ? undefined : { name: a.renamedFrom, key: terraformKey(a.renamedFrom) },
  };
}
