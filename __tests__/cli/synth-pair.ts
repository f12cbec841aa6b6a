import type { OrgConfig } from '../../config/model';
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
 * Writes both outputs in a new directory, and the head as synth leaves it: its config as
 * org.yaml, the lock synth updates from `headLock` beside it, and the stamp of both.
 */
function writePair(base: { config: OrgConfig; lock: ShardLock }, head: { config: OrgConfig; yaml: string; lock: ShardLock }): SynthPair {
  const dir = mkdtempSync(join(tmpdir(), 'org-trust-diff-'));
  const baseOut = join(dir, 'base', 'cdktf.out');
  const headOut = join(dir, 'head', 'cdktf.out');
  writeOut(baseOut, synthConfig(base.config, base.lock).text);
  writeOut(headOut, synthConfig(head.config, head.lock).text);
  const written = planOrg(head.config, head.lock).lock;
  writeLock(join(dir, 'org.lock.json'), written);
  writeSynthStamp(headOut, configFingerprint(head.config, written));
  const configPath = join(dir, 'org.yaml');
  writeFileSync(configPath, head.yaml);
  return { dir, configPath, baseOut, headOut };
}

/**
 * Two synths as a pull request sees them: the base branch's, and the head's synthesized with
 * the lock the base committed (so renames and shard places carry over).
 */
export function synthPair(baseYaml: string, headYaml: string): SynthPair {
  const baseConfig = parseConfig(baseYaml);
  const baseLock = planOrg(baseConfig).lock;
  return writePair({ config: baseConfig, lock: baseLock }, { config: parseConfig(headYaml), yaml: headYaml, lock: baseLock });
}

/** One config synthesized with two locks: what a lock change alone does to the stacks. */
export function synthLockPair(yaml: string, baseLock: ShardLock, headLock: ShardLock): SynthPair {
  const config = parseConfig(yaml);
  return writePair({ config, lock: baseLock }, { config, yaml, lock: headLock });
}
