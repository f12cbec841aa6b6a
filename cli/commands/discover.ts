import { discoveredConfigYaml } from '../discover/discovered-config';
import { detectMemberRoleName, ROLE_CANDIDATES } from '../discover/role-detection';
import { checkDiscoverTargets, writeDiscovered } from '../discover/write-discovered';
import { LiveClients } from '../live/aws-clients';
import type { CommandResult } from '../live/command-result';
import { readOrganization, type LiveAccount } from '../live/live-organization';
import { UsageError } from '../../errors/user-errors';

export interface DiscoverOptions {
  readonly config: string;
  readonly region: string;
  readonly profile?: string;
  readonly identityAccount: string;
  readonly roleName?: string;
  readonly force: boolean;
  readonly concurrency: number;
  readonly quiet?: boolean;
}

function pickIdentity(active: readonly LiveAccount[], wanted: string, managementId: string): LiveAccount {
  const matches = active.filter((a) => a.id === wanted || a.name === wanted);
  const choices = active.filter((a) => a.id !== managementId).map((a) => `${a.name} (${a.id})`);
  const shown = choices.length > 20 ? `${choices.slice(0, 20).join(', ')}, ...` : choices.join(', ');
  if (matches.length !== 1) {
    const why = matches.length ? `names ${matches.length} accounts; give its id` : 'is not an ACTIVE account of the organization';
    throw new UsageError(`--identity-account ${wanted} ${why}; choose one of: ${shown}`);
  }
  if (matches[0].id === managementId) throw new UsageError(`--identity-account ${wanted} is the management account; choose a member account: ${shown}`);
  return matches[0];
}

/** Reads the organization and writes org.yaml and its lock so that the first synth imports everything. */
export async function discoverCommand(options: DiscoverOptions): Promise<CommandResult> {
  // Before minutes of AWS reads at 1,000 accounts: may the files be written at all?
  checkDiscoverTargets(options.config, options.force);
  const clients = new LiveClients({ region: options.region, profile: options.profile });
  const org = await readOrganization(clients.organizations, { concurrency: options.concurrency, withTags: true, quiet: options.quiet });
  const active = org.accounts.filter((a) => a.status === 'ACTIVE');
  const identity = pickIdentity(active, options.identityAccount, org.managementAccountId);
  const members = active.filter((a) => a.id !== org.managementAccountId && a.id !== identity.id);
  const leftOut = org.accounts.filter((a) => a.status !== 'ACTIVE');
  const role = await detectMemberRoleName(clients, [identity, ...members], options.roleName ? [options.roleName] : ROLE_CANDIDATES, options);
  const text = discoveredConfigYaml({ org, region: options.region, identity, members, leftOut, role });
  const { lockPath, stacks } = writeDiscovered(options.config, text, options.force);
  return { exitCode: 0, lines: discoverLines({ config: options.config, lockPath, orgId: org.id, ous: org.ous.length, identity, members: members.length, stacks, role, leftOut }) };
}

/** What discover wrote and found, a line each (commandOutput escapes the names). */
export function discoverLines(d: {
  readonly config: string;
  readonly lockPath: string;
  readonly orgId: string;
  readonly ous: number;
  readonly identity: LiveAccount;
  readonly members: number;
  readonly stacks: number;
  readonly role: { readonly memberRoleName: string; readonly without: readonly string[]; readonly checked: number };
  readonly leftOut: readonly LiveAccount[];
}): string[] {
  const { identity, role, leftOut } = d;
  return [
    `Wrote ${d.config} and ${d.lockPath} from organization ${d.orgId}:`,
    `  ${d.ous} OUs, identity account ${identity.name} (${identity.id}), ${d.members} member accounts in ${d.stacks} trust stacks`,
    `  cross-account role ${role.memberRoleName}: ${role.without.length ? `not found in ${role.without.length} accounts (${role.without.join(', ')})` : `found in all ${role.checked} accounts`}`,
    leftOut.length ? `  left out (not ACTIVE): ${leftOut.map((a) => `${a.name} (${a.id}, ${a.status})`).join(', ')}` : '  left out: none',
    'Next: add people under identity.groups and management.users, then `npm run synth` and `npx org-trust preflight` (it checks what synth wrote against the organization).',
  ];
}
