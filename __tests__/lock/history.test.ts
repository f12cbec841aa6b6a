import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../errors/user-errors';
import { parseConfig } from '../../config/load-config';
import type { OrganizationalUnitInput } from '../../config/schema';
import { addMoves, movedChain } from '../../lock/history';
import { checkLockChange } from '../helpers/lock-change';
import { lockFileWouldChange, readLock, writeLock } from '../../lock/lock-file';
import type { ShardLock } from '../../lock/lock-format';
import { synthYaml, type StackJson } from '../helpers/synth';
import { exampleInput, renameMember, retire, toYaml, withoutAccount, type OrgInput } from '../helpers/org-inputs';
import { editOus, renameUnit } from '../helpers/ou-inputs';
import { tempDir } from '../helpers/run-main';

/**
 * The lock moves forward at synth, not at apply. Its history keeps every rename and every
 * account or OU deleted after retiring, so that synth writes their moved and removed blocks
 * again however often it runs before the apply.
 */
const ACCOUNT = 'aws_organizations_account';
const ROLE = 'aws_iam_role';
const OU = 'aws_organizations_organizational_unit';
const moved = (stack: StackJson | undefined) => (stack?.moved ?? []) as { from: string; to: string }[];
const removed = (stack: StackJson | undefined) => ((stack?.removed ?? []) as { from: string }[]).map((r) => r.from);
const forget = (address: string) => ({ from: address, lifecycle: { destroy: false } });

/** Synthesizes each config in turn, each with the lock of the one before; returns every result. */
function synthSequence(...inputs: OrgInput[]) {
  let lock: ShardLock | undefined;
  return inputs.map((input) => {
    const result = synthYaml(toYaml(input), lock);
    expect(() => checkLockChange(result.stacks.plan, 'org.lock.json', { frozen: false })).not.toThrow();
    lock = result.stacks.plan.lock;
    return result;
  });
}

const withoutRenamedFrom = (input: OrgInput): OrgInput => ({
  ...input,
  identityAccount: { ...input.identityAccount, renamedFrom: undefined },
  accounts: input.accounts.map(({ renamedFrom: _r, ...a }) => a),
});
const stripUnits = (units: OrganizationalUnitInput[]): OrganizationalUnitInput[] =>
  units.map(({ renamedFrom: _r, children, ...u }) => ({ ...u, ...(children ? { children: stripUnits(children) } : {}) }));

describe('a retired account deleted from the config', () => {
  const retired = retire(exampleInput(), 'ACCOUNT03');
  const deleted = withoutAccount(exampleInput(), 'ACCOUNT03');
  const [, , first, second] = synthSequence(exampleInput(), retired, deleted, deleted);

  it('keeps its removed blocks in management and its trust stack, on every synth before the apply', () => {
    for (const result of [first, second]) {
      expect(result.json.management.removed).toEqual([forget(`${ACCOUNT}.account_account03`)]);
      expect(result.json['trust-1'].removed).toEqual([forget(`${ROLE}.member_account03`)]);
      expect(result.json.management.resource[ACCOUNT].account_account03).toBeUndefined();
    }
    expect(first.stacks.plan.lock.history?.forgottenAccounts).toEqual([{ key: 'account03', stack: 'trust-1', accountId: '333333333333' }]);
    expect(second.stacks.plan.changes).toEqual([]);
  });

  it('keeps the provider alias its role state names, so Terraform can forget the role even before the apply', () => {
    const [, retiredSynth] = synthSequence(exampleInput(), retired);
    expect(retiredSynth.stacks.plan.lock.accounts.ACCOUNT03).toEqual({ stack: 'trust-1', retired: true, id: '333333333333' });
    for (const result of [first, second]) {
      const alias = result.json['trust-1'].provider.aws.find((p: { alias: string }) => p.alias === 'member_account03');
      expect(alias.assume_role[0].role_arn).toBe('arn:aws:iam::333333333333:role/OrganizationAccountAccessRole');
    }
  });

  it('re-added under the same name: the history entry goes (Terraform refuses a removed block for a declared resource)', () => {
    const [, , readded] = synthSequence(retired, deleted, exampleInput());
    expect(readded.stacks.plan.lock.history?.forgottenAccounts).toEqual([]);
    expect(removed(readded.json.management)).toEqual([]);
    expect(readded.stacks.plan.changes).toContain('history: forgotten account03 in trust-1 dropped (account03 is declared again)');
  });
});

describe('a trust stack whose accounts have all left', () => {
  const input = (): OrgInput => ({ ...exampleInput(), trust: { shardSize: 1 } });
  const [first, , deleted] = synthSequence(input(), retire(input(), 'Logging'), withoutAccount(input(), 'Logging'));

  it('is still synthesized, holding only the removed block of its role and the provider alias that forgets it', () => {
    expect(first.stacks.plan.lock.accounts.Logging).toEqual({ stack: 'trust-4' });
    expect(deleted.stacks.plan.stacks.get('trust-4')).toEqual([]);
    expect(deleted.json['trust-4'].removed).toEqual([forget(`${ROLE}.member_logging`)]);
    expect(deleted.json['trust-4'].resource).toBeUndefined();
    const logging = deleted.stacks.plan.lock.history?.forgottenAccounts.find((f) => f.key === 'logging');
    expect(deleted.json['trust-4'].provider.aws.map((p: { alias: string; assume_role: { role_arn: string }[] }) => [p.alias, p.assume_role[0].role_arn])).toEqual([
      ['member_logging', `arn:aws:iam::${logging?.accountId}:role/OrganizationAccountAccessRole`],
    ]);
  });

  it('a rename keeps the account in its own stack, and a new name still held by a retired entry is refused', () => {
    const renamed = renameMember(withoutAccount(input(), 'Logging'), 'ACCOUNT01', 'Logging', true);
    const early = synthYaml(toYaml(renamed), synthSequence(input(), retire(input(), 'Logging'))[1].stacks.plan.lock).stacks.plan;
    expect(() => checkLockChange(early, 'org.lock.json', { frozen: false })).toThrow(ConfigError);
    expect(() => checkLockChange(early, 'org.lock.json', { frozen: false })).toThrow(/accounts\.Logging\.renamedFrom: "ACCOUNT01" is renamed to "Logging", but the lock still holds another account/);

    const later = synthYaml(toYaml(renamed), deleted.stacks.plan.lock);
    expect(later.stacks.plan.lock.accounts.Logging).toEqual({ stack: 'trust-1' });
    expect(later.json['trust-1'].moved).toEqual([{ from: `${ROLE}.member_account01`, to: `${ROLE}.member_logging` }]);
    expect(later.json.management.moved).toEqual([{ from: `${ACCOUNT}.account_account01`, to: `${ACCOUNT}.account_logging` }]);
  });
});

describe('a renamed account whose renamedFrom is tidied up before the apply', () => {
  const renamed = renameMember(exampleInput(), 'ACCOUNT02', 'Payments', true);
  const [, first, tidied, again] = synthSequence(exampleInput(), renamed, withoutRenamedFrom(renamed), renamed);

  it('keeps its moved blocks in management and in its trust stack, once each', () => {
    for (const result of [first, tidied, again]) {
      expect(result.json.management.moved).toEqual([{ from: `${ACCOUNT}.account_account02`, to: `${ACCOUNT}.account_payments` }]);
      expect(result.json['trust-1'].moved).toEqual([{ from: `${ROLE}.member_account02`, to: `${ROLE}.member_payments` }]);
    }
    expect(tidied.stacks.plan.changes).toEqual([]);
    expect(again.stacks.plan.changes).toEqual([]);
    expect(first.stacks.plan.lock.history?.accountMoves).toEqual([{ from: 'account02', to: 'payments', stack: 'trust-1' }]);
  });

  it('the identity account too', () => {
    const identity = (renamedFrom?: string): OrgInput => ({ ...exampleInput(), identityAccount: { ...exampleInput().identityAccount, name: 'Identity', renamedFrom } });
    const [, , bare] = synthSequence(exampleInput(), identity('IAM'), identity());
    expect(bare.json.management.moved).toEqual([{ from: `${ACCOUNT}.account_iam`, to: `${ACCOUNT}.account_identity` }]);
    expect(bare.stacks.plan.lock.history?.accountMoves).toEqual([{ from: 'iam', to: 'identity' }]);
  });
});

describe('chained and reverted renames', () => {
  const payments = renameMember(exampleInput(), 'ACCOUNT02', 'Payments', true);
  const billing = renameMember(withoutRenamedFrom(payments), 'Payments', 'Billing', true);
  const back = renameMember(withoutRenamedFrom(payments), 'Payments', 'ACCOUNT02', true);

  it('A→B then B→C: the lock says A→C and B→C; synth writes the chain A→B, B→C, as Terraform allows one source per target', () => {
    const [, , chained] = synthSequence(exampleInput(), payments, billing);
    expect(chained.stacks.plan.lock.history?.accountMoves).toEqual([
      { from: 'account02', to: 'billing', stack: 'trust-1' },
      { from: 'payments', to: 'billing', stack: 'trust-1' },
    ]);
    expect(chained.json.management.moved).toEqual([
      { from: `${ACCOUNT}.account_account02`, to: `${ACCOUNT}.account_payments` },
      { from: `${ACCOUNT}.account_payments`, to: `${ACCOUNT}.account_billing` },
    ]);
    expect(chained.json['trust-1'].moved).toHaveLength(2);
  });

  it('A→B then B→A leaves B→A only', () => {
    const [, , reverted] = synthSequence(exampleInput(), payments, back);
    expect(reverted.stacks.plan.lock.history?.accountMoves).toEqual([{ from: 'payments', to: 'account02', stack: 'trust-1' }]);
    expect(reverted.json.management.moved).toEqual([{ from: `${ACCOUNT}.account_payments`, to: `${ACCOUNT}.account_account02` }]);
  });

  it('collapsing is a pure function: chains, cycles and self-moves', () => {
    expect(addMoves([{ from: 'a', to: 'b' }], [{ from: 'b', to: 'c' }])).toEqual([{ from: 'a', to: 'c' }, { from: 'b', to: 'c' }]);
    expect(addMoves([{ from: 'a', to: 'b' }], [{ from: 'b', to: 'a' }])).toEqual([{ from: 'b', to: 'a' }]);
    expect(addMoves([], [{ from: 'a', to: 'a' }])).toEqual([]);
    expect(movedChain([{ from: 'b', to: 'c' }, { from: 'a', to: 'c' }])).toEqual([{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }]);
  });

  it('an account renamed and then retired and deleted: every old address is forgotten', () => {
    const retiredBilling = retire(withoutRenamedFrom(billing), 'Billing');
    const [, , , , gone] = synthSequence(exampleInput(), payments, billing, retiredBilling, withoutAccount(billing, 'Billing'));
    expect(gone.stacks.plan.lock.history?.accountMoves).toEqual([]);
    expect(removed(gone.json.management)).toEqual(['account02', 'billing', 'payments'].map((k) => `${ACCOUNT}.account_${k}`));
    expect(removed(gone.json['trust-1'])).toEqual(['account02', 'billing', 'payments'].map((k) => `${ROLE}.member_${k}`));
  });
});

describe('a change of case alone', () => {
  it('is accepted with renamedFrom: it re-keys the lock and writes no moved block', () => {
    const [first, cased] = synthSequence(exampleInput(), renameMember(exampleInput(), 'Logging', 'LOGGING', true));
    expect(cased.stacks.plan.lock.accounts.LOGGING).toEqual(first.stacks.plan.lock.accounts.Logging);
    expect(cased.stacks.plan.lock.accounts.Logging).toBeUndefined();
    expect(cased.stacks.plan.changes).toEqual(['Logging in trust-1: renamed to LOGGING']);
    expect(moved(cased.json.management)).toEqual([]);
    expect(cased.json.management.resource[ACCOUNT].account_logging.name).toBe('LOGGING');
  });

  it('the current name itself is still refused as renamedFrom', () => {
    const same = exampleInput();
    same.accounts = same.accounts.map((a) => (a.name === 'Logging' ? { ...a, renamedFrom: 'Logging' } : a));
    expect(() => parseConfig(toYaml(same))).toThrow(/accounts\[3\]\.renamedFrom: is the account's current name/);
  });
});

describe('OUs', () => {
  const platform = editOus(exampleInput(), (u) => renameUnit(u, ['Workloads'], 'Platform'), (ou) => ou.replace(/^Workloads/, 'Platform'));
  const tidied = { ...platform, organization: { ...platform.organization, organizationalUnits: stripUnits(platform.organization.organizationalUnits as OrganizationalUnitInput[]) } };
  const ouMoves = (r: ReturnType<typeof synthYaml>) => moved(r.json.management).filter((m) => m.from.startsWith(OU));

  it('a renamed OU and its descendants keep their moved blocks once renamedFrom is gone', () => {
    const [, first, second] = synthSequence(exampleInput(), platform, tidied);
    expect(ouMoves(second)).toEqual(ouMoves(first));
    expect(ouMoves(second)).toHaveLength(3);
    expect(second.stacks.plan.changes).toEqual([]);
  });

  it('a leftover renamedFrom below does not break a later rename of its parent', () => {
    const production = editOus(exampleInput(), (u) => renameUnit(u, ['Workloads', 'Prod'], 'Production'), (ou) => ou.replace('Workloads/Prod', 'Workloads/Production'));
    const parent = editOus(production, (u) => renameUnit(u, ['Workloads'], 'Platform'), (ou) => ou.replace(/^Workloads/, 'Platform'));
    const [, , renamed] = synthSequence(exampleInput(), production, parent);
    expect(renamed.stacks.plan.removedOrganizationalUnits).toEqual([]);
    expect(renamed.stacks.plan.lock.organizationalUnits).toEqual(['Platform', 'Platform/Dev', 'Platform/Production', 'Security']);
    expect(ouMoves(renamed)).toEqual([
      { from: `${OU}.ou_workloads`, to: `${OU}.ou_platform` },
      { from: `${OU}.ou_workloads_dev`, to: `${OU}.ou_platform_dev` },
      { from: `${OU}.ou_workloads_prod`, to: `${OU}.ou_workloads_production` },
      { from: `${OU}.ou_workloads_production`, to: `${OU}.ou_platform_production` },
    ]);
  });
});

describe('the lock file format', () => {
  const lock = synthSequence(exampleInput(), renameMember(exampleInput(), 'ACCOUNT02', 'Payments', true))[1].stacks.plan.lock;

  it('is version 3 and keeps the history through writing and reading', () => {
    const path = join(tempDir(), 'org.lock.json');
    writeLock(path, lock);
    expect(readLock(path)).toEqual(lock);
    expect(lock.version).toBe(3);
  });

  it('reads a version 1 lock as version 3 with an empty history; its only change is learning the organization', () => {
    const path = join(tempDir(), 'org.lock.json');
    const { history: _h, managementAccountId: _m, ...rest } = synthSequence(exampleInput())[0].stacks.plan.lock;
    writeFileSync(path, JSON.stringify({ ...rest, version: 1 }));
    const read = readLock(path);
    expect(read.version).toBe(3);
    expect(synthYaml(toYaml(exampleInput()), read).stacks.plan.changes).toEqual(['organization: management account 111111111111']);
  });

  it('rewrites a version 1 lock in the current format, except in frozen mode (CI), which refuses', () => {
    const path = join(tempDir(), 'org.lock.json');
    const { history: _h, managementAccountId: _m, ...rest } = synthSequence(exampleInput())[0].stacks.plan.lock;
    writeFileSync(path, JSON.stringify({ ...rest, version: 1 }));
    const plan = synthYaml(toYaml(exampleInput()), readLock(path)).stacks.plan;
    expect(lockFileWouldChange(path, plan.lock)).toBe(true);
    expect(() => checkLockChange(plan, path, { frozen: true, fileWouldChange: true })).toThrow(/is out of date \(organization: management account 111111111111\)/);
    expect(() => checkLockChange(plan, path, { frozen: false, fileWouldChange: true })).not.toThrow();
    writeLock(path, plan.lock);
    expect(lockFileWouldChange(path, plan.lock)).toBe(false);
  });

  it('refuses a lock from a newer version with a clear message', () => {
    const path = join(tempDir(), 'org.lock.json');
    writeFileSync(path, JSON.stringify({ version: 4, accounts: {}, somethingNew: [] }));
    expect(() => readLock(path)).toThrow(ConfigError);
    expect(() => readLock(path)).toThrow(/version: is 4: this lock was written by a newer org-trust.*upgrade org-trust/);
  });
});
