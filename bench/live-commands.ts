/**
 * `npm run bench:live`: discover, preflight and verify against a 1,000-member organization
 * in the emulator (moto, the e2e suite's), as separate CLI processes, wall time each.
 * Not part of CI: building the organization alone takes a while.
 *
 * Options: --members 1000  --concurrency 8
 * Verify runs before any apply, so every member reports drift (the identity statement is
 * missing); it still makes every call an applied org would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { run, startE2eEnvironment } from '../e2e/harness';
import { buildEmulatedOrg } from '../e2e/live/emulated-org';

const ROOT = resolve(__dirname, '..');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

interface Timing {
  label: string;
  seconds: number;
  code: number;
  tail: string;
}

/** Asynchronous on purpose: the emulator is this process's child, and a blocked event loop would stop draining its log pipe. */
async function timed(label: string, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Timing> {
  const start = performance.now();
  const r = await run(command, args, { cwd, env, timeoutMs: 30 * 60_000 });
  const seconds = (performance.now() - start) / 1000;
  const tail = r.stdout.trim().split('\n').slice(-1)[0] ?? '';
  if (r.code > 1) process.stderr.write(`${label} exited with ${r.code}:\n${r.stderr.slice(-2000)}\n`);
  return { label, seconds, code: r.code, tail };
}

async function main(): Promise<void> {
  const members = arg('members', 1000);
  const concurrency = arg('concurrency', 8);
  // Without AWS-managed policies (the harness's default): these commands never read them.
  const e2e = await startE2eEnvironment();
  const dir = mkdtempSync(join(tmpdir(), 'org-trust-bench-live-'));
  try {
    let start = performance.now();
    await buildEmulatedOrg(e2e, { members, concurrency: 16 });
    const build = (performance.now() - start) / 1000;
    const cli = (label: string, ...args: string[]) => timed(label, process.execPath, [join(ROOT, 'bin', 'org-trust.js'), ...args, '--concurrency', String(concurrency)], dir, e2e.env);
    const env = { ...e2e.env, ORG_CONFIG: join(dir, 'org.yaml'), CDKTF_OUTDIR: join(dir, 'cdktf.out') };
    const results = [await cli('discover', 'discover', '--identity-account', 'IAM')];
    results.push(await timed('synth (node dist/main.js)', process.execPath, [join(ROOT, 'dist', 'main.js')], dir, env));
    results.push(await cli('preflight', 'preflight'), await cli('verify (before apply: drift everywhere)', 'verify'));
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
