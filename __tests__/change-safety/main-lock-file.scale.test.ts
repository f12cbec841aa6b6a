import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleYaml } from '../helpers/example';
import { exampleInput, retire, toYaml, withoutAccount, type OrgInput } from '../helpers/org-inputs';
import { REPO, runMain, snapshotDir, tempDir, type RunResult } from '../helpers/run-main';

/** main.ts through a child process: exit codes, messages and what lands on disk are the point here. */
const dir = tempDir();
const config = join(dir, 'acme.yaml');
const lock = join(dir, 'acme.lock.json');
const out1 = join(dir, 'out1');
const out2 = join(dir, 'out2');
const example = exampleInput;
let run1: RunResult;
let run2: RunResult;
let lockText: string;

/** A copy of the synthesized project (config, lock, outdir) in a fresh directory, with a new config. */
function variant(name: string, input: OrgInput | undefined, lockContent?: string) {
  const at = join(dir, name);
  mkdirSync(at);
  const cfg = join(at, 'acme.yaml');
  if (input) writeFileSync(cfg, toYaml(input));
  else copyFileSync(config, cfg);
  writeFileSync(join(at, 'acme.lock.json'), lockContent ?? lockText);
  return { cfg, lock: join(at, 'acme.lock.json'), out: join(at, 'out') };
}

const noStackTrace = (r: RunResult) => expect(`${r.stdout}${r.stderr}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

/** A refused synth: exit 1 with the message, no stack trace, the lock as it was, no output directory. */
function expectRefused(r: RunResult, message: RegExp, v: { lock: string; out: string }, lockBefore: string): void {
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(message);
  noStackTrace(r);
  expect(readFileSync(v.lock, 'utf8')).toBe(lockBefore);
  expect(existsSync(v.out)).toBe(false);
}

beforeAll(async () => {
  writeFileSync(config, exampleYaml());
  run1 = await runMain(config, out1);
  lockText = readFileSync(lock, 'utf8');
  // The second run is frozen: an unchanged config must pass under CI.
  run2 = await runMain(config, out2, { CI: 'true' });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('main.ts and the lock file', () => {
  it('writes <name>.lock.json beside the config, with every member account', () => {
    expect(run1.code).toBe(0);
    // News, not an error: on stdout.
    expect(run1.stdout).toContain(`${lock} updated`);
    expect(run1.stderr).not.toContain('updated');
    expect(Object.keys(JSON.parse(lockText).accounts)).toEqual(['ACCOUNT01', 'ACCOUNT02', 'ACCOUNT03', 'Logging']);
    expect(existsSync(join(dir, 'org.lock.json'))).toBe(false);
  });

  it('a second synth (under CI=true) leaves the lock byte-identical', () => {
    expect(run2.code).toBe(0);
    expect(`${run2.stdout}${run2.stderr}`).not.toContain('updated');
    expect(readFileSync(lock, 'utf8')).toBe(lockText);
  });

  it('synth twice into two outdirs gives identical files, with no absolute path of this machine', () => {
    const a = snapshotDir(out1)!;
    const b = snapshotDir(out2)!;
    expect(Object.keys(a).filter((f) => f.endsWith('cdk.tf.json')).sort()).toEqual(
      ['identity', 'management', 'trust-1'].map((s) => join('stacks', s, 'cdk.tf.json')),
    );
    expect(b).toEqual(a);
    for (const [file, text] of Object.entries(a)) {
      for (const machinePath of [dir, REPO, process.env.HOME ?? '/nonexistent-home']) {
        expect([file, text.includes(machinePath)]).toEqual([file, false]);
      }
    }
  });

  it.each([
    ['CI=true', { CI: 'true' }],
    ['ORG_LOCK_FROZEN=1', { ORG_LOCK_FROZEN: '1' }],
  ])('with %s, a config that would change the lock fails and touches nothing', async (label, env) => {
    const input = example();
    input.accounts.push({ name: 'NEW01', email: 'aws-new01@example.com' });
    const v = variant(`frozen-${label.replace(/\W/g, '')}`, input);
    const r = await runMain(v.cfg, v.out, env);
    expect(r.stderr).toContain('NEW01: added to trust-1');
    expectRefused(r, /without CI=true \(or ORG_LOCK_FROZEN=1\) and commit .*acme\.lock\.json/, v, lockText);
  });

  it.each([
    ['not JSON', '{ "version": 1, "accounts": {', /acme\.lock\.json: is not valid JSON .*restore it from version control/],
    ['a stack name that is not trust-N', JSON.stringify({ version: 1, accounts: { ACCOUNT01: { stack: 'blue' } } }), /accounts\.ACCOUNT01\.stack: .*restore the file/],
  ])('a lock file that is %s gives a clear error and no output', async (_, content, message) => {
    const v = variant(`corrupt-${content.length}`, undefined, content);
    expectRefused(await runMain(v.cfg, v.out), message, v, content);
  });

  it('removing an account that the lock lists fails, naming it and telling to use retired: true', async () => {
    const v = variant('removed', withoutAccount(example(), 'ACCOUNT02'));
    expectRefused(await runMain(v.cfg, v.out), /accounts\.ACCOUNT02: account "ACCOUNT02" was removed from the config.*`retired: true`/, v, lockText);
  });

  it('retiring it instead synthesizes and records it as retired', async () => {
    const v = variant('retired', retire(example(), 'ACCOUNT02'));
    const r = await runMain(v.cfg, v.out);
    expect(r.code).toBe(0);
    // The retired entry keeps the id that the config must give it (retire() gives a stand-in).
    expect(JSON.parse(readFileSync(v.lock, 'utf8')).accounts.ACCOUNT02).toEqual({ stack: 'trust-1', retired: true, id: '500000000001' });
    const trust = JSON.parse(readFileSync(join(v.out, 'stacks', 'trust-1', 'cdk.tf.json'), 'utf8'));
    expect(trust.removed).toEqual([{ from: 'aws_iam_role.member_account02', lifecycle: { destroy: false } }]);
  });
});
