import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, throwIfIssues } from '../../errors/user-errors';
import { parseConfig } from '../../config/load-config';
import type { BackendConfig, OrgConfig } from '../../config/model';
import { lockPresenceIssues } from '../../lock/missing-lock';
import { EMPTY_LOCK, type ShardLock } from '../../lock/lock-format';
import { exampleYaml } from '../helpers/example';
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
