import { stringify } from 'yaml';
import { generateOrg } from '../../fixtures/generate-org';
import { synthYaml } from '../helpers/synth';
import { diffPaths, diffStacks } from './json-diff';
import { asInput, exampleInput, reverseDeep, toYaml, withAccounts } from '../helpers/org-inputs';

describe('the diff helper', () => {
  it('reports the deepest differing paths and treats import blocks as a set', () => {
    expect(diffPaths({ a: 1, b: { c: 2 } }, { a: 1, b: { c: 3 }, d: 1 })).toEqual(['b.c', 'd']);
    const imports = (ids: string[]) => ({ import: ids.map((id) => ({ to: `t.${id}`, id })) });
    expect(diffStacks({ s: imports(['x', 'y']) }, { s: imports(['y', 'x']) })).toEqual({});
    expect(diffStacks({ s: imports(['x']) }, { s: imports(['y', 'x']) })).toEqual({ s: ['import.t.y'] });
  });
});

describe('addresses do not depend on YAML order', () => {
  const generated = () => {
    const input = asInput(generateOrg({ members: 25, shardSize: 7, importEvery: 3 }));
    // Several tag keys and a closeOnDeletion, so that map order and every field are exercised.
    input.accounts[3] = { ...input.accounts[3], tags: { b: '2', a: '1', Z: '0' }, closeOnDeletion: true };
    return input;
  };

  it.each([
    ['the example', exampleInput],
    ['a generated org', generated],
  ])('%s: every list and mapping reversed gives byte-identical stacks', (_, make) => {
    expect(toYaml(reverseDeep(make()))).not.toBe(toYaml(make()));
    const straight = synthYaml(toYaml(make()));
    const reversed = synthYaml(toYaml(reverseDeep(make())));
    expect(Object.keys(reversed.text).sort()).toEqual(Object.keys(straight.text).sort());
    for (const name of Object.keys(straight.text)) expect(reversed.text[name]).toBe(straight.text[name]);
    expect(reversed.stacks.plan.lock).toEqual(straight.stacks.plan.lock);
  });
});

describe('inserting an account at the top of a 40-account config', () => {
  const base = asInput(generateOrg({ members: 40, shardSize: 15 }));
  const newcomer = { name: 'aaa-new', email: 'aaa-new@example.com', id: '123456789012', ou: 'Workloads/Prod' };
  const before = synthYaml(stringify(base));
  const after = synthYaml(stringify(withAccounts(base, [newcomer, ...base.accounts])), before.stacks.plan.lock);

  it('puts it in the lowest trust stack with room and moves nobody', () => {
    expect(after.stacks.plan.lock.accounts['aaa-new']).toEqual({ stack: 'trust-3', id: '123456789012' });
    for (const [name, entry] of Object.entries(before.stacks.plan.lock.accounts)) {
      expect(after.stacks.plan.lock.accounts[name]).toEqual(entry);
    }
  });

  it('changes only the new account and the id output: the "*" group policy does not list accounts', () => {
    expect(diffStacks(before.json, after.json)).toEqual({
      management: [
        'import.aws_organizations_account.account_aaa_new',
        'output.account_ids.value.aaa-new',
        'resource.aws_organizations_account.account_aaa_new',
      ],
      'trust-3': ['import.aws_iam_role.member_aaa_new', 'provider.aws.member_aaa_new', 'resource.aws_iam_role.member_aaa_new'],
    });
    expect(after.json.identity.resource.aws_iam_policy.group_admins_assume_1.policy).toContain('aws:ResourceOrgID');
    expect(after.json.identity.resource.aws_iam_policy.group_admins_assume_1.policy).not.toContain('123456789012');
  });
});

describe('moving an account to another OU', () => {
  it('changes only its parent_id, in place, and neither the lock nor any other stack', () => {
    const base = exampleInput();
    const before = synthYaml(toYaml(base));
    const moved = withAccounts(base, base.accounts.map((a) => (a.name === 'ACCOUNT02' ? { ...a, ou: 'Workloads/Prod' } : a)));
    const after = synthYaml(toYaml(moved), before.stacks.plan.lock);
    expect(diffStacks(before.json, after.json)).toEqual({ management: ['resource.aws_organizations_account.account_account02.parent_id'] });
    expect(after.json.management.resource.aws_organizations_account.account_account02.parent_id).toBe(
      '${aws_organizations_organizational_unit.ou_workloads_prod.id}',
    );
    expect(after.stacks.plan.changes).toEqual([]);
  });
});
