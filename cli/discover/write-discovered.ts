import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { ConfigError, throwIfIssues, UsageError } from '../../errors/user-errors';
import { parseConfig } from '../../config/load-config';
import { lockChangeIssues } from '../../lock/lock-check';
import { lockPathFor, readLock, writeLock } from '../../lock/lock-file';
import { planOrg } from '../../lock/org-plan';

/**
 * Writes the discovered org.yaml and its lock. The text is validated as synth would read
 * it, and the lock comes from the project's own planning of that config (so that it is
 * exactly what synth would write), before either file is touched.
 */
export function writeDiscovered(configPath: string, yamlText: string, force: boolean): { lockPath: string; stacks: number } {
  const lockPath = lockPathFor(configPath);
  const existing = [configPath, lockPath].filter((p) => existsSync(p));
  if (existing.length && !force) throw new UsageError(`${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''}: pass --force to overwrite, or --config another path`);
  let config;
  try {
    config = parseConfig(yamlText, configPath);
  } catch (e) {
    if (e instanceof ConfigError) throw new ConfigError(configPath, [{ path: [], message: `the organization cannot be written as a valid config (nothing was written):\n${e.message}` }]);
    throw e;
  }
  // An existing lock stays the previous one: its accounts keep their trust stacks (their state may exist).
  const plan = planOrg(config, readLock(lockPath));
  throwIfIssues(lockPath, lockChangeIssues(plan, lockPath, { frozen: false }));
  const tmp = `${configPath}.tmp-${process.pid}`;
  writeFileSync(tmp, yamlText);
  renameSync(tmp, configPath);
  writeLock(lockPath, plan.lock);
  return { lockPath, stacks: plan.stacks.size };
}
