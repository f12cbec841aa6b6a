import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureMoto } from '../../e2e/harness/venv';
import { VENV_DIR } from '../../e2e/harness/paths';

/**
 * A Python that can import botocore: python3 where it has it, else the e2e virtual
 * environment (moto depends on botocore), created on first use.
 */
export function pythonWithBotocore(): string {
  if (spawnSync('python3', ['-c', 'import botocore.configloader']).status === 0) return 'python3';
  ensureMoto();
  return join(VENV_DIR, 'bin', 'python');
}

/** Runs a Python script of this folder with `input` as JSON on stdin; returns its JSON stdout. */
export function runPythonJson<T>(script: string, input: unknown): T {
  const r = spawnSync(pythonWithBotocore(), [join(__dirname, script)], { input: JSON.stringify(input), encoding: 'utf8', timeout: 120_000, maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${script} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
