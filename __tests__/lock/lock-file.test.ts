import { chmodSync, mkdirSync, readFileSync, readlinkSync, lstatSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, throwIfIssues } from '../../errors/user-errors';
import { parseConfig } from '../../config/load-config';
import { lockWriteTarget, readLock, writeLock } from '../../lock/lock-file';
import { lockOrganizationIssues } from '../../lock/missing-lock';
import type { ShardLock } from '../../lock/lock-format';
import { planOrg } from '../../lock/org-plan';
import { exampleInput, toYaml, type OrgInput } from '../helpers/org-inputs';
import { tempDir } from '../helpers/run-main';
import { refusal as refuse } from '../helpers/refusal';

/** Names that are special on a plain JavaScript object. */
export const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'] as const;

const config = (input: OrgInput) => parseConfig(toYaml(input));
const lockOf = (input: OrgInput, previous?: ShardLock) => planOrg(config(input), previous).lock;

function written(lock: ShardLock): { path: string; json: () => Record<string, unknown> } {
  const path = join(tempDir(), 'org.lock.json');
  writeLock(path, lock);
  return { path, json: () => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown> };
}

/** Rewrites the lock file's JSON by hand, as a careless edit would. */
function handEdit(path: string, edit: (json: { accounts: Record<string, { stack: string }> } & Record<string, unknown>) => void): void {
  const json = JSON.parse(readFileSync(path, 'utf8'));
  edit(json);
  writeFileSync(path, JSON.stringify(json, null, 2));
}

const refusal = (fn: () => unknown) => refuse(fn, ConfigError);

/** Members named after prototype properties, one per trust stack (shardSize 1), so a lost entry would move. */
function prototypeNamedOrg(): OrgInput {
  const input = exampleInput();
  return {
    ...input,
    trust: { shardSize: 1 },
    accounts: PROTOTYPE_NAMES.map((name, i) => ({ name, email: `proto${i}@example.com` })),
    identity: { ...input.identity, groups: [{ name: 'admins', users: ['alice'], accounts: ['*'] }] },
  };
}

describe('lock entries named like prototype properties', () => {
  it.each(PROTOTYPE_NAMES)('keeps %s through write and read, in its own stack', (name) => {
    const input = prototypeNamedOrg();
    const first = lockOf(input);
    const read = readLock(written(first).path);
    expect(Object.keys(read.accounts).sort()).toEqual([...PROTOTYPE_NAMES].sort());
    expect(Object.prototype.hasOwnProperty.call(read.accounts, name)).toBe(true);
    expect(read.accounts[name]).toEqual(first.accounts[name]);
    // Another synth keeps every account where it was, and reports nothing.
    const again = planOrg(config(input), read);
    expect(again.changes).toEqual([]);
    expect(again.lock.accounts[name]).toEqual(first.accounts[name]);
  });

  it('a retired __proto__ is dropped into the history with its stack, not lost', () => {
    const input = prototypeNamedOrg();
    const first = readLock(written(lockOf(input)).path);
    const retired = { ...input, accounts: input.accounts.map((a) => (a.name === '__proto__' ? { ...a, id: '100000000001', retired: true } : a)) };
    const second = readLock(written(planOrg(config(retired), first).lock).path);
    expect(second.accounts.__proto__).toEqual({ stack: first.accounts.__proto__.stack, retired: true, id: '100000000001' });
    const gone = { ...input, accounts: input.accounts.filter((a) => a.name !== '__proto__') };
    const third = planOrg(config(gone), second);
    expect(third.changes).toContain(`__proto__ in ${first.accounts.__proto__.stack}: dropped (was retired)`);
  });
});

describe('a hand-edited lock', () => {
  const input = { ...exampleInput(), trust: { shardSize: 2 } };
  const sealed = () => written(lockOf(input));

  it('is read back as written while untouched, whatever its whitespace', () => {
    const { path } = sealed();
    const lock = readLock(path);
    writeFileSync(path, JSON.stringify(JSON.parse(readFileSync(path, 'utf8'))));
    expect(readLock(path)).toEqual(lock);
  });

  it.each([
    ['an account moved to another stack', (j: { accounts: Record<string, { stack: string }> }) => (j.accounts.ACCOUNT01.stack = 'trust-2')],
    ['two accounts swapped', (j: { accounts: Record<string, { stack: string }> }) => {
      [j.accounts.ACCOUNT01.stack, j.accounts.Logging.stack] = [j.accounts.Logging.stack, j.accounts.ACCOUNT01.stack];
    }],
    ['the accounts map emptied', (j: { accounts: Record<string, { stack: string }> }) => (j.accounts = {})],
    ['an entry deleted', (j: { accounts: Record<string, { stack: string }> }) => delete j.accounts.ACCOUNT02],
    ['an OU deleted from the record', (j: Record<string, unknown>) => (j.organizationalUnits = ['Security'])],
    ['the identity account renamed', (j: Record<string, unknown>) => (j.identityAccount = 'Other')],
  ])('is refused when its seal no longer matches: %s', (_what, edit) => {
    const { path } = sealed();
    handEdit(path, edit as never);
    expect(refusal(() => readLock(path))).toMatch(/org\.lock\.json: seal: does not match the lock: it was edited by hand\..*Restore .* from version control/);
  });

  it('is refused without its seal, or with a seal that is not one', () => {
    const { path } = sealed();
    handEdit(path, (j) => delete j.seal);
    expect(refusal(() => readLock(path))).toMatch(/seal: .*restore the file from version control/);
    handEdit(path, (j) => (j.seal = 'ok'));
    expect(refusal(() => readLock(path))).toMatch(/seal: must be the seal synth writes/);
  });

  it.each(['trust-0', 'trust-007', 'trust-01', 'trust--1', 'trust-1 ', 'Trust-1', 'trust-1.5', 'trust-'])(
    'is refused with a stack id synth never writes: %s (also in an older, unsealed lock)',
    (stack) => {
      const path = join(tempDir(), 'org.lock.json');
      writeFileSync(path, JSON.stringify({ version: 2, accounts: { ACCOUNT01: { stack } } }));
      expect(refusal(() => readLock(path))).toMatch(/accounts\.ACCOUNT01\.stack: must be a trust stack name as synth writes it \(trust-1, trust-2, \.\.\.\)/);
      writeFileSync(path, JSON.stringify({ version: 2, accounts: {}, history: { forgottenAccounts: [{ key: 'x', stack }] } }));
      expect(refusal(() => readLock(path))).toMatch(/history\.forgottenAccounts\[0\]\.stack: must be a trust stack name/);
    },
  );
});

describe('the organization a lock belongs to', () => {
  it('is recorded as the management account id', () => {
    const { json } = written(lockOf(exampleInput()));
    expect(json().managementAccountId).toBe('111111111111');
    expect(json().version).toBe(3);
    expect(json().seal).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("refuses another organization's lock", () => {
    const lock = readLock(written(lockOf(exampleInput())).path);
    const other = exampleInput();
    other.organization = { ...other.organization!, managementAccountId: '999999999999' };
    expect(refusal(() => throwIfIssues('org.lock.json', lockOrganizationIssues('org.lock.json', lock, config(other))))).toMatch(
      /org\.lock\.json: managementAccountId: belongs to the organization of management account 111111111111, but the config names 999999999999/,
    );
    expect(lockOrganizationIssues('org.lock.json', lock, config(exampleInput()))).toEqual([]);
  });

  it("another organization's lock is one message: delete it where no state exists, restore it where some may", () => {
    const lock = readLock(written(lockOf(exampleInput())).path);
    const other = exampleInput();
    other.organization = { ...other.organization!, managementAccountId: '999999999999' };
    const fresh = lockOrganizationIssues('org.lock.json', lock, config(other));
    expect(fresh).toHaveLength(1);
    expect(fresh[0].message).toContain('delete org.lock.json; the next synth writes your organization');
    const withState = lockOrganizationIssues('org.lock.json', lock, config(other), 'terraform.*.tfstate files are in /x');
    expect(withState).toHaveLength(1);
    expect(withState[0].message).toContain("restore this organization's own lock from version control");
    expect(withState[0].message).not.toContain('delete org.lock.json');
  });

  it('is learnt by an older lock, which has none: accepted once and sealed on the next write', () => {
    const path = join(tempDir(), 'org.lock.json');
    const { managementAccountId: _m, ...v2 } = lockOf(exampleInput());
    writeFileSync(path, JSON.stringify({ ...v2, version: 2 }));
    const read = readLock(path);
    expect(read.managementAccountId).toBeUndefined();
    const plan = planOrg(config(exampleInput()), read);
    expect(plan.changes).toEqual(['organization: management account 111111111111']);
    writeLock(path, plan.lock);
    expect(readLock(path).managementAccountId).toBe('111111111111');
  });
});

describe('writing the lock', () => {
  const lock = lockOf(exampleInput());

  it('writes through a symbolic link: the link stays, its target gets the new lock', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'shared'));
    const target = join(dir, 'shared', 'real.lock.json');
    writeFileSync(target, '{}');
    const link = join(dir, 'org.lock.json');
    symlinkSync(join('shared', 'real.lock.json'), link);
    writeLock(link, lock);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(join('shared', 'real.lock.json'));
    expect(readLock(target)).toEqual(readLock(link));
    expect(JSON.parse(readFileSync(target, 'utf8')).managementAccountId).toBe('111111111111');
  });

  it('keeps the permissions of the file it replaces', () => {
    const path = join(tempDir(), 'org.lock.json');
    writeFileSync(path, '{}');
    chmodSync(path, 0o640);
    writeLock(path, lock);
    expect(statSync(path).mode & 0o777).toBe(0o640);
  });

  it('refuses a read-only lock (also for root), and writes nothing', () => {
    const path = join(tempDir(), 'org.lock.json');
    writeFileSync(path, 'before');
    chmodSync(path, 0o444);
    expect(refusal(() => writeLock(path, lock))).toMatch(/org\.lock\.json: is read-only, and synth would change it; nothing was written/);
    expect(readFileSync(path, 'utf8')).toBe('before');
    expect(refusal(() => lockWriteTarget(path))).toMatch(/read-only/);
  });

  it('refuses a lock in a read-only directory (a new lock too), before writing anything', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'org.lock.json'), 'before');
    chmodSync(dir, 0o555);
    try {
      expect(refusal(() => writeLock(join(dir, 'org.lock.json'), lock))).toMatch(/is read-only \(its directory .*\), and synth would change it/);
      expect(refusal(() => lockWriteTarget(join(dir, 'new.lock.json')))).toMatch(/is read-only \(its directory\)/);
      expect(readFileSync(join(dir, 'org.lock.json'), 'utf8')).toBe('before');
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  it('refuses a lock path that is a directory, as a config error', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'org.lock.json'));
    expect(refusal(() => readLock(join(dir, 'org.lock.json')))).toMatch(/org\.lock\.json: cannot be read \(EISDIR\)/);
  });

  it('refuses a read-only target behind a link, and a link to nothing', () => {
    const dir = tempDir();
    const target = join(dir, 'real.lock.json');
    writeFileSync(target, 'before');
    chmodSync(target, 0o444);
    symlinkSync(target, join(dir, 'org.lock.json'));
    expect(refusal(() => writeLock(join(dir, 'org.lock.json'), lock))).toMatch(/is read-only \(.*real\.lock\.json\)/);
    expect(readFileSync(target, 'utf8')).toBe('before');
    symlinkSync(join(dir, 'missing.json'), join(dir, 'dangling.lock.json'));
    expect(refusal(() => writeLock(join(dir, 'dangling.lock.json'), lock))).toMatch(/is a symbolic link to a file that does not exist/);
  });
});
