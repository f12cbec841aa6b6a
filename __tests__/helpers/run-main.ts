import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

export const REPO = join(__dirname, '..', '..');

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs main.ts as `cdktf synth` would, with the config and the output directory in `dir`.
 * CI and ORG_LOCK_FROZEN come only from `env`, never from the test runner's environment.
 */
export function runMain(configPath: string, outdir: string, env: Record<string, string> = {}): Promise<RunResult> {
  const base = { ...process.env };
  delete base.CI;
  delete base.ORG_LOCK_FROZEN;
  delete base.DEBUG;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(REPO, 'main.ts')],
      { cwd: REPO, env: { ...base, CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: '1', ORG_CONFIG: configPath, CDKTF_OUTDIR: outdir, ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

export const tempDir = () => mkdtempSync(join(tmpdir(), 'org-trust-test-'));

/** Relative path to content of every file under `dir`, or undefined when it does not exist. */
export function snapshotDir(dir: string): Record<string, string> | undefined {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return undefined;
  }
  return Object.fromEntries(
    entries
      .map((e) => join(dir, e))
      .filter((p) => statSync(p).isFile())
      .sort()
      .map((p) => [relative(dir, p), readFileSync(p, 'utf8')]),
  );
}
