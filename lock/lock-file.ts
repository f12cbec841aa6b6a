import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../config/config-error';
import { ACCOUNT_ID } from '../config/iam-names';
import { EMPTY_HISTORY, isEmptyHistory, type LockHistory } from './history';
import { EMPTY_LOCK, LOCK_VERSION, type ShardLock } from './trust-shards';

const key = z.string().min(1);
const stack = z.string().regex(/^trust-\d+$/);
const historySchema = z.strictObject({
  accountMoves: z.array(z.strictObject({ from: key, to: key, stack: stack.optional() })).optional(),
  forgottenAccounts: z.array(z.strictObject({ key, stack, accountId: z.string().regex(ACCOUNT_ID).optional() })).optional(),
  ouMoves: z.array(z.strictObject({ from: key, to: key })).optional(),
  forgottenOus: z.array(key).optional(),
});

/** Version 1 had no history; it reads as version 2 with an empty one. */
const lockSchema = z.strictObject({
  '//': z.string().optional(),
  version: z.union([z.literal(1), z.literal(LOCK_VERSION)]),
  identityAccount: z.string().optional(),
  organizationalUnits: z.array(z.string()).optional(),
  retiredOrganizationalUnits: z.array(z.string()).optional(),
  accounts: z.record(
    z.string(),
    z.strictObject({ stack, retired: z.literal(true).optional(), id: z.string().regex(ACCOUNT_ID).optional() }),
  ),
  history: historySchema.optional(),
});

const HEADER =
  'Written by synth; commit it. It pins each member account to its trust stack so that adding accounts never moves state, ' +
  'and records the OUs so that none is deleted by accident. ' +
  '`history` keeps renames and accounts and OUs deleted after retiring: synth writes them as moved and removed blocks on every run, ' +
  'so a renamedFrom or a retired entry may leave the config after one synth.';

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
  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > LOCK_VERSION) {
    throw new ConfigError(path, [
      { path: ['version'], message: `is ${version}: this lock was written by a newer org-trust (this one reads up to version ${LOCK_VERSION}); upgrade org-trust` },
    ]);
  }
  const parsed = lockSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      path,
      parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: `${i.message}; restore the file from version control` })),
    );
  }
  const { '//': _header, version: _version, history, ...lock } = parsed.data;
  return { ...lock, version: LOCK_VERSION, history: { ...EMPTY_HISTORY, ...history } };
}

/** Only the non-empty lists of the history; none at all when it is empty. */
function renderHistory(history: LockHistory | undefined): Partial<LockHistory> | undefined {
  if (!history || isEmptyHistory(history)) return undefined;
  const { accountMoves, forgottenAccounts, ouMoves, forgottenOus } = history;
  const lists = { accountMoves, forgottenAccounts, ouMoves, forgottenOus };
  return Object.fromEntries(Object.entries(lists).filter(([, list]) => list.length));
}

function renderLock(lock: ShardLock): string {
  const { version, identityAccount, organizationalUnits, retiredOrganizationalUnits, accounts } = lock;
  const history = renderHistory(lock.history);
  return `${JSON.stringify({ '//': HEADER, version, identityAccount, organizationalUnits, retiredOrganizationalUnits, accounts, history }, null, 2)}\n`;
}

/** Writes through a temporary file and a rename, so that a crash never leaves half a lock. */
export function writeLock(path: string, lock: ShardLock): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, renderLock(lock));
  renameSync(tmp, path);
}

/** Whether writing `lock` would change the file at `path` (new content, or an older format). */
export function lockFileWouldChange(path: string, lock: ShardLock): boolean {
  return !existsSync(path) || readFileSync(path, 'utf8') !== renderLock(lock);
}
