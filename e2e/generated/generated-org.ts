import type { OrgConfigInput } from '../../config/schema';
import { MANAGEMENT_ACCOUNT_ID } from '../harness';

type AccountInput = NonNullable<OrgConfigInput['accounts']>[number];

/** OUs three levels deep; accounts name these paths ('' is the root). */
export const OU_LEAVES = ['Workloads/Prod/Payments', 'Workloads/Prod', 'Workloads/Dev/Sandbox', 'Workloads/Dev', 'Security', ''] as const;

/** The member adopted by `id`: created in the emulator before the first synth, as one made before the tool. */
export const ADOPTED = 'legacy';

export const memberName = (i: number) => `app${String(i).padStart(2, '0')}`;
export const emailOf = (name: string) => `aws-${name}@example.com`;

/** Members created by Terraform (app01..app11); with the adopted one, 12. */
export const CREATED_MEMBERS = Array.from({ length: 11 }, (_, i) => memberName(i + 1));

/** The OU a member starts in: round-robin over OU_LEAVES, the adopted one in Workloads/Prod. */
export function initialOu(name: string): string {
  return name === ADOPTED ? 'Workloads/Prod' : OU_LEAVES[CREATED_MEMBERS.indexOf(name) % OU_LEAVES.length];
}

/** The developers group lists the Dev and Sandbox members by name; admins have "*". */
export const developerAccounts = (accounts: readonly AccountInput[]) =>
  accounts.filter((a) => !a.retired && (a.ou ?? '').startsWith('Workloads/Dev')).map((a) => a.name);

/** A member entry; `ou` '' (the root) is written as no `ou`, as users would. */
export function member(name: string, ou: string, extra: Partial<AccountInput> = {}): AccountInput {
  return { name, email: emailOf(name), ...(ou ? { ou } : {}), ...extra };
}

/**
 * The generated organization: 12 members (one adopted by id) over nested OUs, an identity
 * account in Security, two identity groups, shardSize 5 (three trust stacks).
 */
export function generatedOrg(adoptedId: string): OrgConfigInput {
  const accounts = [...CREATED_MEMBERS.map((name) => member(name, initialOu(name))), member(ADOPTED, initialOu(ADOPTED), { id: adoptedId, tags: { Origin: 'before-the-tool' } })];
  return withGroups({
    organization: {
      managementAccountId: MANAGEMENT_ACCOUNT_ID,
      region: 'us-east-1',
      organizationalUnits: [
        { name: 'Security' },
        {
          name: 'Workloads',
          children: [
            { name: 'Prod', children: [{ name: 'Payments' }] },
            { name: 'Dev', children: [{ name: 'Sandbox' }] },
          ],
        },
      ],
    },
    identityAccount: { name: 'IAM', email: emailOf('iam'), ou: 'Security' },
    accounts,
    management: { users: ['ops1'] },
    identity: { requireMfa: true, groups: [] },
    trust: { shardSize: 5 },
  });
}

/** The config with its groups recomputed from its accounts (developers follow the Dev OUs). */
export function withGroups(config: OrgConfigInput): OrgConfigInput {
  const groups = [
    { name: 'admins', users: ['alice', 'bob'], accounts: ['*'] },
    { name: 'developers', users: ['bob', 'carol'], accounts: developerAccounts(config.accounts ?? []) },
  ];
  return { ...config, identity: { ...config.identity, groups } };
}

/** Edits of the account list, each returning a new config (groups recomputed). */
export const edit = {
  addAtTop: (config: OrgConfigInput, account: AccountInput) => withGroups({ ...config, accounts: [account, ...(config.accounts ?? [])] }),
  update: (config: OrgConfigInput, name: string, change: (a: AccountInput) => AccountInput) =>
    withGroups({ ...config, accounts: (config.accounts ?? []).map((a) => (a.name === name ? change(a) : a)) }),
  remove: (config: OrgConfigInput, name: string) => withGroups({ ...config, accounts: (config.accounts ?? []).filter((a) => a.name !== name) }),
};
