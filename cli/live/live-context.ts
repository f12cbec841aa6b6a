import type { Account, OrgConfig } from '../../config/model';
import { activeAccounts } from '../../config/model';
import { loadConfig } from '../../config/load-config';
import { readSynthOut } from '../synth-output';
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
}

/** Config, synthesized stacks and the live organization, read once for preflight and verify. */
export async function loadLiveContext(options: LiveCommandOptions): Promise<LiveContext> {
  const config = loadConfig(options.config);
  const stacks = readSynthOut(options.out);
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
  return { config, clients, org, accounts, synthesized: new SynthesizedPolicies(stacks, idByName, liveOrganizationPaths(org, config.organization.organizationalUnits)) };
}
