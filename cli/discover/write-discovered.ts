import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { ConfigError, throwIfIssues, UsageError } from '../../errors/user-errors';
import { parseConfig } from '../../config/load-config';
import { lockChangeIssues } from '../../lock/lock-check';
import { lockPathFor, readLock, writeLock } from '../../lock/lock-file';
import { EMPTY_LOCK, type ShardLock } from '../../lock/lock-format';
import type { OrgConfig } from '../../config/model';
import { lockOrganizationIssues, stateEvidence } from '../../lock/missing-lock';
import { DEFAULT_OUTDIR, localStateDirs } from '../../lock/state-location';
import { planOrg } from '../../lock/org-plan';

/**
 * Writes the discovered org.yaml and its lock. The text is validated as synth would read
 * it, and the lock comes from the project's own planning of that config (so that it is
 * exactly what synth would write), before either file is touched.
 */
/** Refuses, before any AWS read, to overwrite a config or lock without --force. */
export function checkDiscoverTargets(configPath: string, force: boolean): void {
  const existing = [configPath, lockPathFor(configPath)].filter((p) => existsSync(p));
  if (existing.length && !force) throw new UsageError(`${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''}: pass --force to overwrite, or --config another path`);
}

/**
 * The lock the new one starts from: the existing lock where it is this organization's (its
 * accounts keep their trust stacks, whose state may exist); none where it is another
 * organization's (the bundled example's, typically) and no state of this config exists here.
 */
function previousLockFor(lockPath: string, configPath: string, config: OrgConfig): ShardLock {
  const previous = readLock(lockPath);
  const evidence = stateEvidence(config.backend, localStateDirs(configPath, DEFAULT_OUTDIR));
  const foreign = lockOrganizationIssues(lockPath, previous, config, evidence);
  if (!foreign.length) return previous;
  if (evidence) throwIfIssues(lockPath, foreign);
  return EMPTY_LOCK;
}

export function writeDiscovered(configPath: string, yamlText: string, force: boolean): { lockPath: string; stacks: number } {
  const lockPath = lockPathFor(configPath);
  checkDiscoverTargets(configPath, force);
  let config;
  try {
    config = parseConfig(yamlText, configPath);
  } catch (e) {
    if (e instanceof ConfigError) throw new ConfigError(configPath, [{ path: [], message: `the organization cannot be written as a valid config (nothing was written):\n${e.message}` }]);
    throw e;
  }
  const plan = planOrg(config, previousLockFor(lockPath, configPath, config));
  throwIfIssues(lockPath, lockChangeIssues(plan, lockPath, { frozen: false }));
  const tmp = `${configPath}.tmp-${process.pid}`;
  writeFileSync(tmp, yamlText);
  renameSync(tmp, configPath);
  writeLock(lockPath, plan.lock);
  return { lockPath, stacks: plan.stacks.size };
}
