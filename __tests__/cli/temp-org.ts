import { configFingerprint, writeSynthStamp } from '../../lock/synth-stamp';
import { planOrg } from '../../lock/org-plan';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthYaml, type SynthResult } from '../helpers/synth';

export const BIN = join(__dirname, '..', '..', 'bin', 'org-trust.js');

export interface TempOrg {
  readonly dir: string;
  readonly configPath: string;
  /** A cdktf.out-like directory holding the synthesized stacks (only when synthesized). */
  readonly outDir: string;
  readonly synth?: SynthResult;
}

/** Writes the config to a temp dir and, unless told otherwise, its synthesized stacks to OUT/stacks/NAME/cdk.tf.json. */
export function tempOrg(yaml: string, options: { synth?: boolean } = {}): TempOrg {
  const dir = mkdtempSync(join(tmpdir(), 'org-trust-cli-'));
  const configPath = join(dir, 'org.yaml');
  writeFileSync(configPath, yaml);
  const outDir = join(dir, 'cdktf.out');
  if (options.synth === false) return { dir, configPath, outDir };
  const synth = synthYaml(yaml);
  for (const [name, text] of Object.entries(synth.text)) {
    mkdirSync(join(outDir, 'stacks', name), { recursive: true });
    writeFileSync(join(outDir, 'stacks', name, 'cdk.tf.json'), text);
  }
  // As synth does: the stamp says which config (and lock) the output came from.
  writeSynthStamp(outDir, configFingerprint(synth.config, planOrg(synth.config).lock));
  return { dir, configPath, outDir, synth };
}

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the bin as a user would, in `cwd`. */
export function runBin(args: readonly string[], options: { cwd?: string; input?: string; env?: Readonly<Record<string, string>> } = {}): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? join(__dirname, '..', '..'),
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, DEBUG: '', ...options.env },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A line of a Node stack trace. */
export const STACK_LINE = /^\s+at .+\(.+:\d+:\d+\)|^\s+at .+:\d+:\d+$/m;
