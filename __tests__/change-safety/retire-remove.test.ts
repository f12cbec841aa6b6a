import { ConfigError } from '../../errors/user-errors';
import { generateOrg } from '../../fixtures/generate-org';
import { checkLockChange } from '../helpers/lock-change';
import { synthYaml, type StackJson } from '../helpers/synth';
import { policyOf } from '../stacks/stack-json';
import { asInput, retire, toYaml, withoutAccount } from '../helpers/org-inputs';

const base = asInput(generateOrg({ members: 6, shardSize: 2 }));
// acct-0003 sorts third: trust-2 with shardSize 2. It has an id (importEvery 2), so it has an import block.
const NAME = 'acct-0003';
const KEY = 'acct_0003';
const ID = '100000000003';
const first = synthYaml(toYaml(base));

/** Per group policy that leaves accounts out (StringNotEquals aws:ResourceAccount): whether ID is among them. */
const excludedBy = (identity: StackJson) =>
  Object.fromEntries(
    Object.entries(identity.resource.aws_iam_policy as Record<string, { policy: string }>).flatMap(([key, p]) => {
      const excluded = policyOf(p.policy).Statement.flatMap((st) => [st.Condition?.StringNotEquals?.['aws:ResourceAccount'] ?? []].flat());
      return excluded.length ? [[key.replace(/^group_/, '').replace(/_assume_\d+$/, ''), excluded.includes(ID)]] : [];
    }),
  );
const removedBlocks = (stack: StackJson) => (stack.removed ?? []) as { from: string; lifecycle: { destroy: boolean } }[];
const importTargets = (stack: StackJson) => ((stack.import ?? []) as { to: string }[]).map((i) => i.to);
const resourceAddresses = (stack: StackJson) =>
  Object.entries((stack.resource ?? {}) as Record<string, object>).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`));

describe('removing an account without retiring it', () => {
  const removed = synthYaml(toYaml(withoutAccount(base, NAME)), first.stacks.plan.lock);

  it('is refused by the lock-change check, naming the account and retired: true', () => {
    expect(removed.stacks.plan.removedWithoutRetiring).toEqual([NAME]);
    const check = () => checkLockChange(removed.stacks.plan, 'org.lock.json', { frozen: false });
    expect(check).toThrow(ConfigError);
    expect(check).toThrow(new RegExp(`account "${NAME}" was removed.*retired: true`));
  });

  it('renaming is a removal too, and refused the same way', () => {
    const renamed = { ...base, accounts: base.accounts.map((a) => (a.name === NAME ? { ...a, name: 'acct-renamed' } : a)) };
    const plan = synthYaml(toYaml(renamed), first.stacks.plan.lock).stacks.plan;
    expect(plan.removedWithoutRetiring).toEqual([NAME]);
    expect(() => checkLockChange(plan, 'org.lock.json', { frozen: false })).toThrow(new RegExp(`"${NAME}" was removed`));
  });

  it('is accepted while the account is still listed', () => {
    expect(() => checkLockChange(first.stacks.plan, 'org.lock.json', { frozen: false })).not.toThrow();
  });
});

describe('a retired account', () => {
  const retired = synthYaml(toYaml(retire(base, NAME)), first.stacks.plan.lock);
  const stacks = Object.values(retired.json);

  it('is forgotten, not destroyed: removed blocks with destroy = false in management and in its own trust stack', () => {
    expect(first.stacks.plan.lock.accounts[NAME].stack).toBe('trust-2');
    expect(removedBlocks(retired.json.management)).toEqual([{ from: `aws_organizations_account.account_${KEY}`, lifecycle: { destroy: false } }]);
    expect(removedBlocks(retired.json['trust-2'])).toEqual([{ from: `aws_iam_role.member_${KEY}`, lifecycle: { destroy: false } }]);
    const elsewhere = Object.entries(retired.json).filter(([n]) => n !== 'management' && n !== 'trust-2');
    for (const [, stack] of elsewhere) expect(removedBlocks(stack)).toEqual([]);
  });

  it('has no resource and no import block left', () => {
    for (const stack of stacks) {
      expect(resourceAddresses(stack).filter((a) => a.endsWith(`_${KEY}`))).toEqual([]);
      expect(importTargets(stack).filter((t) => t.endsWith(`_${KEY}`))).toEqual([]);
    }
    expect(retired.json.management.output.account_ids.value).not.toHaveProperty(NAME);
  });

  it('leaves the "*" expansion, and is left out by id of the groups on "*" and by OU, whose policies list no account', () => {
    expect(first.text.identity).not.toContain(ID);
    const admins = retired.config.identity.groups.find((g) => g.name === 'admins')!;
    expect(admins.allAccounts).toBe(true);
    expect(admins.accounts).not.toContain(NAME);
    expect(admins.accounts).toHaveLength(5);
    // Its role still trusts the identity account, so "*" and OU groups must not reach it.
    expect(excludedBy(retired.json.identity)).toEqual({ admins: true, prod_ops: true });
    expect(retired.text.identity).not.toContain(NAME);
  });

  it('is marked retired in the lock, a change that frozen mode refuses', () => {
    expect(retired.stacks.plan.lock.accounts[NAME]).toEqual({ stack: 'trust-2', retired: true, id: '100000000003' });
    expect(() => checkLockChange(retired.stacks.plan, 'org.lock.json', { frozen: false })).not.toThrow();
    expect(() => checkLockChange(retired.stacks.plan, 'org.lock.json', { frozen: true })).toThrow(/out of date.*retired/);
  });

  it('may then be deleted from the config: accepted, dropped from the lock, still forgotten (the history keeps the removed blocks)', () => {
    const deleted = synthYaml(toYaml(withoutAccount(base, NAME)), retired.stacks.plan.lock);
    expect(deleted.stacks.plan.removedWithoutRetiring).toEqual([]);
    expect(() => checkLockChange(deleted.stacks.plan, 'org.lock.json', { frozen: false })).not.toThrow();
    expect(deleted.stacks.plan.lock.accounts).not.toHaveProperty(NAME);
    expect(deleted.stacks.plan.changes).toEqual([`${NAME} in trust-2: dropped (was retired)`]);
    expect(deleted.stacks.plan.lock.history?.forgottenAccounts).toEqual([{ key: KEY, stack: 'trust-2', accountId: '100000000003' }]);
    for (const [name, stack] of Object.entries(deleted.json)) expect([name, removedBlocks(stack)]).toEqual([name, removedBlocks(retired.json[name])]);
    // Forgotten, its role still trusts the identity account: the groups on "*" and by OU keep leaving it out.
    expect(excludedBy(deleted.json.identity)).toEqual({ admins: true, prod_ops: true });
    // Its neighbour stays where it was.
    expect(deleted.stacks.plan.lock.accounts['acct-0004']).toEqual({ stack: 'trust-2' });
  });
});
