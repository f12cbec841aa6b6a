/**
 * `npm run bench`: synth time and peak memory at 10, 100, 1,000, 5,000 and 10,000 member accounts.
 *
 * For each size it writes a generated org (fixtures/generate-org.ts, with identity groups)
 * to a temporary directory and measures, as separate processes:
 *   - the app alone: cdktf.json's app command (`node dist/main.js`) with ORG_CONFIG and CDKTF_OUTDIR;
 *   - `cdktf synth --output DIR` (the CLI, which runs the same app);
 *   - at 1,000 members, bench/app-with-importfrom.ts: the same org with cdktf's own
 *     `importFrom`, which runs `terraform version` once per imported resource (at 10,000 it
 *     would take about 11 minutes).
 * Wall time is measured around each child process; peak RSS is reported by every Node
 * process of the run itself (bench/rss-probe.cjs through NODE_OPTIONS). Medians of several
 * runs; the first app run of each size (which writes the lock and warms tsx's cache) is not
 * counted. Prints a table and rewrites the results section of BENCHMARKS.md.
 *
 *   - `org-trust report` of that synth, and `report --base` (the pull-request gate) against the
 *     synth of a change (bench/report-cases.ts: one user joins the group on named accounts, one
 *     account moves to the other OU), with the size of the Markdown each writes.
 * Options: --sizes 10,100,1000,5000,10000  --runs 5  --synth-runs 3  --importfrom-runs 1  --report-runs 3
 *          --no-synth  --no-importfrom  --no-reports  --npm-test (also time `npm test`)  --no-write
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateOrgYaml } from '../fixtures/generate-org';
import { writeChangedOrg } from './report-cases';

const ROOT = resolve(__dirname, '..');
const PROBE = join(ROOT, 'bench', 'rss-probe.cjs');
const RESULTS_START = '<!-- bench-results:start -->';
const RESULTS_END = '<!-- bench-results:end -->';
const TARGETS = { appWallAt1000: 3, appRssMbAt1000: 300, appWallAt10: 1, appWallAt10000: 10, appRssMbAt10000: 1000, npmTestWall: 90, reportWallAt10000: 10 };
/** The size at which cdktf's own importFrom is compared with ours. */
const IMPORT_FROM_SIZE = 1000;

interface Options {
  sizes: number[];
  runs: number;
  synthRuns: number;
  importFromRuns: number;
  synth: boolean;
  importFrom: boolean;
  npmTest: boolean;
  write: boolean;
  reports: boolean;
  reportRuns: number;
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = {
    sizes: [10, 100, 1000, 5000, 10000],
    runs: 5,
    synthRuns: 3,
    importFromRuns: 1,
    synth: true,
    importFrom: true,
    npmTest: false,
    write: true,
    reports: true,
    reportRuns: 3,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    const count = () => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new Error(`${arg} needs a positive integer`);
      return n;
    };
    if (arg === '--sizes') options.sizes = value().split(',').map(Number);
    else if (arg === '--runs') options.runs = count();
    else if (arg === '--synth-runs') options.synthRuns = count();
    else if (arg === '--importfrom-runs') options.importFromRuns = count();
    else if (arg === '--no-synth') options.synth = false;
    else if (arg === '--no-importfrom') options.importFrom = false;
    else if (arg === '--npm-test') options.npmTest = true;
    else if (arg === '--no-write') options.write = false;
    else if (arg === '--no-reports') options.reports = false;
    else if (arg === '--report-runs') options.reportRuns = count();
    else throw new Error(`unknown option ${arg} (see the comment at the top of bench/run-bench.ts)`);
  }
  if (options.sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--sizes takes positive integers, e.g. 10,100,1000,5000,10000');
  return options;
}

interface Sample {
  /** Seconds, around the whole child process (including Node's start). */
  readonly wall: number;
  /** KiB: the largest peak RSS of one Node process of the run. */
  readonly maxRss: number;
  /** KiB: the sum of the peak RSS of all Node processes of the run, an upper bound for the tree. */
  readonly treeRss: number;
  /** Seconds of user + system CPU of all Node processes of the run. */
  readonly cpu: number;
  readonly processes: number;
  /** Bytes the command wrote to stdout (the report's size). */
  readonly stdoutBytes: number;
}

/** Runs `command args` with the RSS probe in every Node process; throws on a failure. */
function measure(command: string, args: readonly string[], env: NodeJS.ProcessEnv, label: string): Sample {
  const rssFile = join(mkdtempSync(join(tmpdir(), 'org-trust-rss-')), 'rss.txt');
  const nodeOptions = [process.env.NODE_OPTIONS ?? '', `--require "${PROBE}"`].join(' ').trim();
  const start = performance.now();
  const result = spawnSync(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, NODE_OPTIONS: nodeOptions, BENCH_RSS_FILE: rssFile },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = (performance.now() - start) / 1000;
  // report --base exits 3 when access grows: that is its answer, not a failure.
  if (result.status !== 0 && !(label.startsWith('report --base') && result.status === 3)) {
    throw new Error(`${label} failed (exit ${result.status ?? result.signal}):\n${result.stderr}\n${result.stdout}`.trim());
  }
  const reports = existsSync(rssFile)
    ? readFileSync(rssFile, 'utf8').trim().split('\n').filter(Boolean).map((line) => line.split(' ').map(Number))
    : [];
  rmSync(join(rssFile, '..'), { recursive: true, force: true });
  const peaks = reports.map((r) => r[1]);
  return {
    wall,
    maxRss: Math.max(0, ...peaks),
    treeRss: peaks.reduce((a, b) => a + b, 0),
    cpu: reports.reduce((sum, r) => sum + r[2], 0) / 1e6,
    processes: reports.length,
    stdoutBytes: Buffer.byteLength(result.stdout ?? ''),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface Summary {
  readonly runs: number;
  readonly wall: number;
  readonly wallMin: number;
  readonly wallMax: number;
  /** MiB */
  readonly maxRss: number;
  /** MiB */
  readonly treeRss: number;
  /** Seconds of CPU (median) */
  readonly cpu: number;
  readonly processes: number;
  /** Bytes of stdout (median). */
  readonly stdoutBytes: number;
}

function summarize(samples: readonly Sample[]): Summary {
  const walls = samples.map((s) => s.wall);
  return {
    runs: samples.length,
    wall: median(walls),
    wallMin: Math.min(...walls),
    wallMax: Math.max(...walls),
    maxRss: median(samples.map((s) => s.maxRss)) / 1024,
    treeRss: median(samples.map((s) => s.treeRss)) / 1024,
    cpu: median(samples.map((s) => s.cpu)),
    processes: Math.max(...samples.map((s) => s.processes)),
    stdoutBytes: median(samples.map((s) => s.stdoutBytes)),
  };
}

interface SizeResult {
  readonly members: number;
  readonly stacks: number;
  readonly imports: number;
  readonly app: Summary;
  readonly synth?: Summary;
  readonly importFrom?: Summary;
  /** `report` (Markdown) of the synth, and `report --base` against the synth of a pull-request change. */
  readonly report?: Summary;
  readonly reportBase?: Summary;
}

function repeat(n: number, run: (i: number) => Sample, label: string): Summary {
  const samples: Sample[] = [];
  for (let i = 0; i < n; i++) {
    const sample = run(i);
    process.stderr.write(`  ${label} ${i + 1}/${n}: ${sample.wall.toFixed(2)} s wall, ${sample.cpu.toFixed(2)} s CPU, ${(sample.maxRss / 1024).toFixed(0)} MiB\n`);
    samples.push(sample);
  }
  return summarize(samples);
}

/** Import blocks and stacks in a synthesized cdktf.out. */
function countOutput(outdir: string): { stacks: number; imports: number } {
  const stacksDir = join(outdir, 'stacks');
  const stacks = readdirSync(stacksDir);
  let imports = 0;
  for (const stack of stacks) {
    const json = JSON.parse(readFileSync(join(stacksDir, stack, 'cdk.tf.json'), 'utf8')) as { import?: unknown[] };
    imports += json.import?.length ?? 0;
  }
  return { stacks: stacks.length, imports };
}

function benchSize(members: number, options: Options, compareImportFrom: boolean): SizeResult {
  const dir = mkdtempSync(join(tmpdir(), `org-trust-bench-${members}-`));
  try {
    const config = join(dir, `org-${members}.yaml`);
    writeFileSync(config, generateOrgYaml({ members, identityId: '200000000000' }));
    const out = (name: string) => {
      const path = join(dir, name);
      rmSync(path, { recursive: true, force: true });
      return path;
    };
    const node = process.execPath;
    const [appCommand, ...appArgs] = cdktfAppCommand();
    const appRun = () => measure(appCommand === 'node' ? node : appCommand, appArgs, { ORG_CONFIG: config, CDKTF_OUTDIR: out('app.out') }, `app at ${members}`);

    process.stderr.write(`${members} members (${dir})\n`);
    appRun(); // writes the lock beside the config and warms the file cache
    const counted = countOutput(join(dir, 'app.out'));
    const app = repeat(options.runs, appRun, 'app');

    let synth: Summary | undefined;
    if (options.synth) {
      const cli = join(ROOT, 'node_modules', 'cdktf-cli', 'bundle', 'bin', 'cdktf');
      const env = { ORG_CONFIG: config, CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: '1', CI: undefined, ORG_LOCK_FROZEN: undefined };
      synth = repeat(options.synthRuns, () => measure(node, [cli, 'synth', '--output', out('cli.out')], env, `cdktf synth at ${members}`), 'cdktf synth');
    }

    let importFrom: Summary | undefined;
    if (options.importFrom && compareImportFrom && !terraformOnPath()) {
      process.stderr.write('  no terraform on PATH: cdktf\'s importFrom validation would fail, comparison skipped\n');
    } else if (options.importFrom && compareImportFrom) {
      const args = ['--import', 'tsx', join('bench', 'app-with-importfrom.ts')];
      importFrom = repeat(
        options.importFromRuns,
        () => measure(node, args, { ORG_CONFIG: config, CDKTF_OUTDIR: out('importfrom.out') }, `importFrom app at ${members}`),
        'app with importFrom',
      );
    }
    let report: Summary | undefined;
    let reportBase: Summary | undefined;
    if (options.reports) {
      const bin = join(ROOT, 'bin', 'org-trust.js');
      const headConfig = writeChangedOrg(config, join(dir, `org-${members}.lock.json`), join(dir, 'head'));
      measure(node, [join(ROOT, 'dist', 'main.js')], { ORG_CONFIG: headConfig, CDKTF_OUTDIR: out('head.out') }, `head synth at ${members}`);
      const base = join(dir, 'app.out');
      report = repeat(options.reportRuns, () => measure(node, [bin, 'report', '--config', config, '--out', base], {}, `report at ${members}`), 'report');
      reportBase = repeat(
        options.reportRuns,
        () => measure(node, [bin, 'report', '--config', headConfig, '--out', join(dir, 'head.out'), '--base', base], {}, `report --base at ${members}`),
        'report --base',
      );
    }
    return { members, ...counted, app, synth, importFrom, report, reportBase };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The app exactly as `cdktf synth` runs it: the "app" command of cdktf.json. */
function cdktfAppCommand(): string[] {
  const app = (JSON.parse(readFileSync(join(ROOT, 'cdktf.json'), 'utf8')) as { app: string }).app;
  return app.split(/\s+/);
}

/** cdktf.json runs the compiled app; build it so that the bench measures the current sources. */
function buildApp(): void {
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
}

function terraformOnPath(): boolean {
  return spawnSync(process.env.TERRAFORM_BINARY_NAME ?? 'terraform', ['version'], { stdio: 'ignore' }).status === 0;
}

function timeNpmTest(): { wall: number; summary: string } {
  process.stderr.write('npm test\n');
  const start = performance.now();
  const result = spawnSync('npm', ['test'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const wall = (performance.now() - start) / 1000;
  const text = `${result.stdout}\n${result.stderr}`;
  const summary = /\d+ passed, \d+ failed/.exec(text)?.[0] ?? /Tests:.*$/m.exec(text)?.[0] ?? `exit ${result.status}`;
  return { wall, summary };
}

const s = (n: number) => `${n.toFixed(2)} s`;
const mb = (n: number) => `${n.toFixed(0)} MiB`;

function table(results: readonly SizeResult[]): string {
  const rows = [
    ['members', 'stacks', 'imports', 'app wall (min-max)', 'app CPU', 'app peak RSS', 'cdktf synth wall', 'cdktf synth CPU', 'cdktf synth peak RSS: largest / tree', 'importFrom app wall', 'importFrom / ours'],
    ['---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:'],
  ];
  for (const r of results) {
    rows.push([
      String(r.members),
      String(r.stacks),
      String(r.imports),
      `${s(r.app.wall)} (${r.app.wallMin.toFixed(2)}-${r.app.wallMax.toFixed(2)}), n=${r.app.runs}`,
      s(r.app.cpu),
      mb(r.app.maxRss),
      r.synth ? `${s(r.synth.wall)} (${r.synth.wallMin.toFixed(2)}-${r.synth.wallMax.toFixed(2)}), n=${r.synth.runs}` : '-',
      r.synth ? s(r.synth.cpu) : '-',
      r.synth ? `${mb(r.synth.maxRss)} / ${mb(r.synth.treeRss)} (${r.synth.processes} processes)` : '-',
      r.importFrom ? `${s(r.importFrom.wall)} (CPU ${s(r.importFrom.cpu)}), n=${r.importFrom.runs}` : '-',
      r.importFrom ? `${(r.importFrom.wall / r.app.wall).toFixed(1)}x` : '-',
    ]);
  }
  return rows.map((row) => `| ${row.join(' | ')} |`).join('\n');
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/** The review loop: report and report --base per size, with the Markdown sizes. */
function reportTable(results: readonly SizeResult[]): string {
  const rows = [
    ['members', '`report` wall', '`report` peak RSS', '`report` Markdown', '`report --base` wall', '`report --base` peak RSS', '`report --base` Markdown'],
    ['---:', '---:', '---:', '---:', '---:', '---:', '---:'],
  ];
  for (const r of results) {
    if (!r.report || !r.reportBase) continue;
    rows.push([String(r.members), s(r.report.wall), mb(r.report.maxRss), kb(r.report.stdoutBytes), s(r.reportBase.wall), mb(r.reportBase.maxRss), kb(r.reportBase.stdoutBytes)]);
  }
  return rows.length > 2 ? rows.map((row) => `| ${row.join(' | ')} |`).join('\n') : '';
}

function targetLines(results: readonly SizeResult[], npmTest?: { wall: number }): string[] {
  const lines: string[] = [];
  const check = (ok: boolean) => (ok ? 'met' : '**missed**');
  const at1000 = results.find((r) => r.members === 1000);
  const at10 = results.find((r) => r.members === 10);
  if (at1000) {
    lines.push(`- App, 1,000 members, wall <= ${TARGETS.appWallAt1000} s: ${s(at1000.app.wall)}, ${check(at1000.app.wall <= TARGETS.appWallAt1000)}`);
    lines.push(`- App, 1,000 members, peak RSS <= ${TARGETS.appRssMbAt1000} MB: ${mb(at1000.app.maxRss)}, ${check(at1000.app.maxRss * 1.048576 <= TARGETS.appRssMbAt1000)}`);
  }
  if (at10) lines.push(`- App, 10 members, wall <= ${TARGETS.appWallAt10} s: ${s(at10.app.wall)}, ${check(at10.app.wall <= TARGETS.appWallAt10)}`);
  const at10000 = results.find((r) => r.members === 10000);
  if (at10000) {
    lines.push(`- App, 10,000 members, wall <= ${TARGETS.appWallAt10000} s: ${s(at10000.app.wall)} (CPU ${s(at10000.app.cpu)}), ${check(at10000.app.wall <= TARGETS.appWallAt10000)}`);
    lines.push(`- App, 10,000 members, peak RSS <= ${TARGETS.appRssMbAt10000} MB: ${mb(at10000.app.maxRss)}, ${check(at10000.app.maxRss * 1.048576 <= TARGETS.appRssMbAt10000)}`);
    if (at1000) {
      // Linear or better: ten times the members take at most ten times as long (start-up makes it less).
      const wall = at10000.app.wall / at1000.app.wall;
      const cpu = at10000.app.cpu / at1000.app.cpu;
      lines.push(`- App, 1,000 to 10,000 members, no worse than linear (ratio <= 10): wall ${wall.toFixed(1)}x, CPU ${cpu.toFixed(1)}x, ${check(wall <= 10 && cpu <= 10)}`);
    }
  }
  const report1000 = at1000?.report && at1000.reportBase ? at1000 : undefined;
  const report10000 = at10000?.report && at10000.reportBase ? at10000 : undefined;
  if (report10000) {
    for (const [name, run] of [['`report`', report10000.report!], ['`report --base`', report10000.reportBase!]] as const) {
      lines.push(`- ${name}, 10,000 members, wall <= ${TARGETS.reportWallAt10000} s and peak RSS <= 1 GB: ${s(run.wall)}, ${mb(run.maxRss)}, ${check(run.wall <= TARGETS.reportWallAt10000 && run.maxRss * 1.048576 <= 1000)}`);
    }
    lines.push(`- \`report\` Markdown at 10,000 members <= 1 MB: ${kb(report10000.report!.stdoutBytes)}, ${check(report10000.report!.stdoutBytes <= 1024 * 1024)}`);
    lines.push(`- \`report --base\` Markdown at 10,000 members within GitHub's 65,536-character comment: ${report10000.reportBase!.stdoutBytes} bytes, ${check(report10000.reportBase!.stdoutBytes <= 65536)}`);
    if (report1000) {
      const r = report10000.report!.wall / report1000.report!.wall;
      const d = report10000.reportBase!.wall / report1000.reportBase!.wall;
      lines.push(`- \`report\` / \`report --base\`, 1,000 to 10,000 members, ratio <= 10: ${r.toFixed(1)}x / ${d.toFixed(1)}x, ${check(r <= 10 && d <= 10)}`);
    }
  }
  if (npmTest) lines.push(`- \`npm test\` <= ${TARGETS.npmTestWall} s: ${s(npmTest.wall)}, ${check(npmTest.wall <= TARGETS.npmTestWall)}`);
  return lines;
}

function machine(): string {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
  } catch {
    // not Linux
  }
  const tf = spawnSync('terraform', ['version'], { encoding: 'utf8' });
  const terraform = tf.status === 0 ? tf.stdout.split('\n')[0] : 'no terraform binary';
  return `${cpus().length} cores (${cpu}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, ${process.platform} ${process.arch}, ${terraform}`;
}

function resultsSection(results: readonly SizeResult[], npmTest: { wall: number; summary: string } | undefined, load: { before: number[]; after: number[] }, options: Options): string {
  const loadText = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  return [
    RESULTS_START,
    `Measured ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')} by \`npm run bench\` on ${machine()}.`,
    `Load average (1, 5, 15 min) before: ${loadText(load.before)}, after: ${loadText(load.after)}` +
      ` (above ~0.5 per core means other work shared the machine and the numbers are noisy).`,
    `Medians of ${options.runs} app runs` +
      (options.synth ? `, ${options.synthRuns} \`cdktf synth\` runs` : '') +
      ' per size' +
      (results.some((r) => r.importFrom) ? `, ${options.importFromRuns} importFrom run(s) at ${results.find((r) => r.importFrom)!.members} members` : '') +
      ' (after one uncounted warm-up app run per size). ' +
      'Wall: around the child process. CPU: user + system of all Node processes of the run (the spawned `terraform version` processes are not counted). RSS in MiB.',
    '',
    table(results),
    '',
    reportTable(results),
    '',
    npmTest ? `\`npm test\`: ${s(npmTest.wall)} wall (${npmTest.summary}).` : '`npm test`: not timed in this run (`npm run bench -- --npm-test`).',
    '',
    'Targets:',
    ...targetLines(results, npmTest),
    RESULTS_END,
  ].join('\n');
}

function writeBenchmarks(section: string): void {
  const path = join(ROOT, 'BENCHMARKS.md');
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const start = current.indexOf(RESULTS_START);
  const end = current.indexOf(RESULTS_END);
  const next =
    start >= 0 && end > start
      ? `${current.slice(0, start)}${section}${current.slice(end + RESULTS_END.length)}`
      : `${current || '# Benchmarks\n\n## Results\n'}\n${section}\n`;
  writeFileSync(path, next);
  process.stderr.write(`BENCHMARKS.md updated\n`);
}

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  mkdirSync(tmpdir(), { recursive: true });
  buildApp();
  const before = loadavg();
  const importFromAt = options.sizes.includes(IMPORT_FROM_SIZE) ? IMPORT_FROM_SIZE : Math.max(...options.sizes.filter((n) => n <= IMPORT_FROM_SIZE), 0);
  const results = options.sizes.map((n) => benchSize(n, options, n === importFromAt));
  const npmTest = options.npmTest ? timeNpmTest() : undefined;
  const load = { before, after: loadavg() };
  const section = resultsSection(results, npmTest, load, options);
  process.stdout.write(`\n${section.split('\n').slice(1, -1).join('\n')}\n`);
  if (options.write) writeBenchmarks(section);
}

try {
  main();
} catch (e) {
  process.stderr.write(`bench: ${(e as Error).message}\n`);
  process.exit(1);
}
