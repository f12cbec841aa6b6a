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

function writeHead(dir: string, baseOut: string, head: { config: OrgConfig; yaml: string; lock: ShardLock }): SynthPair {
  const headOut = join(dir, 'head', 'cdktf.out');
  writeOut(headOut, synthConfig(head.config, head.lock).text);
  const written = planOrg(head.config, head.lock).lock;
  writeLock(join(dir, 'org.lock.json'), written);
  writeSynthStamp(headOut, configFingerprint(head.config, written));
  const configPath = join(dir, 'org.yaml');
  writeFileSync(configPath, head.yaml);
  return { dir, configPath, baseOut, headOut };
}

/**
 * Writes the base's output once, and each head as synth leaves it in a directory of its own:
 * its config as org.yaml, the lock synth updates from the head's lock beside it, and the stamp.
 */
function writePairs(base: { config: OrgConfig; lock: ShardLock }, heads: readonly { config: OrgConfig; yaml: string; lock: ShardLock }[]): SynthPair[] {
  const dirs = heads.map(() => mkdtempSync(join(tmpdir(), 'org-trust-diff-')));
  // The first pair has the layout of a CI checkout: base/ beside head/.
  const baseOut = join(dirs[0], 'base', 'cdktf.out');
  writeOut(baseOut, synthConfig(base.config, base.lock).text);
  return heads.map((head, i) => writeHead(dirs[i], baseOut, head));
}

/**
 * Two synths as a pull request sees them: the base branch's, and the head's synthesized with
 * the lock the base committed (so renames and shard places carry over).
 */
export function synthPair(baseYaml: string, headYaml: string): SynthPair {
  return synthPairs(baseYaml, [headYaml])[0];
}

/** Several pull requests against one base, which is synthesized once (large organizations). */
export function synthPairs(baseYaml: string, headYamls: readonly string[]): SynthPair[] {
  const baseConfig = parseConfig(baseYaml);
  const baseLock = planOrg(baseConfig).lock;
  return writePairs(
    { config: baseConfig, lock: baseLock },
    headYamls.map((yaml) => ({ config: parseConfig(yaml), yaml, lock: baseLock })),
  );
}

/** One config synthesized with two locks: what a lock change alone does to the stacks. */
export function synthLockPair(yaml: string, baseLock: ShardLock, headLock: ShardLock): SynthPair {
  const config = parseConfig(yaml);
  return writePairs({ config, lock: baseLock }, [{ config, yaml, lock: headLock }])[0];
}
