/**
 * The cdktf app: org.yaml (or $ORG_CONFIG) to cdktf.out/. Bad input prints what is wrong,
 * exits non-zero and writes nothing: the config and the lock are checked before any stack
 * exists, an output directory this run created is removed again if synth fails, and the
 * lock is written only after a synth that succeeded.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { App } from './constructs/cdktf';
import { terraformRequirement, terraformVersionWarning } from './constructs/terraform-version';
import { reportFailure } from './config/report-failure';
import { checkLockChange } from './lock/lock-check';
import { lockFileWouldChange, writeLock } from './lock/lock-file';
import { checkLockPresent } from './lock/missing-lock';
import { DEFAULT_CONFIG, loadOrg } from './lock/load-org';
import { addOrgStacks } from './stacks/org-app';

function main(): void {
  const { config, lockPath, plan } = loadOrg(process.env.ORG_CONFIG ?? DEFAULT_CONFIG);
  checkLockPresent(lockPath, config.backend);
  const lockChanges = lockFileWouldChange(lockPath, plan.lock);
  // Checked before the App exists: its constructor creates the output directory.
  checkLockChange(plan, lockPath, { frozen: process.env.CI === 'true' || process.env.ORG_LOCK_FROZEN === '1', fileWouldChange: lockChanges });

  const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  // cdktf creates only the last level (`cdktf synth --output a/b/c` under a missing a/b: ENOENT).
  // The first directory this run created is removed again if synth fails.
  const created = mkdirSync(outdir, { recursive: true });
  try {
    const app = new App({ outdir });
    addOrgStacks(app, config, plan);
    const warning = terraformVersionWarning(terraformRequirement(config.backend));
    if (warning) process.stderr.write(`warning: ${warning}\n`);
    app.synth();
  } catch (e) {
    if (created) rmSync(created, { recursive: true, force: true });
    throw e;
  }
  if (lockChanges) {
    writeLock(lockPath, plan.lock);
    const changes = plan.changes.length ? plan.changes : ['format upgraded'];
    process.stderr.write(`${lockPath} updated:\n${changes.map((c) => `  ${c}`).join('\n')}\n`);
  }
}

try {
  main();
} catch (e) {
  process.exit(reportFailure(e));
}
