import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleYaml } from '../helpers/example';
import { REPO, tempDir } from '../helpers/run-main';

/**
 * The README's first command, as a user types it, on the Node.js that runs this suite (CI runs
 * the suite on the machine's Node and on Node 24): `npm run synth` builds and runs the app
 * itself, so no native module (cdktf-cli's node-pty, which has no Node 24 build) is loaded.
 */
const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function npmRunSynth(configText: string, name: string) {
  const config = join(dir, `${name}.yaml`);
  writeFileSync(config, configText);
  const env: NodeJS.ProcessEnv = { ...process.env, ORG_CONFIG: config, CDKTF_OUTDIR: join(dir, `${name}-out`), TERRAFORM_BINARY_NAME: join(dir, 'no-terraform') };
  for (const key of ['CI', 'ORG_LOCK_FROZEN', 'DEBUG', 'npm_config_loglevel']) delete env[key];
  return spawnSync('npm', ['run', '--silent', 'synth'], { cwd: REPO, env, encoding: 'utf8', timeout: 180_000 });
}

describe('npm run synth', () => {
  it('runs the app, not the cdktf CLI', () => {
    const scripts = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.synth).toMatch(/node [^&|;]*dist\/main\.js$/);
    expect(scripts.synth).not.toMatch(/cdktf|cdktn/);
  });

  it('synthesizes the example: stacks on stdout, one warning (no terraform) on stderr, exit 0', () => {
    const r = npmRunSynth(exampleYaml(), 'example');
    expect([r.status, r.stderr]).toEqual([0, expect.stringMatching(/^warning: \S+ was not found: the JSON is written, but plan and apply need Terraform >= 1\.7 or OpenTofu\n$/)]);
    expect(r.stdout).toContain(`${join(dir, 'example.lock.json')} updated:\n`);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(`Synthesized 3 stacks into ${join(dir, 'example-out', 'stacks')}, applied in this order: management, identity, trust-1`);
  }, 180_000);

  it('refuses a bad config once: the field and line on stderr, nothing on stdout, exit 1', () => {
    const r = npmRunSynth(exampleYaml().replace('region: us-east-1', 'region: mars-1'), 'bad');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const problem = r.stderr.split('\n').filter((l) => l.includes('organization.region'));
    expect(problem).toHaveLength(1);
    expect(problem[0]).toMatch(new RegExp(`^ *${join(dir, 'bad.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: organization\\.region: `));
    expect(r.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  }, 180_000);
});
