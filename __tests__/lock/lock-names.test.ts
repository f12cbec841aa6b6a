import { join } from 'node:path';
import { parseConfig } from '../../config/load-config';
import { ConfigError } from '../../errors/user-errors';
import { readLock, writeLock } from '../../lock/lock-file';
import type { ShardLock } from '../../lock/lock-format';
import { lockedAccountKey, lockedAccountName, lockedOuKey, lockedOuPath } from '../../lock/lock-names';
import { planOrg } from '../../lock/org-plan';
import { downgradeLock, type LockJson } from '../helpers/downgrade-lock';
import { refusal } from '../helpers/refusal';
import { exampleInput, renameMember, retire, toYaml, withoutAccount, type OrgInput } from '../helpers/org-inputs';
import { tempDir } from '../helpers/run-main';

/** The lock synth writes for `inputs` in turn, each planned with the one before. */
function lockAfter(...inputs: OrgInput[]): ShardLock {
  return inputs.reduce<ShardLock | undefined>((lock, input) => planOrg(parseConfig(toYaml(input)), lock).lock, undefined)!;
}

/** A lock file with `edit` applied to its JSON as an older, unsealed lock (nothing else could catch it). */
function unsealedWith(edit: (json: LockJson) => void): string {
  const path = join(tempDir(), 'org.lock.json');
  writeLock(path, lockAfter(exampleInput()));
  downgradeLock(path, edit);
  return path;
}

describe('names and keys read from the lock follow the config rules', () => {
  it('refuses a history key that synth could not have written, naming the entry (it would reach moved and removed blocks and provider aliases)', () => {
    const path = unsealedWith((json) => {
      json.history = { forgottenAccounts: [{ key: 'x${file("/etc/hostname")}', stack: 'trust-1', accountId: '444444444444' }], forgottenOus: ['q"} y'] };
    });
    const message = refusal(() => readLock(path), ConfigError);
    expect(message).toContain('org.lock.json: history.forgottenAccounts[0].key: must be the Terraform key of an account as synth writes it');
    expect(message).toContain('org.lock.json: history.forgottenOus[0]: must be the Terraform key of an OU path as synth writes it');
  });

  it.each([
    ['an account name with a template', (j: LockJson) => ((j.accounts as Record<string, unknown>)['a${b}'] = { stack: 'trust-1' }), /accounts\.a\$\{b\}: must be an account name/],
    ['an overlong account name', (j: LockJson) => ((j.accounts as Record<string, unknown>)['A'.repeat(51)] = { stack: 'trust-1' }), /must be an account name of 1-50 characters/],
    ['an identity account name with a quote', (j: LockJson) => (j.identityAccount = 'I"AM'), /identityAccount: must be an account name/],
    ['an empty OU name in a path', (j: LockJson) => (j.organizationalUnits = ['Workloads//Prod']), /organizationalUnits\[0\]: must be an OU path/],
    ['an OU path six levels deep', (j: LockJson) => (j.retiredOrganizationalUnits = ['a/b/c/d/e/f']), /retiredOrganizationalUnits\[0\]: must be an OU path/],
    ['a rename key with a capital', (j: LockJson) => (j.history = { accountMoves: [{ from: 'Old', to: 'new', stack: 'trust-1' }] }), /history\.accountMoves\[0\]\.from: must be the Terraform key of an account/],
    ['an OU rename key with a double underscore', (j: LockJson) => (j.history = { ouMoves: [{ from: 'a__b', to: 'a_b' }] }), /history\.ouMoves\[0\]\.from: must be the Terraform key of an OU path/],
  ])('refuses %s', (_what, edit, expected) => {
    expect(refusal(() => readLock(unsealedWith(edit)), ConfigError)).toMatch(expected);
  });

  it('reads back every name and key synth writes: renames, retirements, forgotten accounts, prototype names', () => {
    const odd = exampleInput();
    odd.accounts.push({ name: '__proto__', email: 'p@example.com' }, { name: '9 Lives & Co.', email: 'nine@example.com' });
    const lock = lockAfter(odd, renameMember(odd, '9 Lives & Co.', 'Nine', true), retire(renameMember(odd, '9 Lives & Co.', 'Nine', true), '__proto__'), withoutAccount(renameMember(odd, '9 Lives & Co.', 'Nine', true), '__proto__'));
    expect(lock.history!.accountMoves).toEqual([{ from: 'n9_lives_co', to: 'nine', stack: 'trust-1' }]);
    expect(lock.history!.forgottenAccounts.map((f) => f.key)).toEqual(['proto']);
    const path = join(tempDir(), 'org.lock.json');
    writeLock(path, lock);
    expect(readLock(path)).toEqual(lock);
  });

  it('bounds every pattern by length first (a 5 MB key is a message, not a stack overflow)', () => {
    for (const schema of [lockedAccountName, lockedOuPath, lockedAccountKey, lockedOuKey]) {
      const result = schema.safeParse('a'.repeat(5_000_000));
      expect(result.success).toBe(false);
    }
    expect(lockedOuKey.safeParse('workloads_prod').success).toBe(true);
    expect(lockedOuPath.safeParse('Workloads/Prod').success).toBe(true);
  });
});
