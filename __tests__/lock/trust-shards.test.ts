import { prng } from '../helpers/prng';
import { terraformKey } from '../../config/iam-names';
import type { Account } from '../../config/model';
import type { ShardLock } from '../../lock/lock-format';
import { planTrustShards } from '../../lock/trust-shards';

const account = (name: string, retired = false): Account => ({
  name,
  key: terraformKey(name),
  email: `${name}@example.com`,
  iamUserAccessToBilling: 'ALLOW',
  closeOnDeletion: false,
  tags: {},
  retired,
});

const loads = (lock: ShardLock) =>
  Object.values(lock.accounts).reduce((m, e) => m.set(e.stack, (m.get(e.stack) ?? 0) + 1), new Map<string, number>());

/** Inserts `n` fresh names at random places in the list. */
function insertRandom(list: Account[], n: number, random: () => number, counter: { next: number }): Account[] {
  const out = [...list];
  for (let i = 0; i < n; i++) {
    // Random letters first, so that newcomers sort anywhere among existing names.
    const name = `${String.fromCharCode(97 + Math.floor(random() * 26))}-${counter.next++}`;
    out.splice(Math.floor(random() * (out.length + 1)), 0, account(name));
  }
  return out;
}

describe('trust-stack membership', () => {
  it.each([1, 2, 3, 42, 2024])('seed %i: random insertions and retirements never move an account nor overfill a stack', (seed) => {
    const random = prng(seed);
    const counter = { next: 0 };
    const shardSize = 1 + Math.floor(random() * 8);
    let accounts = insertRandom([], 5 + Math.floor(random() * 20), random, counter);
    let lock = planTrustShards(accounts, shardSize).lock;
    for (let round = 0; round < 12; round++) {
      // Drop some retired entries, retire some accounts, then add newcomers.
      accounts = accounts.filter((a) => !(a.retired && random() < 0.5));
      accounts = accounts.map((a) => (random() < 0.1 ? account(a.name, true) : a));
      accounts = insertRandom(accounts, 1 + Math.floor(random() * 6), random, counter);
      const plan = planTrustShards(accounts, shardSize, lock);
      for (const a of accounts.filter((x) => lock.accounts[x.name])) {
        expect([a.name, plan.lock.accounts[a.name].stack]).toEqual([a.name, lock.accounts[a.name].stack]);
        expect([a.name, plan.lock.accounts[a.name].retired]).toEqual([a.name, a.retired || undefined]);
      }
      for (const [stack, n] of loads(plan.lock)) expect([stack, n <= shardSize]).toEqual([stack, true]);
      expect(Object.keys(plan.lock.accounts)).toHaveLength(accounts.length);
      expect(plan.removedWithoutRetiring).toEqual([]);
      lock = plan.lock;
    }
  });

  it('fills the lowest-numbered stack with room, in name order whatever the list order', () => {
    const lock = planTrustShards(['c', 'a', 'e', 'b', 'd'].map((n) => account(n)), 2).lock;
    expect(lock.accounts).toEqual({
      a: { stack: 'trust-1' },
      b: { stack: 'trust-1' },
      c: { stack: 'trust-2' },
      d: { stack: 'trust-2' },
      e: { stack: 'trust-3' },
    });
  });

  it('a smaller shardSize moves nobody; newcomers go only where the new size leaves room', () => {
    const first = planTrustShards(Array.from({ length: 30 }, (_, i) => account(`m${String(i).padStart(2, '0')}`)), 10);
    const newcomers = ['a1', 'a2', 'a3', 'a4', 'a5'].map((n) => account(n));
    const plan = planTrustShards([...newcomers, ...Object.keys(first.lock.accounts).map((n) => account(n))], 4, first.lock);
    for (const [name, entry] of Object.entries(first.lock.accounts)) expect(plan.lock.accounts[name]).toEqual(entry);
    expect(newcomers.map((a) => plan.lock.accounts[a.name].stack)).toEqual(['trust-4', 'trust-4', 'trust-4', 'trust-4', 'trust-5']);
  });

  it('a retired account keeps its place until its entry leaves the config, then frees it', () => {
    const names = ['a', 'b', 'c', 'd'];
    const first = planTrustShards(names.map((n) => account(n)), 2);
    expect(first.lock.accounts.b).toEqual({ stack: 'trust-1' });

    const retired = planTrustShards([...names.map((n) => account(n, n === 'b')), account('aa')], 2, first.lock);
    expect(retired.lock.accounts.b).toEqual({ stack: 'trust-1', retired: true });
    // b still occupies its slot, so the newcomer cannot take it.
    expect(retired.lock.accounts.aa).toEqual({ stack: 'trust-3' });
    expect(retired.stacks.get('trust-1')?.map((a) => a.name)).toEqual(['a', 'b']);
    expect(retired.changes).toContain('b in trust-1: retired');

    const dropped = planTrustShards([...['a', 'c', 'd', 'aa'].map((n) => account(n)), account('ab')], 2, retired.lock);
    expect(dropped.lock.accounts.b).toBeUndefined();
    expect(dropped.removedWithoutRetiring).toEqual([]);
    expect(dropped.changes).toContain('b in trust-1: dropped (was retired)');
    expect(dropped.lock.accounts.ab).toEqual({ stack: 'trust-1' });
  });

  it('an account that leaves without being retired is reported, and keeps nobody else from their stack', () => {
    const first = planTrustShards(['a', 'b', 'c'].map((n) => account(n)), 2);
    const plan = planTrustShards(['a', 'c'].map((n) => account(n)), 2, first.lock);
    expect(plan.removedWithoutRetiring).toEqual(['b']);
    expect(plan.lock.accounts.c).toEqual({ stack: 'trust-2' });
  });
});
