import { join } from 'node:path';
import { REPO_ROOT, run, type OrgWorkspace, type RunResult } from '../harness';

/** Runs `org-trust ARGS` in the workspace, as a user would, against the emulator (through e2e.env). */
export function orgTrust(ws: OrgWorkspace, env: NodeJS.ProcessEnv, args: readonly string[]): Promise<RunResult> {
  return run(process.execPath, [join(REPO_ROOT, 'bin', 'org-trust.js'), ...args], { cwd: ws.dir, env, timeoutMs: 5 * 60_000 });
}

/** Parses a JSON report from stdout, with the whole output in the message when it is not JSON. */
export function jsonOf<T>(result: RunResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
}
