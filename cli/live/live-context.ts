import type { Account, OrgConfig } from '../../config/model';
import { activeAccounts } from '../../config/model';
import { loadOrg } from '../../lock/load-org';
import { accountsInManagementState } from '../../lock/management-state';
import { localStateDirs } from '../../lock/state-location';
import { MANAGEMENT_STACK } from '../../stacks/stack-names';
import { checkSynthOrigin } from '../synth-origin';
import { readSynthOut } from '../../access/synth-output';
import { LiveClients } from './aws-clients';
import { readOrganization, type LiveAccount, type LiveOrganization } from './live-organization';
import { SynthesizedPolicies, liveOrganizationPaths } from './synthesized-policies';

export interface LiveCommandOptions {
  readonly config: string;
  /** The directory cdktf synthesized into. */
  readonly out: string;
  readonly region?: string;
  readonly profile?: string;
  readonly concurrency: number;
  /** No progress output (JSON on stdout is for machines; progress still goes to stderr otherwise). */
  readonly quiet?: boolean;
}

/** A configured account and what the organization holds for it. */
export interface MatchedAccount {
  readonly account: Account;
  readonly isIdentity: boolean;
  /** The organization's account: by the configured id, else by email (an account an earlier apply created). */
  readonly live?: LiveAccount;
  /** The configured id, else the live one. */
  readonly id?: string;
}

export interface LiveContext {
  readonly config: OrgConfig;
  readonly clients: LiveClients;
  readonly org: LiveOrganization;
  /** The identity account first, then the managed members in config order. */
  readonly accounts: readonly MatchedAccount[];
  readonly synthesized: SynthesizedPolicies;
  /**
   * Account keys the management stack's local state holds; undefined where there is no local
   * state to read (a remote backend, or no apply from here yet).
   */
  readonly accountsInState?: ReadonlySet<string>;
  /** Accounts of the organization by name, for configured accounts written without an id. */
  readonly liveByName: ReadonlyMap<string, LiveAccount>;
}

/** Config, synthesized stacks and the live organization, read once for preflight and verify. */
export async function loadLiveContext(options: LiveCommandOptions): Promise<LiveContext> {
  const loaded = loadOrg(options.config);
  const { config } = loaded;
  const stacks = readSynthOut(options.out);
  // A stale synth describes another apply: refuse it before any AWS call, as report does.
  checkSynthOrigin(options.out, stacks, loaded);
  const clients = new LiveClients({ region: options.region ?? config.organization.region, profile: options.profile });
  const org = await readOrganization(clients.organizations, { concurrency: options.concurrency, quiet: options.quiet });
  const byId = new Map(org.accounts.map((a) => [a.id, a]));
  const byEmail = new Map(org.accounts.map((a) => [a.email.toLowerCase(), a]));
  const match = (account: Account, isIdentity: boolean): MatchedAccount => {
    const live = account.id ? byId.get(account.id) : byEmail.get(account.email.toLowerCase());
    return { account, isIdentity, live, id: account.id ?? live?.id };
  };
  const accounts = [match(config.identityAccount, true), ...activeAccounts(config).map((a) => match(a, false))];
  const idByName = new Map(accounts.flatMap((m) => (m.id ? [[m.account.name, m.id] as const] : [])));
  const accountsInState = accountsInManagementState(localStateDirs(options.config, options.out), MANAGEMENT_STACK);
  const liveByName = new Map(org.accounts.map((a) => [a.name, a]));
  return { config, clients, org, accounts, accountsInState, liveByName, synthesized: new SynthesizedPolicies(stacks, idByName, liveOrganizationPaths(org, config.organization.organizationalUnits)) };
}
