import { chmodSync, existsSync, lstatSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { z } from 'zod';
import { ConfigError, throwIfIssues, type ConfigIssue } from '../errors/user-errors';
import { ACCOUNT_ID } from '../config/iam-names';
import { nameTableSchema } from '../config/name-table';
import { EMPTY_HISTORY, isEmptyHistory, type LockHistory } from './history';
import { lockedAccountKey, lockedAccountName, lockedOuKey, lockedOuPath } from './lock-names';
import { lockSeal } from './lock-seal';
import { TRUST_STACK_PATTERN } from './stack-naming';
import { EMPTY_LOCK, LOCK_VERSION, type ShardLock } from './lock-format';

/** As synth names them (TRUST_STACK_PATTERN): `trust-0` or `trust-007` can only come from a hand edit. */
const stack = z.string().regex(TRUST_STACK_PATTERN, { error: 'must be a trust stack name as synth writes it (trust-1, trust-2, ...)' });
const historySchema = z.strictObject({
  accountMoves: z.array(z.strictObject({ from: lockedAccountKey, to: lockedAccountKey, stack: stack.optional() })).optional(),
  forgottenAccounts: z.array(z.strictObject({ key: lockedAccountKey, stack, accountId: z.string().regex(ACCOUNT_ID).optional() })).optional(),
  ouMoves: z.array(z.strictObject({ from: lockedOuKey, to: lockedOuKey })).optional(),
  forgottenOus: z.array(lockedOuKey).optional(),
});

const lockFields = {
  '//': z.string().optional(),
  identityAccount: lockedAccountName.optional(),
  organizationalUnits: z.array(lockedOuPath).optional(),
  retiredOrganizationalUnits: z.array(lockedOuPath).optional(),
  accounts: nameTableSchema(
    lockedAccountName,
    z.strictObject({ stack, retired: z.literal(true).optional(), id: z.string().regex(ACCOUNT_ID).optional() }),
    { error: 'must be a map of account names to their trust stacks' },
  ),
  history: historySchema.optional(),
};

/**
 * Version 1 had no history; version 2 had neither the organization nor the seal. Both read as
 * the current version without them, and gain them when synth next writes the lock.
 */
const lockSchema = z.discriminatedUnion('version', [
  z.strictObject({ ...lockFields, version: z.union([z.literal(1), z.literal(2)]) }),
  z.strictObject({
    ...lockFields,
    version: z.literal(LOCK_VERSION),
    managementAccountId: z.string().regex(ACCOUNT_ID, { error: 'must be the 12-digit management account id' }),
    seal: z.string().regex(/^sha256:[0-9a-f]{64}$/, { error: 'must be the seal synth writes (sha256:...)' }),
  }),
]);

const HEADER =
  'Written by synth; commit it, never edit it (the seal refuses hand edits). It pins each member account to its trust stack so that adding accounts never moves state, ' +
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
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(path, [{ path: [], message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); it must be the lock file synth writes` }]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
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
  const { '//': _header, version: _version, history, ...fields } = parsed.data;
  const { seal, ...rest } = 'seal' in fields ? fields : { ...fields, seal: undefined };
  const lock: ShardLock = { ...rest, version: LOCK_VERSION, history: { ...EMPTY_HISTORY, ...history } };
  if (seal !== undefined && seal !== lockSeal(sealedContent(lock))) {
    throw new ConfigError(path, [
      {
        path: ['seal'],
        message:
          'does not match the lock: it was edited by hand. A hand edit can move an account away from its Terraform state (its role would be deleted from one trust stack and imported into another), ' +
          `so it is refused. Restore ${path} from version control (git checkout -- ${path}); after a merge conflict, take one side's lock whole and synth again: synth places the other side's new accounts itself.`,
      },
    ]);
  }
  return lock;
}

/** Only the non-empty lists of the history; none at all when it is empty. */
function renderHistory(history: LockHistory | undefined): Partial<LockHistory> | undefined {
  if (!history || isEmptyHistory(history)) return undefined;
  const { accountMoves, forgottenAccounts, ouMoves, forgottenOus } = history;
  const lists = { accountMoves, forgottenAccounts, ouMoves, forgottenOus };
  return Object.fromEntries(Object.entries(lists).filter(([, list]) => list.length));
}

/** Everything the lock says, in one key order whatever the file's: what the seal covers. */
function sealedContent(lock: ShardLock) {
  const { managementAccountId, identityAccount, organizationalUnits, retiredOrganizationalUnits } = lock;
  // Entries as [name, entry] pairs: a JSON object would need a prototype-free rebuild to keep "__proto__".
  const accounts = Object.entries(lock.accounts)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, { stack, retired, id }]) => [name, { stack, retired, id }]);
  return { managementAccountId, identityAccount, organizationalUnits, retiredOrganizationalUnits, accounts, history: renderHistory(lock.history) };
}

function renderLock(lock: ShardLock): string {
  const { version, managementAccountId, identityAccount, organizationalUnits, retiredOrganizationalUnits, accounts } = lock;
  const history = renderHistory(lock.history);
  const seal = lockSeal(sealedContent(lock));
  const file = { '//': HEADER, version, managementAccountId, identityAccount, organizationalUnits, retiredOrganizationalUnits, accounts, history, seal };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * The file a write of `path` really changes: a symbolic link is written through (its target
 * is replaced, the link stays). Refuses, before anything is written, a read-only lock (write
 * permission removed on purpose: nothing may change it) and a link to a missing file.
 */
export function lockWriteTarget(path: string): string {
  const { target, issues } = lockWrite(path);
  throwIfIssues(path, issues);
  return target;
}

/** Why synth could not write the lock at `path`; none where it can. */
export function lockWriteIssues(path: string): ConfigIssue[] {
  return lockWrite(path).issues;
}

function lockWrite(path: string): { target: string; issues: ConfigIssue[] } {
  let link;
  try {
    link = lstatSync(path);
  } catch {
    return { target: path, issues: readOnlyIssues(dirname(path), 'its directory') };
  }
  if (link.isSymbolicLink() && !existsSync(path)) {
    return { target: path, issues: [{ path: [], message: 'is a symbolic link to a file that does not exist; fix or remove the link' }] };
  }
  const target = realpathSync(path);
  const issues = [...readOnlyIssues(target, target === path ? undefined : target), ...readOnlyIssues(dirname(target), `its directory ${dirname(target)}`)];
  return { target, issues };
}

/** Mode bits, not access(2): root may write anything, yet a read-only lock means "do not change". */
function readOnlyIssues(file: string, what: string | undefined): ConfigIssue[] {
  if (!existsSync(file) || (statSync(file).mode & 0o222) !== 0) return [];
  return [
    {
      path: [],
      message: `is read-only${what ? ` (${what})` : ''}, and synth would change it; nothing was written. Make it writable (chmod u+w) to let synth update it.`,
    },
  ];
}

/**
 * Writes through a temporary file beside the real file and a rename, so that a crash never
 * leaves half a lock; a symbolic link keeps pointing at the new content, and the file keeps
 * its permissions.
 */
export function writeLock(path: string, lock: ShardLock): void {
  const target = lockWriteTarget(path);
  const mode = existsSync(target) ? statSync(target).mode & 0o777 : undefined;
  const tmp = join(dirname(target), `.${basename(target)}.tmp-${process.pid}`);
  try {
    writeFileSync(tmp, renderLock(lock), { flag: 'wx' });
    if (mode !== undefined) chmodSync(tmp, mode);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Whether writing `lock` would change the file at `path` (new content, or an older format). */
export function lockFileWouldChange(path: string, lock: ShardLock): boolean {
  return !existsSync(path) || readFileSync(path, 'utf8') !== renderLock(lock);
}
