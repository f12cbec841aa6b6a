import type { LiveContext } from './live-context';
import type { SynthesizedIdentity } from './live-grants';
import type { SynthesizedGroup } from './synthesized-policies';
import type { TrustDriftContext } from './trust-drift';

/** What verify's checks of the member, identity and management sides share. */

/** Principals as a reviewer knows them: the management account, the identity account, accounts of the config by name. */
export function principalNamer(ctx: LiveContext): TrustDriftContext['principalName'] {
  return namePrincipals(ctx.org.managementAccountId, ctx.accounts.filter((m) => m.id).map((m) => ({ id: m.id!, name: m.account.name, isIdentity: m.isIdentity })));
}

/** The same, from ids and names alone. */
export function namePrincipals(managementAccountId: string, accounts: readonly { readonly id: string; readonly name: string; readonly isIdentity: boolean }[]): TrustDriftContext['principalName'] {
  const names = new Map(accounts.map((a) => [a.id, a.isIdentity ? `the identity account ${a.name}` : `account ${a.name}`]));
  names.set(managementAccountId, 'the management account');
  return (type, value) => {
    const root = /^arn:aws[a-z-]*:iam::(\d{12}):root$/.exec(value)?.[1];
    const name = type === 'AWS' && root ? names.get(root) : undefined;
    return name ? `${name} (${root})` : `${type} ${value}`;
  };
}

/** What the synthesized groups and users hold, for the grants Terraform does not manage. */
export function synthesizedPeople(groups: readonly SynthesizedGroup[]): SynthesizedIdentity {
  const users = new Map<string, Set<string>>();
  for (const g of groups) for (const u of g.users) users.set(u, (users.get(u) ?? new Set()).add(g.name));
  return { groups: new Map(groups.map((g) => [g.name, new Set(g.policies.map((p) => p.name))])), users };
}

/** The member roles by account name, for "can now assume … in N member accounts". */
export function memberRoleArns(ctx: LiveContext): Map<string, string> {
  const memberRoleName = ctx.config.organization.memberRoleName;
  return new Map(ctx.accounts.filter((a) => !a.isIdentity && a.id).map((a) => [a.account.name, `arn:aws:iam::${a.id}:role/${memberRoleName}`]));
}

