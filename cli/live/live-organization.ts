import {
  DescribeOrganizationCommand,
  ListRootsCommand,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
  paginateListTagsForResource,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { awsCall } from './aws-error';
import { mapPool } from './pool';
import { Progress } from './progress';

export interface LiveOu {
  readonly id: string;
  readonly name: string;
  /** Path of names from the root, e.g. "Workloads/Prod". */
  readonly path: string;
  readonly parentId: string;
}

export interface LiveAccount {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  /** ACTIVE, SUSPENDED or PENDING_CLOSURE. */
  readonly status: string;
  readonly parentId: string;
  /** OU path; undefined directly under the root. */
  readonly ou?: string;
  /** Only when read with tags. */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface LiveOrganization {
  readonly id: string;
  readonly managementAccountId: string;
  readonly featureSet: string;
  readonly rootId: string;
  /** Policy types enabled on the root (SERVICE_CONTROL_POLICY, ...), from ListRoots. */
  readonly rootPolicyTypes: readonly string[];
  /** Parents before children, siblings by name. */
  readonly ous: readonly LiveOu[];
  /** Every account including the management account, by name. */
  readonly accounts: readonly LiveAccount[];
}

/** Every item of a paginated AWS call, as one AwsCallError-mapped call. */
export async function collect<P, T>(api: string, pages: AsyncIterable<P>, pick: (page: P) => T[] | undefined, about?: string): Promise<T[]> {
  return awsCall(
    api,
    async () => {
      const out: T[] = [];
      for await (const page of pages) out.push(...(pick(page) ?? []));
      return out;
    },
    about,
  );
}

export interface ReadOptions {
  readonly concurrency: number;
  readonly withTags?: boolean;
  readonly quiet?: boolean;
}

/**
 * Reads the organization as it is: DescribeOrganization, ListRoots, the OU tree level by
 * level (ListOrganizationalUnitsForParent), the accounts of every parent
 * (ListAccountsForParent, which carries status and so spares a ListParents per account),
 * and, when asked, every account's tags (ListTagsForResource).
 */
export async function readOrganization(client: OrganizationsClient, options: ReadOptions): Promise<LiveOrganization> {
  const { Organization } = await awsCall('organizations:DescribeOrganization', () => client.send(new DescribeOrganizationCommand({})));
  const { Roots } = await awsCall('organizations:ListRoots', () => client.send(new ListRootsCommand({})));
  const rootId = Roots?.[0]?.Id;
  if (!Organization?.Id || !Organization.MasterAccountId || !rootId) throw new Error('organizations:DescribeOrganization/ListRoots returned no organization or root');

  const ous: LiveOu[] = [];
  let level: { id: string; path?: string }[] = [{ id: rootId }];
  while (level.length) {
    const children = await mapPool(level, options.concurrency, async (parent) => {
      const units = await collect('organizations:ListOrganizationalUnitsForParent', paginateListOrganizationalUnitsForParent({ client }, { ParentId: parent.id }), (p) => p.OrganizationalUnits, parent.id);
      return units
        .map((u) => ({ id: u.Id!, name: u.Name!, parentId: parent.id, path: parent.path ? `${parent.path}/${u.Name}` : u.Name! }))
        .sort((a, b) => a.name.localeCompare(b.name));
    });
    ous.push(...children.flat());
    level = children.flat();
  }

  const parents = [{ id: rootId, path: undefined as string | undefined }, ...ous.map((o) => ({ id: o.id, path: o.path as string | undefined }))];
  const perParent = await mapPool(parents, options.concurrency, async (parent) => {
    const accounts = await collect('organizations:ListAccountsForParent', paginateListAccountsForParent({ client }, { ParentId: parent.id }), (p) => p.Accounts, parent.id);
    return accounts.map((a) => ({ id: a.Id!, name: a.Name ?? a.Id!, email: a.Email ?? '', status: String(a.Status ?? a.State ?? 'UNKNOWN'), parentId: parent.id, ou: parent.path }));
  });
  let accounts: LiveAccount[] = perParent.flat().sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));

  if (options.withTags) {
    const progress = new Progress('organizations:ListTagsForResource', accounts.length, process.stderr, options.quiet);
    accounts = await mapPool(
      accounts,
      options.concurrency,
      async (account) => {
        const tags = await collect('organizations:ListTagsForResource', paginateListTagsForResource({ client }, { ResourceId: account.id }), (p) => p.Tags, account.id);
        return { ...account, tags: Object.fromEntries(tags.map((t) => [t.Key!, t.Value ?? ''])) };
      },
      progress.tick,
    );
  }
  const rootPolicyTypes = (Roots?.[0]?.PolicyTypes ?? []).filter((t) => t.Status === 'ENABLED').map((t) => String(t.Type));
  return { id: Organization.Id, managementAccountId: Organization.MasterAccountId, featureSet: String(Organization.FeatureSet ?? ''), rootId, rootPolicyTypes, ous, accounts };
}
