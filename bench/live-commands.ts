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
import { spawn } from 'node:child_process';
import { awsEnv, ensureMoto, freePort, run, sdkConfig, withoutAwsSettings, type E2eEnvironment } from '../e2e/harness';
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

/**
 * moto without AWS-managed policies: the e2e harness loads them into every account (its flows
 * attach AdministratorAccess), which costs about 1.7 s per CreateAccount; these commands never read them.
 */
async function startLeanMoto(): Promise<{ e2e: E2eEnvironment; stop: () => void }> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const env = withoutAwsSettings();
  delete env.MOTO_IAM_LOAD_MANAGED_POLICIES;
  const child = spawn(ensureMoto(), ['-H', '127.0.0.1', '-p', String(port)], { env, stdio: 'ignore' });
  process.once('exit', () => child.kill('SIGKILL'));
  for (let i = 0; i < 100; i++) {
    if (await fetch(`${endpoint}/moto-api/`).then(() => true, () => false)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const region = 'us-east-1';
  const e2e = { region, env: { ...withoutAwsSettings(), ...awsEnv(endpoint, region) }, sdk: (c?: Parameters<typeof sdkConfig>[2]) => sdkConfig(endpoint, region, c) } as unknown as E2eEnvironment;
  return { e2e, stop: () => child.kill('SIGKILL') };
}

async function main(): Promise<void> {
  const members = arg('members', 1000);
  const concurrency = arg('concurrency', 8);
  const { e2e, stop } = await startLeanMoto();
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
    stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
