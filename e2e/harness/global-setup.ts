import { execFileSync } from 'node:child_process';
import { cdkPackage } from '../../__tests__/helpers/cdk-parity';
import { REPO_ROOT } from './paths';
import { ensureMoto } from './venv';

/**
 * Once per e2e run: build the app (synth runs dist/main.js, as users do) and install the
 * pinned moto, so that no test's timeout pays for either.
 */
export default function globalSetup(): void {
  // E2E_EXPECT_CDK=cdktn (.ci/run, in the cdktn copy): refuse to pass a flow on the wrong CDK's synth.
  const expected = process.env.E2E_EXPECT_CDK;
  if (expected && cdkPackage() !== expected) throw new Error(`E2E_EXPECT_CDK=${expected}, but constructs/cdktf.ts imports ${cdkPackage()}`);
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: REPO_ROOT, stdio: 'inherit' });
  ensureMoto();
}
