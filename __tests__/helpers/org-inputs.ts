import { parse, stringify } from 'yaml';
import type { OrgConfigInput } from '../../config/schema';
import { exampleYaml } from './example';

export type AccountInput = NonNullable<OrgConfigInput['accounts']>[number];
/** An input whose account list is present, to edit without undefined checks. */
export type OrgInput = OrgConfigInput & { accounts: AccountInput[] };

export const asInput = (input: OrgConfigInput): OrgInput => ({ ...input, accounts: input.accounts ?? [] });

/** The bundled example as an input object, to edit in tests. */
export const exampleInput = (): OrgInput => asInput(parse(exampleYaml()) as OrgConfigInput);

export const toYaml = (input: OrgConfigInput): string => stringify(input);

/** Every list and every mapping in reverse order: the same org, written differently. */
export function reverseDeep<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reverseDeep).reverse() as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseDeep(v)])) as T;
  }
  return value;
}

export function withAccounts(input: OrgConfigInput, accounts: AccountInput[]): OrgInput {
  return { ...input, accounts };
}

/** Removes an account from the config and from every group that names it. */
export function withoutAccount(input: OrgConfigInput, name: string): OrgInput {
  return {
    ...input,
    accounts: (input.accounts ?? []).filter((a) => a.name !== name),
    identity: {
      ...input.identity,
      groups: (input.identity?.groups ?? []).map((g) => ({ ...g, accounts: (g.accounts ?? []).filter((a) => a !== name) })),
    },
  };
}

/** Marks an account retired and takes it out of the groups that name it (the config rules demand both). */
export function retire(input: OrgConfigInput, name: string): OrgInput {
  const rest = withoutAccount(input, name);
  const accounts = input.accounts ?? [];
  if (!accounts.some((a) => a.name === name)) throw new Error(`no account ${name}`);
  // A retired account needs its id (the config rule); a created one gets a stand-in for its real id.
  return { ...rest, accounts: accounts.map((a, i) => (a.name === name ? { ...a, retired: true, id: a.id ?? String(500000000000 + i) } : a)) };
}

/** An account renamed (with renamedFrom where asked); groups follow the new name. */
export function renameMember(input: OrgInput, from: string, to: string, withRenamedFrom: boolean): OrgInput {
  return {
    ...input,
    accounts: input.accounts.map((a) => (a.name === from ? { ...a, name: to, ...(withRenamedFrom ? { renamedFrom: from } : {}) } : a)),
    identity: {
      ...input.identity,
      groups: (input.identity?.groups ?? []).map((g) => ({ ...g, accounts: (g.accounts ?? []).map((n) => (n === from ? to : n)) })),
    },
  };
}
