import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../config/config-error';
import { EMPTY_LOCK, type ShardLock } from './trust-shards';

const lockSchema = z.strictObject({
  '//': z.string().optional(),
  version: z.literal(1),
  identityAccount: z.string().optional(),
  organizationalUnits: z.array(z.string()).optional(),
  retiredOrganizationalUnits: z.array(z.string()).optional(),
  accounts: z.record(
    z.string(),
    z.strictObject({ stack: z.string().regex(/^trust-\d+$/), retired: z.literal(true).optional() }),
  ),
});

const HEADER =
  'Written by synth; commit it. It pins each member account to its trust stack so that adding accounts never moves state, ' +
  'and records the OUs so that none is deleted by accident. ' +
  'An account or OU marked retired may be deleted from the config once `cdktf apply` has run for management (and the account\'s trust stack).';

/** org.yaml -> org.lock.json, beside it. */
export function lockPathFor(configPath: string): string {
  const name = basename(configPath, extname(configPath));
  return join(dirname(configPath), `${name}.lock.json`);
}

export function readLock(path: string): ShardLock {
  if (!existsSync(path)) return EMPTY_LOCK;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigError(path, [{ path: [], message: `is not valid JSON (${(e as Error).message}); restore it from version control` }]);
  }
  const parsed = lockSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      path,
      parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: `${i.message}; restore the file from version control` })),
    );
  }
  const { '//': _header, ...lock } = parsed.data;
  return lock as ShardLock;
}

function renderLock(lock: ShardLock): string {
  const { version, identityAccount, organizationalUnits, retiredOrganizationalUnits, accounts } = lock;
  return `${JSON.stringify({ '//': HEADER, version, identityAccount, organizationalUnits, retiredOrganizationalUnits, accounts }, null, 2)}\n`;
}

/** Writes through a temporary file and a rename, so that a crash never leaves half a lock. */
export function writeLock(path: string, lock: ShardLock): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, renderLock(lock));
  renameSync(tmp, path);
}
