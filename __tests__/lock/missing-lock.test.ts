import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, throwIfIssues } from '../../errors/user-errors';
import { parseConfig } from '../../config/load-config';
import type { BackendConfig, OrgConfig } from '../../config/model';
import { validateCommand } from '../../cli/commands/validate';
import { checkOrgLock, loadOrg } from '../../lock/load-org';
import { writeLock } from '../../lock/lock-file';
import { lockPresenceIssues, lockUpgradeIssues } from '../../lock/missing-lock';
import { EMPTY_LOCK, type ShardLock } from '../../lock/lock-format';
import { planOrg } from '../../lock/org-plan';
import { downgradeLock } from '../helpers/downgrade-lock';
import { exampleYaml } from '../helpers/example';
import { exampleInput, toYaml, type OrgInput } from '../helpers/org-inputs';
import { refusal as refuse } from '../helpers/refusal';

const local: BackendConfig = { type: 'local' };
const s3: BackendConfig = { type: 's3', bucket: 'state', region: 'us-east-1', keyPrefix: 'org', useLockfile: true };

const example = parseConfig(exampleYaml());
const withBackend = (backend: BackendConfig): OrgConfig => ({ ...example, backend });

/** The lock-presence check as synth reports it (a ConfigError for the lock), for a lock path and the state directory `dir`. */
const check = (lockPath: string, backend: BackendConfig, env: NodeJS.ProcessEnv, dir: string, lock: ShardLock = EMPTY_LOCK) =>
  throwIfIssues(lockPath, lockPresenceIssues(lockPath, lock, withBackend(backend), [dir], env));

function workdir(files: string[] = []): { dir: string; lock: string } {
  const dir = mkdtempSync(join(tmpdir(), 'missing-lock-'));
  for (const f of files) writeFileSync(join(dir, f), '{}');
  return { dir, lock: join(dir, 'org.lock.json') };
}

const refusal = (fn: () => unknown) => refuse(fn, ConfigError);

describe('a missing lock', () => {
  it('is started silently for a new organization with local state and no state files', () => {
    const { dir, lock } = workdir();
    expect(() => check(lock, local, {}, dir)).not.toThrow();
  });

  it('is refused where local state files exist, telling to restore it or to start one deliberately', () => {
    const { dir, lock } = workdir(['terraform.management.tfstate', 'terraform.trust-1.tfstate']);
    expect(refusal(() => check(lock, local, {}, dir))).toMatch(
      /org\.lock\.json: is missing, and terraform\.\*\.tfstate files are in .*missing-lock-[^,]*\..*Restore .*org\.lock\.json from version control.*ORG_LOCK_INIT=1/,
    );
  });

  it('is refused with a remote backend, whose state cannot be seen from here', () => {
    const { dir, lock } = workdir();
    expect(refusal(() => check(lock, s3, {}, dir))).toMatch(/the s3 backend may hold state/);
  });

  it('is started when ORG_LOCK_INIT=1 says this is the first synth', () => {
    const { dir, lock } = workdir(['terraform.management.tfstate']);
    expect(() => check(lock, s3, { ORG_LOCK_INIT: '1' }, dir)).not.toThrow();
    expect(() => check(lock, local, { ORG_LOCK_INIT: '1' }, dir)).not.toThrow();
  });

  it('is no question when the lock exists', () => {
    const { dir, lock } = workdir(['terraform.management.tfstate', 'org.lock.json']);
    const sealed: ShardLock = { ...EMPTY_LOCK, managementAccountId: '111111111111' };
    expect(() => check(lock, s3, {}, dir, sealed)).not.toThrow();
    expect(() => check(lock, local, {}, dir, sealed)).not.toThrow();
  });

  it('counts as missing when it was written before version 3 (unsealed) and places no account while the config has some', () => {
    const { dir, lock } = workdir(['terraform.trust-1.tfstate', 'org.lock.json']);
    expect(refusal(() => check(lock, local, {}, dir))).toMatch(/org\.lock\.json: places no account \(its accounts map is empty\), and terraform\.\*\.tfstate files are in .*ORG_LOCK_INIT=1/);
    expect(refusal(() => check(lock, s3, {}, dir))).toMatch(/places no account .*the s3 backend may hold state/);
    expect(() => check(lock, local, { ORG_LOCK_INIT: '1' }, dir)).not.toThrow();
  });
});

/** The example org with an s3 backend (remote state: synth cannot read it) and the sealed lock synth wrote for it, in a temp dir. */
function sealedOrg(edit: (input: OrgInput) => void = () => undefined) {
  const dir = mkdtempSync(join(tmpdir(), 'downgrade-'));
  const input = exampleInput();
  input.backend = { type: 's3', bucket: 'acme-terraform-state', region: 'us-east-1' };
  const configPath = join(dir, 'org.yaml');
  writeFileSync(configPath, toYaml(input));
  const org = loadOrg(configPath);
  writeLock(org.lockPath, org.plan.lock);
  edit(input);
  writeFileSync(configPath, toYaml(input));
  return { configPath, lockPath: org.lockPath };
}

const checkOrg = (configPath: string, env: NodeJS.ProcessEnv = {}) => () => checkOrgLock(loadOrg(configPath), { frozen: false, env });

describe('an older (version 1 or 2, unsealed) lock', () => {
  it('is refused until ORG_LOCK_UPGRADE=1 says it was checked, with what to do', () => {
    const { configPath, lockPath } = sealedOrg();
    downgradeLock(lockPath);
    expect(refusal(checkOrg(configPath))).toMatch(
      /org\.lock\.json: version: is 1 or 2 \(written by an older org-trust\): the lock has no seal and names no organization.*git log -p -- .*org\.lock\.json.*run synth once with ORG_LOCK_UPGRADE=1: it seals the lock and records the organization; commit it/,
    );
    expect(checkOrg(configPath, { ORG_LOCK_UPGRADE: '1' })()).toBe(true);
    // Sealed by that run, it needs nothing more.
    const org = loadOrg(configPath);
    writeLock(org.lockPath, org.plan.lock);
    expect(checkOrg(configPath)()).toBe(false);
  });

  it('refuses an account moved to another trust stack in a downgraded lock (remote backend: no state to compare)', () => {
    const { configPath, lockPath } = sealedOrg();
    expect(checkOrg(configPath)).not.toThrow();
    downgradeLock(lockPath, (json) => {
      json.accounts.Logging.stack = 'trust-2';
    });
    // Before: accepted, and the next synth put Logging's role into trust-2 (destroyed in trust-1's state, imported again).
    expect(refusal(checkOrg(configPath))).toMatch(/ORG_LOCK_UPGRADE=1/);
    expect(() => validateCommand({ config: configPath }, {})).toThrow(/version: is 1 or 2/);
  });

  it('refuses the lock of another organization once it is downgraded', () => {
    const { configPath, lockPath } = sealedOrg((input) => {
      input.organization = { ...input.organization!, managementAccountId: '999999999999' };
    });
    expect(refusal(checkOrg(configPath))).toMatch(/belongs to the organization of management account 111111111111/);
    downgradeLock(lockPath);
    expect(refusal(checkOrg(configPath))).toMatch(/version: is 1 or 2 .*for organization 999999999999/);
  });

  it('is not asked about when it places no account: that is a missing lock (ORG_LOCK_INIT)', () => {
    const { dir, lock } = workdir(['org.lock.json']);
    expect(lockUpgradeIssues(lock, EMPTY_LOCK, withBackend(local), {})).toEqual([]);
    const placed: ShardLock = { ...EMPTY_LOCK, accounts: planOrg(example).lock.accounts };
    expect(lockUpgradeIssues(lock, placed, withBackend(local), {})).toHaveLength(1);
    expect(lockUpgradeIssues(lock, { ...placed, managementAccountId: '111111111111' }, withBackend(local), {})).toEqual([]);
    expect(lockUpgradeIssues(join(dir, 'none.lock.json'), placed, withBackend(local), {})).toEqual([]);
  });
});
