/**
 * The cdktf app: org.yaml (or $ORG_CONFIG) to cdktf.out/. Bad input prints what is wrong,
 * exits non-zero and writes nothing: the config and the lock are checked before any stack
 * exists, an output directory this run created is removed again if synth fails, and the
 * lock is written only after a synth that succeeded.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { App, TerraformStack } from './constructs/cdktf';
import { LOCAL_STATE_DIR_CONTEXT } from './constructs/state-backend';
import { silenceDeprecations } from './toolchain/dependency-warnings';
import { terraformRequirement, terraformVersionWarning } from './toolchain/terraform-version';
import { reportFailure } from './errors/report-failure';
import { writeLock } from './lock/lock-file';
import { checkOrgLock, DEFAULT_CONFIG, loadOrg, lockFrozen } from './lock/load-org';
import { DEFAULT_OUTDIR, localStateDir, stateDirFromStack } from './lock/state-location';
import { configFingerprint, writeSynthStamp } from './lock/synth-stamp';
import { addOrgStacks } from './stacks/org-app';
import { lockNews, synthSummary } from './stacks/synth-summary';
import { withoutTokenTraces } from './constructs/token-traces';

function main(): void {
  const org = loadOrg(process.env.ORG_CONFIG ?? DEFAULT_CONFIG);
  const { config, lockPath, plan } = org;
  const outdir = process.env.CDKTF_OUTDIR ?? DEFAULT_OUTDIR;
  // Checked before the App exists: its constructor creates the output directory.
  const lockChanges = checkOrgLock(org, { frozen: lockFrozen(), outdir });

  // cdktf creates only the last level (`cdktf synth --output a/b/c` under a missing a/b: ENOENT).
  // The first directory this run created is removed again if synth fails.
  const created = mkdirSync(outdir, { recursive: true });
  let stackNames: string[] = [];
  try {
    const app = new App({ outdir, context: { [LOCAL_STATE_DIR_CONTEXT]: stateDirFromStack(outdir, localStateDir(org.configPath)) } });
    withoutTokenTraces(() => addOrgStacks(app, config, plan));
    const warning = terraformVersionWarning(terraformRequirement(config.backend));
    if (warning) process.stderr.write(`warning: ${warning}\n`);
    app.synth();
    stackNames = app.node.children.filter((c) => TerraformStack.isStack(c)).map((stack) => stack.node.id);
    writeSynthStamp(outdir, configFingerprint(config, plan.lock));
  } catch (e) {
    if (created) rmSync(created, { recursive: true, force: true });
    throw e;
  }
  // News goes to stdout; stderr carries only warnings and errors (cdktf synth shows stderr as [ERROR]).
  if (lockChanges) {
    writeLock(lockPath, plan.lock);
    process.stdout.write(`${lockNews(lockPath, plan.changes)}\n`);
  }
  process.stdout.write(`${synthSummary(outdir, stackNames)}\n`);
}

silenceDeprecations();
try {
  main();
} catch (e) {
  process.exit(reportFailure(e));
}
