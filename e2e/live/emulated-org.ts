import {
  CloseAccountCommand,
  CreateOrganizationalUnitCommand,
  MoveAccountCommand,
  OrganizationsClient,
  TagResourceCommand,
} from '@aws-sdk/client-organizations';
import { createMemberAccount, createOrganization, type E2eEnvironment, type EmulatedOrganization } from '../harness';

/** Three OU levels: the leaves hold the accounts, round-robin. */
export const OU_TREE = ['Workloads', 'Workloads/Prod', 'Workloads/Prod/Payments', 'Workloads/Dev', 'Workloads/Dev/Sandbox', 'Security'] as const;
const LEAVES = ['Workloads/Prod/Payments', 'Workloads/Prod', 'Workloads/Dev/Sandbox', 'Workloads/Dev', 'Security'] as const;

export interface BuiltOrg extends EmulatedOrganization {
  readonly ouIds: ReadonlyMap<string, string>;
  /** Member name to id (without the identity account). */
  readonly members: ReadonlyMap<string, string>;
  readonly identity: { readonly name: string; readonly id: string };
  /** Name and id of the closed (SUSPENDED) account. */
  readonly closed: { readonly name: string; readonly id: string };
  /** Member name to its OU path. */
  readonly ouOf: ReadonlyMap<string, string>;
}

export const memberName = (i: number) => `member-${String(i).padStart(4, '0')}`;

/**
 * An organization made in the emulator as one grows by hand: OUs three levels deep, an
 * identity account in Security, `members` accounts spread over the OUs (every third one
 * tagged), and one closed account, which discover must leave out.
 */
export async function buildEmulatedOrg(e2e: E2eEnvironment, options: { members: number; concurrency?: number }): Promise<BuiltOrg> {
  const org = await createOrganization(e2e);
  const client = new OrganizationsClient(e2e.sdk());
  const ouIds = new Map<string, string>();
  for (const path of OU_TREE) {
    const parts = path.split('/');
    const parentId = parts.length === 1 ? org.rootId : ouIds.get(parts.slice(0, -1).join('/'))!;
    const { OrganizationalUnit } = await client.send(new CreateOrganizationalUnitCommand({ ParentId: parentId, Name: parts[parts.length - 1] }));
    ouIds.set(path, OrganizationalUnit!.Id!);
  }
  const move = (id: string, path: string) => client.send(new MoveAccountCommand({ AccountId: id, SourceParentId: org.rootId, DestinationParentId: ouIds.get(path)! }));

  const identityId = await createMemberAccount(e2e, { name: 'IAM', email: 'aws-iam@example.com' });
  await move(identityId, 'Security');
  const members = new Map<string, string>();
  const ouOf = new Map<string, string>();
  const names = Array.from({ length: options.members }, (_, i) => memberName(i + 1));
  const limit = options.concurrency ?? 8;
  for (let start = 0; start < names.length; start += limit) {
    await Promise.all(
      names.slice(start, start + limit).map(async (name, j) => {
        const i = start + j;
        const id = await createMemberAccount(e2e, { name, email: `aws-${name}@example.com` });
        const path = LEAVES[i % LEAVES.length];
        await move(id, path);
        if (i % 3 === 0) await client.send(new TagResourceCommand({ ResourceId: id, Tags: [{ Key: 'CostCenter', Value: String(100 + i) }] }));
        members.set(name, id);
        ouOf.set(name, path);
      }),
    );
  }
  const closedId = await createMemberAccount(e2e, { name: 'closed-legacy', email: 'aws-closed@example.com' });
  await client.send(new CloseAccountCommand({ AccountId: closedId }));
  return { ...org, ouIds, members, ouOf, identity: { name: 'IAM', id: identityId }, closed: { name: 'closed-legacy', id: closedId } };
}
