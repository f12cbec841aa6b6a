import { writeLock } from '../../lock/lock-file';
import { configFingerprint, writeSynthStamp } from '../../lock/synth-stamp';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../config/load-config';
import type { ShardLock } from '../../lock/lock-format';
import { planOrg } from '../../lock/org-plan';
import { synthConfig } from '../helpers/synth';

export interface SynthPair {
  readonly dir: string;
  /** The head's config, as --config. */
  readonly configPath: string;
  readonly baseOut: string;
  readonly headOut: string;
}

function writeOut(dir: string, text: Readonly<Record<string, string>>): void {
  for (const [name, json] of Object.entries(text)) {
    mkdirSync(join(dir, 'stacks', name), { recursive: true });
    writeFileSync(join(dir, 'stacks', name, 'cdk.tf.json'), json);
  }
}

/**
 * Two synths as a pull request sees them: the base branch's, and the head's synthesized with
 * the lock the base committed (so renames and shard places carry over).
 */
export function synthPair(baseYaml: string, headYaml: string): SynthPair {
  const dir = mkdtempSync(join(tmpdir(), 'org-trust-diff-'));
  const baseConfig = parseConfig(baseYaml);
  const baseLock = planOrg(baseConfig).lock;
  const baseOut = join(dir, 'base', 'cdktf.out');
  const headOut = join(dir, 'head', 'cdktf.out');
  writeOut(baseOut, synthConfig(baseConfig, baseLock).text);
  const headConfig = parseConfig(headYaml);
  writeOut(headOut, synthConfig(headConfig, baseLock).text);
  // As synth leaves the head: the lock it updated beside the config, and the stamp of both.
  const headLock = planOrg(headConfig, baseLock).lock;
  writeLock(join(dir, 'org.lock.json'), headLock);
  writeSynthStamp(headOut, configFingerprint(headConfig, headLock));
  const configPath = join(dir, 'org.yaml');
  writeFileSync(configPath, headYaml);
  return { dir, configPath, baseOut, headOut };
}

/** One config synthesized with two locks: what a lock change alone does to the stacks. */
export function synthLockPair(yaml: string, baseLock: ShardLock, headLock: ShardLock): SynthPair {
  const dir = mkdtempSync(join(tmpdir(), 'org-trust-diff-'));
  const config = parseConfig(yaml);
  const baseOut = join(dir, 'base', 'cdktf.out');
  const headOut = join(dir, 'head', 'cdktf.out');
  writeOut(baseOut, synthConfig(config, baseLock).text);
  writeOut(headOut, synthConfig(config, headLock).text);
  const written = planOrg(config, headLock).lock;
  writeLock(join(dir, 'org.lock.json'), written);
  writeSynthStamp(headOut, configFingerprint(config, written));
  const configPath = join(dir, 'org.yaml');
  writeFileSync(configPath, yaml);
  return { dir, configPath, baseOut, headOut };
}
