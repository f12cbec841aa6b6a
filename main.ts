/**
 * The cdktf app: org.yaml (or $ORG_CONFIG) to cdktf.out/. Bad input prints what is wrong,
 * exits non-zero and writes nothing: the config and the lock are checked before any stack
 * exists, and the lock is written only after a synth that succeeded.
 */
import { App } from './constructs/cdktf';
import { ConfigError } from './config/config-error';
import { loadConfig } from './config/load-config';
import { lockPathFor, readLock, writeLock } from './lock/lock-file';
import { checkLockChange } from './lock/lock-check';
import { terraformVersionWarning } from './lock/terraform-version';
import { addOrgStacks, planOrg } from './stacks/org-app';

function main(): void {
  const configPath = process.env.ORG_CONFIG ?? 'org.yaml';
  const config = loadConfig(configPath);
  const lockPath = lockPathFor(configPath);
  const plan = planOrg(config, readLock(lockPath));
  // Checked before the App exists: its constructor creates the output directory.
  checkLockChange(plan, lockPath, { frozen: process.env.CI === 'true' || process.env.ORG_LOCK_FROZEN === '1' });
  const app = new App();
  addOrgStacks(app, config, plan);

  const warning = terraformVersionWarning();
  if (warning) process.stderr.write(`warning: ${warning}\n`);
  app.synth();
  if (plan.changes.length) {
    writeLock(lockPath, plan.lock);
    process.stderr.write(`${lockPath} updated:\n${plan.changes.map((c) => `  ${c}`).join('\n')}\n`);
  }
}

try {
  main();
} catch (e) {
  if (e instanceof ConfigError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`error: ${(e as Error).message}\n${process.env.DEBUG ? (e as Error).stack : ''}`);
  process.exit(2);
}
