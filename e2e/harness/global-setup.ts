import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from './paths';
import { ensureMoto } from './venv';

/**
 * Once per e2e run: build the app (synth runs dist/main.js, as users do) and install the
 * pinned moto, so that no test's timeout pays for either.
 */
export default function globalSetup(): void {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: REPO_ROOT, stdio: 'inherit' });
  ensureMoto();
}
