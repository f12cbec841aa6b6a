import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateCommand } from '../../cli/commands/validate';
import { parseConfig } from '../../config/load-config';
import { ConfigError } from '../../errors/user-errors';
import { readLock, writeLock } from '../../lock/lock-file';
import { checkOrgLock, loadOrg } from '../../lock/load-org';
import { planOrg } from '../../lock/org-plan';
import { exampleInput, renameMember, retire, toYaml, withoutAccount, type OrgInput } from '../helpers/org-inputs';
import { tempDir } from '../helpers/run-main';

/** ACCOUNT03 is adopted in the example (id 333333333333). */
const withId = (input: OrgInput, name: string, id: string | undefined): OrgInput => ({
  ...input,
  accounts: input.accounts.map((a) => (a.name === name ? { ...a, id } : a)),
});

/** A project whose lock synth wrote for `lockInput`, with `input` as org.yaml. */
function project(input: OrgInput, lockInput: OrgInput = exampleInput()) {
  const dir = tempDir();
  const configPath = join(dir, 'org.yaml');
  writeFileSync(configPath, toYaml(input));
  writeLock(join(dir, 'org.lock.json'), planOrg(parseConfig(toYaml(lockInput))).lock);
  const check = () => checkOrgLock(loadOrg(configPath), { frozen: false, outdir: join(dir, 'cdktf.out'), env: {} });
  return { dir, configPath, check };
}

/** Synth's lock checks and lock write for each config in turn, as a sequence of pull requests; returns the project's config path. */
function synthSteps(steps: readonly OrgInput[]): string {
  const configPath = join(tempDir(), 'org.yaml');
  for (const step of steps) {
    writeFileSync(configPath, toYaml(step));
    const org = loadOrg(configPath);
    checkOrgLock(org, { frozen: false, outdir: join(configPath, '..', 'cdktf.out'), env: { ORG_LOCK_INIT: '1' } });
    writeLock(org.lockPath, org.plan.lock);
  }
  return configPath;
}

function refusal(run: () => unknown): ConfigError {
  try {
    run();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('the lock records the id of every adopted account', () => {
  it('synth writes it into the entry, beside the stack', () => {
    expect(planOrg(parseConfig(toYaml(exampleInput()))).lock.accounts.ACCOUNT03).toEqual({ stack: 'trust-1', id: '333333333333' });
    expect(planOrg(parseConfig(toYaml(exampleInput()))).lock.accounts.ACCOUNT01).toEqual({ stack: 'trust-1' });
  });

  it('a lock written before ids were recorded learns it, as a lock change', () => {
    const { dir, check } = project(exampleInput(), withId(exampleInput(), 'ACCOUNT03', undefined));
    expect(readLock(join(dir, 'org.lock.json')).accounts.ACCOUNT03).toEqual({ stack: 'trust-1' });
    expect(check()).toBe(true);
    const org = loadOrg(join(dir, 'org.yaml'));
    expect(org.plan.changes).toEqual(['ACCOUNT03 in trust-1: id 333333333333 recorded']);
    expect(org.plan.lock.accounts.ACCOUNT03).toEqual({ stack: 'trust-1', id: '333333333333' });
  });
});

describe('an account id other than the locked one is refused', () => {
  it('names accounts[i].id in org.yaml with its line, both ids, and the way to point the name at another account', () => {
    const { configPath, check } = project(withId(exampleInput(), 'ACCOUNT03', '999999999999'));
    const error = refusal(check);
    expect(error.file).toBe(configPath);
    const line = readFileSync(configPath, 'utf8').split('\n').findIndex((l) => l.includes('999999999999')) + 1;
    expect(error.issues).toEqual([{ path: ['accounts', 2, 'id'], line, message: expect.stringContaining('records account "ACCOUNT03" as 333333333333') }]);
    expect(error.message).toContain(`org.yaml:${line}: accounts[2].id: is 999999999999, but `);
    expect(error.message).toMatch(/retire this one \(id 333333333333, `retired: true`\), synth and apply, delete its entry and synth, then add the other account as a new entry/);
    // validate runs the same check.
    expect(() => validateCommand({ config: configPath }, {})).toThrow(error.message);
  });

  it('follows a rename: the renamed entry keeps its id, and another id under the new name is refused', () => {
    const renamed = renameMember(exampleInput(), 'ACCOUNT03', 'Legacy', true);
    const kept = project(renamed);
    expect(kept.check()).toBe(true);
    expect(loadOrg(kept.configPath).plan.lock.accounts.Legacy).toEqual({ stack: 'trust-1', id: '333333333333' });
    expect(refusal(project(withId(renamed, 'Legacy', '999999999999')).check).issues[0].path).toEqual(['accounts', 2, 'id']);
  });

  it('a retired account with another id is refused too (its trust stack forgets the role through that id)', () => {
    const retiredElsewhere = withId(retire(exampleInput(), 'ACCOUNT03'), 'ACCOUNT03', '999999999999');
    expect(refusal(project(retiredElsewhere).check).issues.map((i) => i.path)).toEqual([['accounts', 2, 'id']]);
  });
});

describe('what stays allowed', () => {
  it('the same id, and an id left out of the config (the lock keeps it: the state still holds that account)', () => {
    expect(project(exampleInput()).check()).toBe(false);
    const dropped = project(withId(exampleInput(), 'ACCOUNT03', undefined));
    expect(dropped.check()).toBe(false);
    expect(loadOrg(dropped.configPath).plan.lock.accounts.ACCOUNT03).toEqual({ stack: 'trust-1', id: '333333333333' });
    // Given again later, another id is still refused.
    const later = synthSteps([exampleInput(), withId(exampleInput(), 'ACCOUNT03', undefined)]);
    writeFileSync(later, toYaml(withId(exampleInput(), 'ACCOUNT03', '999999999999')));
    expect(() => validateCommand({ config: later }, {})).toThrow(/accounts\[2\]\.id: is 999999999999, but .* records account "ACCOUNT03" as 333333333333/);
  });

  it('an id given to an account that Terraform created (the lock has none to compare)', () => {
    expect(project(withId(exampleInput(), 'ACCOUNT01', '444444444444')).check()).toBe(true);
  });

  it('the documented way: retire, delete the entry, then add the other account under the name', () => {
    const configPath = synthSteps([exampleInput(), retire(exampleInput(), 'ACCOUNT03'), withoutAccount(exampleInput(), 'ACCOUNT03'), withId(exampleInput(), 'ACCOUNT03', '999999999999')]);
    const dir = join(configPath, '..');
    expect(readLock(join(dir, 'org.lock.json')).accounts.ACCOUNT03).toEqual({ stack: 'trust-1', id: '999999999999' });
  });
});
