/**
 * `npm run bench:live`: discover, preflight and verify against a 1,000-member organization
 * in the emulator (moto, the e2e suite's), as separate CLI processes, wall time each.
 * Not part of CI: building the organization alone takes a while.
 *
 * Options: --members 1000  --concurrency 8
 * Verify runs before any apply, so every member reports drift (the identity statement is
 * missing); it still makes every call an applied org would.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureMoto, startE2eEnvironment } from '../e2e/harness';
import { buildEmulatedOrg } from '../e2e/live/emulated-org';

const ROOT = resolve(__dirname, '..');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

function timed(label: string, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): { label: string; seconds: number; code: number; tail: string } {
  const start = performance.now();
  const r = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = (performance.now() - start) / 1000;
  const tail = (r.stdout ?? '').trim().split('\n').slice(-1)[0] ?? '';
  return { label, seconds, code: r.status ?? 1, tail };
}

async function main(): Promise<void> {
  const members = arg('members', 1000);
  const concurrency = arg('concurrency', 8);
  ensureMoto();
  const e2e = await startE2eEnvironment();
  const dir = mkdtempSync(join(tmpdir(), 'org-trust-bench-live-'));
  try {
    let start = performance.now();
    await buildEmulatedOrg(e2e, { members, concurrency: 16 });
    const build = (performance.now() - start) / 1000;
    const cli = (label: string, ...args: string[]) => timed(label, process.execPath, [join(ROOT, 'bin', 'org-trust.js'), ...args, '--concurrency', String(concurrency)], dir, e2e.env);
    const env = { ...e2e.env, ORG_CONFIG: join(dir, 'org.yaml'), CDKTF_OUTDIR: join(dir, 'cdktf.out') };
    const results = [cli('discover', 'discover', '--identity-account', 'IAM')];
    start = performance.now();
    const synth = spawnSync(process.execPath, [join(ROOT, 'dist', 'main.js')], { cwd: dir, env, encoding: 'utf8' });
    results.push({ label: 'synth (node dist/main.js)', seconds: (performance.now() - start) / 1000, code: synth.status ?? 1, tail: '' });
    results.push(cli('preflight', 'preflight'), cli('verify (before apply: drift everywhere)', 'verify'));
    process.stdout.write(`Organization of ${members} members + identity account built in the emulator in ${build.toFixed(1)} s; --concurrency ${concurrency}\n\n`);
    process.stdout.write('| command | wall s | exit | last line |\n|---|---|---|---|\n');
    for (const r of results) process.stdout.write(`| ${r.label} | ${r.seconds.toFixed(1)} | ${r.code} | ${r.tail.slice(0, 140)} |\n`);
  } finally {
    await e2e.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
