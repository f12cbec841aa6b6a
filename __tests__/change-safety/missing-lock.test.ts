import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../config/config-error';
import type { BackendConfig } from '../../config/model';
import { checkLockPresent } from '../../lock/missing-lock';

const local: BackendConfig = { type: 'local' };
const s3: BackendConfig = { type: 's3', bucket: 'state', region: 'us-east-1', keyPrefix: 'org', useLockfile: true };

function workdir(files: string[] = []): { dir: string; lock: string } {
  const dir = mkdtempSync(join(tmpdir(), 'missing-lock-'));
  for (const f of files) writeFileSync(join(dir, f), '{}');
  return { dir, lock: join(dir, 'org.lock.json') };
}

const refusal = (fn: () => void): string => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('a missing lock', () => {
  it('is started silently for a new organization with local state and no state files', () => {
    const { dir, lock } = workdir();
    expect(() => checkLockPresent(lock, local, {}, dir)).not.toThrow();
  });

  it('is refused where local state files exist, telling to restore it or to start one deliberately', () => {
    const { dir, lock } = workdir(['terraform.management.tfstate', 'terraform.trust-1.tfstate']);
    expect(refusal(() => checkLockPresent(lock, local, {}, dir))).toMatch(
      /org\.lock\.json: is missing, and terraform\.\*\.tfstate files are here\..*Restore .*org\.lock\.json from version control.*ORG_LOCK_INIT=1/,
    );
  });

  it('is refused with a remote backend, whose state cannot be seen from here', () => {
    const { dir, lock } = workdir();
    expect(refusal(() => checkLockPresent(lock, s3, {}, dir))).toMatch(/the s3 backend may hold state/);
  });

  it('is started when ORG_LOCK_INIT=1 says this is the first synth', () => {
    const { dir, lock } = workdir(['terraform.management.tfstate']);
    expect(() => checkLockPresent(lock, s3, { ORG_LOCK_INIT: '1' }, dir)).not.toThrow();
    expect(() => checkLockPresent(lock, local, { ORG_LOCK_INIT: '1' }, dir)).not.toThrow();
  });

  it('is no question when the lock exists', () => {
    const { dir, lock } = workdir(['terraform.management.tfstate', 'org.lock.json']);
    expect(() => checkLockPresent(lock, s3, {}, dir)).not.toThrow();
  });
});
