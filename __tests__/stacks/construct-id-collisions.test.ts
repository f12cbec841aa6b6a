import { parse, stringify } from 'yaml';
import { terraformKey } from '../../config/iam-names';
import type { OrgConfigInput } from '../../config/schema';
import { exampleYaml } from '../helpers/example';
import { synthYaml, type SynthResult } from '../helpers/synth';

/**
 * Names are data: an account, group or user may be called anything AWS accepts, including
 * the construct ids this project uses itself ("backend", "account-ids"), the properties every
 * JavaScript object inherits ("constructor"), or a name plus the suffix another construct
 * adds to it (users "a" and "a_groups"). The names tried are read from the synthesized tree,
 * so a construct added later is covered too.
 */
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);

/** Every construct id of the example's tree, and each part of it after a - or _. */
function treeWords(synth: SynthResult): string[] {
  const stacks = [synth.stacks.management, synth.stacks.identity, ...synth.stacks.trust.values()];
  const ids = stacks.flatMap((s) => s.node.findAll().map((c) => c.node.id));
  const parts = ids.flatMap((id) => [id, ...[...id.matchAll(/[-_:]/g)].map((m) => id.slice(m.index! + 1))]);
  return [...new Set([...parts, ...PROTOTYPE_NAMES, ...parts.map((p) => `${p}_groups`)])].filter((w) => w.length > 0);
}

/** Keeps the first of the names that IAM, Organizations or Terraform would take for one. */
function distinct(names: readonly string[], taken: readonly string[]): string[] {
  const seen = new Set(taken.map((t) => terraformKey(t)));
  return names.filter((n) => !seen.has(terraformKey(n)) && seen.add(terraformKey(n)));
}

const resourceAddresses = (synth: SynthResult) =>
  Object.entries(synth.json).flatMap(([stack, json]) =>
    Object.entries((json.resource ?? {}) as Record<string, object>).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${stack}:${type}.${n}`)),
  );

describe('names that equal construct ids (accounts, OUs, groups, users)', () => {
  const base = synthYaml(exampleYaml());
  const words = treeWords(base);
  const input = parse(exampleYaml()) as OrgConfigInput;
  const accountNames = distinct(
    words.map((w) => w.replace(/[^\u0020-\u0021\u0023\u0025-\u005B\u005D-\u007A\u007C\u007E]/g, '')).filter((w) => /^[A-Za-z0-9]/.test(w)),
    [input.identityAccount.name, ...input.accounts!.map((a) => a.name)],
  ).slice(0, 150);
  const userNames = distinct(
    words.map((w) => w.replace(/[^A-Za-z0-9+=,.@_-]/g, '')).filter((w) => /^[A-Za-z0-9]/.test(w) && w.length <= 64),
    ['alice', 'bob', 'carol', 'dave', 'user1'],
  );
  const groupNames = distinct(userNames.filter((n) => n.toLowerCase() !== 'mfa-self-service'), ['admins', 'developers', 'auditors', 'mfa-self-service']);

  it('finds the collision-prone names from the tree', () => {
    expect(accountNames).toEqual(expect.arrayContaining(['backend', 'constructor', 'ids', 'history']));
    expect(userNames).toEqual(expect.arrayContaining(['constructor', 'toString']));
  });

  it('synthesizes an org with accounts, groups and users named after every construct id, and keeps the other addresses', () => {
    input.accounts!.push(...accountNames.map((name, i) => ({ name, email: `named-${i}@example.com` })));
    input.management!.users = ['user1', ...userNames];
    input.identity!.groups!.push(...groupNames.slice(0, 40).map((name, i) => ({ name, users: userNames.slice(i * 4, i * 4 + 5), accounts: [accountNames[i % accountNames.length]] })));
    input.organization.organizationalUnits!.push(...distinct(accountNames, ['Security', 'Workloads', 'Workloads/Dev', 'Workloads/Prod']).slice(0, 60).map((name) => ({ name, children: [{ name: `${name}_import` }] })));
    input.trust = { shardSize: 100 };
    const synth = synthYaml(stringify(input));
    const addresses = resourceAddresses(synth);
    const keep = resourceAddresses(synthYaml(exampleYaml().replace('shardSize: 10', 'shardSize: 100')));
    expect(addresses).toEqual(expect.arrayContaining(keep));
    expect(addresses).toEqual(expect.arrayContaining(['management:aws_organizations_account.account_backend', 'management:aws_iam_user.user_constructor']));
  });

  it('users "a" and "a_groups" are two users with one membership each', () => {
    const yaml = exampleYaml().replace('users: [user1]', 'users: [a, a_groups, user1]');
    const { json } = synthYaml(yaml);
    expect(Object.keys(json.management.resource.aws_iam_user).sort()).toEqual(['user_a', 'user_a_groups', 'user_user1']);
    expect(Object.keys(json.management.resource.aws_iam_user_group_membership).sort()).toEqual(['user_a', 'user_a_groups', 'user_user1']);
  });
});
