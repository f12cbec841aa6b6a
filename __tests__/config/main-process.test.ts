import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { exampleYaml } from '../helpers/example';

/**
 * The app as a user runs it (`node --import tsx main.ts`), isolated from the repository:
 * cdktf's App writes to `config.outdir ?? $CDKTF_OUTDIR ?? "cdktf.out"` (cdktf/lib/app.js)
 * and main.ts passes no outdir, so CDKTF_OUTDIR redirects every file it could write; the
 * shard lock goes beside $ORG_CONFIG, which is in the same temporary folder.
 */
const ROOT = join(__dirname, '..', '..');

function runApp(yaml: string) {
  const dir = mkdtempSync(join(tmpdir(), 'org-main-'));
  const configPath = join(dir, 'org.yaml');
  const outdir = join(dir, 'out');
  writeFileSync(configPath, yaml);
  mkdirSync(outdir);
  writeFileSync(join(outdir, 'marker'), 'left by the test');
  const env: NodeJS.ProcessEnv = { ...process.env, ORG_CONFIG: configPath, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: '1' };
  delete env.CI;
  delete env.ORG_LOCK_FROZEN;
  delete env.DEBUG;
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'main.ts'], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  return { dir, configPath, outdir, result };
}

describe('main.ts as a process', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('rejects an 11-digit account id: exit 1, field and line on stderr, no stack trace, nothing written', () => {
    const text = exampleYaml();
    const index = (parse(text) as { accounts: { id?: string }[] }).accounts.findIndex((a) => a.id === '333333333333');
    expect(index).toBeGreaterThanOrEqual(0);
    const yaml = text.replace('id: "333333333333"', 'id: "33333333333"');
    const line = yaml.split('\n').findIndex((l) => l.includes('id: "33333333333"')) + 1;

    const { dir, configPath, outdir, result } = runApp(yaml);
    dirs.push(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${configPath}:${line}: accounts[${index}].id: must be exactly 12 digits`);
    expect(result.stderr).not.toMatch(/^ {4}at /m);
    expect(result.stdout).toBe('');
    expect(readdirSync(outdir)).toEqual(['marker']);
    expect(readdirSync(dir).sort()).toEqual(['org.yaml', 'out']);
  });

  it('synthesizes the example into the given outdir: all three stacks, and the lock beside the config', () => {
    const { dir, outdir, result } = runApp(exampleYaml());
    dirs.push(dir);
    expect(result.stderr).not.toMatch(/^ {4}at /m);
    expect(result.status).toBe(0);
    expect(readdirSync(join(outdir, 'stacks')).sort()).toEqual(['identity', 'management', 'trust-1']);
    for (const stack of ['identity', 'management', 'trust-1']) expect(existsSync(join(outdir, 'stacks', stack, 'cdk.tf.json'))).toBe(true);
    expect(existsSync(join(outdir, 'marker'))).toBe(true);
    expect(existsSync(join(dir, 'org.lock.json'))).toBe(true);
  });
});
