import type { AccessReport } from './access-matrix';
import type { AccountChanges } from './account-changes';

/** A member role that changes trust stack: `null` where no trust stack holds it on that side. */
export interface RoleMove {
  readonly account: string;
  readonly from: string | null;
  readonly to: string | null;
}

/**
 * Member roles whose trust stack differs between the two synths, by head account name
 * (renames applied). A role's state lives in its stack, so a role leaving one is destroyed by
 * that stack's apply unless a removed block forgets it there. Roles of accounts created or
 * imported in this change, and of accounts retired or dropped, are reported as such, not here.
 */
export function roleMoves(base: AccessReport, head: AccessReport, renames: ReadonlyMap<string, string>, accounts: AccountChanges): RoleMove[] {
  const stacks = (report: AccessReport, rename: (name: string) => string) => new Map(report.accounts.map((a) => [rename(a.name), a.stack] as const));
  const before = stacks(base, (name) => renames.get(name) ?? name);
  const after = stacks(head, (name) => name);
  const reported = new Set([...accounts.created, ...accounts.imported, ...accounts.retired, ...accounts.dropped].map((a) => a.account));
  const moves: RoleMove[] = [];
  for (const account of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const [from, to] = [before.get(account) ?? null, after.get(account) ?? null];
    if (from !== to && !reported.has(account)) moves.push({ account, from, to });
  }
  return moves;
}
