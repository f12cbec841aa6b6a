import type { OrganizationalUnitInput } from '../../config/schema';
import type { OrgInput } from './org-inputs';

/** The OU tree of an input (the schema types the lazy tree's input as unknown). */
export const unitsOf = (input: OrgInput) => (input.organization.organizationalUnits ?? []) as OrganizationalUnitInput[];

/** Edits the OU tree with `edit` and rewrites every account's `ou`, and every group's `ous`, with `moveAccount`. */
export function editOus(
  input: OrgInput,
  edit: (units: OrganizationalUnitInput[]) => OrganizationalUnitInput[],
  moveAccount: (ou: string) => string = (ou) => ou,
): OrgInput {
  const move = <T extends { ou?: string }>(a: T): T => (a.ou === undefined ? a : { ...a, ou: moveAccount(a.ou) });
  return {
    ...input,
    organization: { ...input.organization, organizationalUnits: edit(unitsOf(input)) },
    identityAccount: move(input.identityAccount),
    accounts: input.accounts.map(move),
    identity: {
      ...input.identity,
      groups: (input.identity?.groups ?? []).map((g) => (g.ous ? { ...g, ous: g.ous.map(moveAccount) } : g)),
    },
  };
}

export const renameUnit = (units: OrganizationalUnitInput[], path: string[], to: string, withRenamedFrom = true): OrganizationalUnitInput[] =>
  units.map((u) => {
    if (u.name !== path[0]) return u;
    if (path.length > 1) return { ...u, children: renameUnit(u.children ?? [], path.slice(1), to, withRenamedFrom) };
    return { ...u, name: to, ...(withRenamedFrom ? { renamedFrom: u.name } : {}) };
  });

