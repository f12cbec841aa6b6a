import type { LiveClients } from '../live/aws-clients';
import { readMemberRole } from '../live/member-role';
import { mapPool } from '../live/pool';
import { Progress } from '../live/progress';

/** Roles that give the management account its way into member accounts: Organizations' own, Control Tower's. */
export const ROLE_CANDIDATES = ['OrganizationAccountAccessRole', 'AWSControlTowerExecution'] as const;

export interface RoleDetection {
  /** The role the most accounts have (the first candidate on a tie or where none has one). */
  readonly memberRoleName: string;
  /** Accounts (name) where the runner could not assume and read that role. */
  readonly without: readonly string[];
  readonly checked: number;
}

/**
 * The cross-account role name the members share: in each account, the first candidate the
 * runner can assume and read (GetRole). Reading matters: an emulator lets AssumeRole succeed
 * where no role exists.
 */
export async function detectMemberRoleName(
  clients: LiveClients,
  accounts: readonly { readonly id: string; readonly name: string }[],
  candidates: readonly string[],
  options: { readonly concurrency: number; readonly quiet?: boolean },
): Promise<RoleDetection> {
  const progress = new Progress('detecting the cross-account role', accounts.length, process.stderr, options.quiet);
  const found = await mapPool(
    accounts,
    options.concurrency,
    async (account) => {
      for (const name of candidates) if ((await readMemberRole(clients, account.id, name, 'org-trust-discover')).ok) return name;
      return undefined;
    },
    progress.tick,
  );
  const counts = candidates.map((name) => ({ name, count: found.filter((f) => f === name).length }));
  const memberRoleName = counts.reduce((best, c) => (c.count > best.count ? c : best), counts[0]).name;
  return { memberRoleName, without: accounts.filter((_, i) => found[i] !== memberRoleName).map((a) => a.name), checked: accounts.length };
}
