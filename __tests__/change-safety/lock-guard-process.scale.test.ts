import { chmodSync, existsSync, mkdirSync, readFileSync, readlinkSync, lstatSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBin } from '../cli/temp-org';
import { exampleInput, toYaml, type OrgInput } from '../helpers/org-inputs';
import { runMain, tempDir, type RunResult } from '../helpers/run-main';

/** main.ts and the CLI in child processes: what lands on disk, exit codes, messages. */

const noStackTrace = (r: { stdout: string; stderr: string }) => expect(`${r.stdout}${r.stderr}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

function project(input: OrgInput = exampleInput()): { dir: string; config: string; lock: string; out: string } {
  const dir = tempDir();
  writeFileSync(join(dir, 'org.yaml'), toYaml(input));
  return { dir, config: join(dir, 'org.yaml'), lock: join(dir, 'org.lock.json'), out: join(dir, 'cdktf.out') };
}

const lockJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as { accounts: Record<string, { stack: string }> } & Record<string, unknown>;
const statePath = (out: string, stack: string) => JSON.parse(readFileSync(join(out, 'stacks', stack, 'cdk.tf.json'), 'utf8')).terraform.backend.local.path as string;

/**
 * Names that are special on a plain JavaScript object, as accounts, OUs, groups and users.
 * (`constructor` as an account or OU name collides with a construct id: a separate issue.)
 */
function prototypeNamedOrg(extra: string[] = []): OrgInput {
  const input = exampleInput();
  const names = ['__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
  return {
    ...input,
    organization: {
      ...input.organization!,
      organizationalUnits: [
        { name: '__proto__', children: [{ name: 'toString' }, { name: 'valueOf' }] },
        { name: 'hasOwnProperty' },
        { name: 'Security' },
      ],
    },
    identityAccount: { ...input.identityAccount!, ou: 'Security' },
    trust: { shardSize: 1 },
    accounts: [...extra, ...names].map((name, i) => ({ name, email: `proto${i}@example.com`, ou: i % 2 ? '__proto__/toString' : 'hasOwnProperty' })),
    management: { users: ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'] },
    identity: {
      groups: [
        { name: '__proto__', users: ['__proto__', 'valueOf'], accounts: ['__proto__', 'toString'] },
        { name: 'constructor', users: ['constructor', 'hasOwnProperty'], accounts: ['*'] },
        { name: 'toString', users: ['toString'], accounts: ['valueOf'] },
        { name: 'hasOwnProperty', users: ['hasOwnProperty'], accounts: ['hasOwnProperty'] },
        { name: 'valueOf', users: ['valueOf'], accounts: ['*'] },
      ],
    },
  };
}

describe('names like __proto__ through synth, re-synth and the CLI', () => {
  const p = project(prototypeNamedOrg());
  let first: RunResult;
  let firstLock: string;
  let again: RunResult;
  let added: RunResult;

  beforeAll(async () => {
    first = await runMain(p.config, p.out);
    firstLock = readFileSync(p.lock, 'utf8');
    again = await runMain(p.config, join(p.dir, 'again'), { CI: 'true' });
    // A newcomer that sorts before every name: an entry lost on reading would give up its stack to it.
    writeFileSync(p.config, toYaml(prototypeNamedOrg(['AAA'])));
    added = await runMain(p.config, join(p.dir, 'added'));
  }, 120_000);

  it('records every account in its own stack, and a frozen re-synth finds the lock up to date', () => {
    expect(first.code).toBe(0);
    const accounts = (JSON.parse(firstLock) as { accounts: Record<string, { stack: string }> }).accounts;
    expect(Object.keys(accounts).sort()).toEqual(['__proto__', 'hasOwnProperty', 'toString', 'valueOf']);
    expect(again.code).toBe(0);
    expect(`${again.stdout}${again.stderr}`).not.toContain('updated');
    noStackTrace(again);
  });

  it('keeps every account in its stack when a newcomer arrives; the newcomer gets a new stack', () => {
    expect(added.code).toBe(0);
    const before = (JSON.parse(firstLock) as { accounts: Record<string, { stack: string }> }).accounts;
    const after = lockJson(p.lock).accounts;
    for (const name of Object.keys(before)) expect([name, after[name].stack]).toEqual([name, before[name].stack]);
    expect(after.AAA).toEqual({ stack: 'trust-5' });
    expect(added.stdout).toMatch(/AAA: added to trust-5\n/);
    expect(added.stdout).not.toMatch(/__proto__: added/);
  });

  it('validate agrees, and report and aws-config see every account', () => {
    const validate = runBin(['validate', '--config', p.config]);
    expect(validate.status).toBe(0);
    expect(validate.stdout).toMatch(/Lock .*org\.lock\.json: up to date/);
    expect(validate.stdout).toMatch(/trust-1: __proto__/);
    const report = runBin(['report', '--config', p.config, '--out', join(p.dir, 'added'), '--format', 'json']);
    expect(report.status).toBe(0);
    const matrix = JSON.parse(report.stdout).matrix as Record<string, Record<string, { allowed: boolean }>>;
    expect(Object.keys(matrix['identity-user:__proto__']).sort()).toEqual(['AAA', '__proto__', 'hasOwnProperty', 'toString', 'valueOf']);
    expect(matrix['identity-user:__proto__'].__proto__.allowed).toBe(true);
    // Written as text: in an object literal, `__proto__:` would set the prototype instead of a key.
    const outputs = '{"account_ids": {"value": {"AAA": "100000000001", "__proto__": "100000000002", "toString": "100000000003", "hasOwnProperty": "100000000004", "valueOf": "100000000005", "IAM": "100000000006"}}}';
    const profiles = runBin(['aws-config', '--config', p.config, '--user', '__proto__', '--outputs', '-'], { input: outputs });
    expect(profiles.stderr).toBe('');
    expect(profiles.stdout).toMatch(/role_arn = arn:aws:iam::100000000002:role\/OrganizationAccountAccessRole/);
  });
});

describe('local state and the missing-lock guard', () => {
  it('state lands beside the config whatever --output says, and the path in the JSON is relative', async () => {
    const p = project();
    const deep = join(p.dir, 'build', 'x');
    mkdirSync(join(p.dir, 'build'));
    const r = await runMain(p.config, deep);
    expect(r.code).toBe(0);
    const path = statePath(deep, 'management');
    expect(path).toBe('../../../../terraform.management.tfstate');
    expect(path.startsWith('/')).toBe(false);
    // Where Terraform, running in the stack's folder, would put it: beside org.yaml.
    expect(join(deep, 'stacks', 'management', path)).toBe(join(p.dir, 'terraform.management.tfstate'));
    const identity = JSON.parse(readFileSync(join(deep, 'stacks', 'identity', 'cdk.tf.json'), 'utf8'));
    expect(JSON.stringify(identity.data.terraform_remote_state)).toContain('"path":"../../../../terraform.management.tfstate"');
  });

  it.each([
    ['beside the config', (dir: string) => dir],
    ['beside the output directory, where older versions put it', (dir: string) => join(dir, 'build')],
  ])('refuses a missing lock where state files sit %s, in synth and in validate alike', async (_where, stateDir) => {
    const p = project();
    mkdirSync(join(p.dir, 'build'));
    writeFileSync(join(stateDir(p.dir), 'terraform.trust-1.tfstate'), '{}');
    const out = join(p.dir, 'build', 'out');
    const synth = await runMain(p.config, out);
    expect(synth.code).toBe(1);
    expect(synth.stderr).toMatch(/org\.lock\.json: is missing, and terraform\.\*\.tfstate files are in .*ORG_LOCK_INIT=1/);
    expect(existsSync(out)).toBe(false);
    const validate = runBin(['validate', '--config', p.config], { env: { CDKTF_OUTDIR: out } });
    expect(validate.status).toBe(1);
    expect(validate.stderr).toMatch(/org\.lock\.json: is missing, and terraform\.\*\.tfstate files are in /);
    expect(validate.stdout).not.toContain('valid');
    noStackTrace(validate);
  });

  it('validate refuses what synth refuses: an edited lock, a lock of another organization, a read-only lock synth would change', async () => {
    const p = project();
    expect((await runMain(p.config, p.out)).code).toBe(0);
    const good = readFileSync(p.lock, 'utf8');
    const cases: [string, () => void, RegExp][] = [
      ['moved', () => writeFileSync(p.lock, good.replace('"stack": "trust-1"', '"stack": "trust-2"')), /seal: does not match the lock: it was edited by hand/],
      ['emptied', () => writeFileSync(p.lock, JSON.stringify({ ...JSON.parse(good), accounts: {} })), /seal: does not match/],
      ['other org', () => {
        const other = exampleInput();
        other.organization = { ...other.organization!, managementAccountId: '999999999999' };
        writeFileSync(p.config, toYaml(other));
      }, /managementAccountId: belongs to the organization of management account 111111111111, but the config names 999999999999/],
    ];
    for (const [what, edit, message] of cases) {
      writeFileSync(p.config, toYaml(exampleInput()));
      writeFileSync(p.lock, good);
      edit();
      const before = readFileSync(p.lock, 'utf8');
      const out = join(p.dir, `out-${what.replace(/\W/g, '')}`);
      const synth = await runMain(p.config, out);
      expect([what, synth.code]).toEqual([what, 1]);
      expect(synth.stderr).toMatch(message);
      expect(readFileSync(p.lock, 'utf8')).toBe(before);
      expect(existsSync(out)).toBe(false);
      const validate = runBin(['validate', '--config', p.config]);
      expect([what, validate.status]).toEqual([what, 1]);
      expect(validate.stderr).toMatch(message);
    }
    writeFileSync(p.config, toYaml({ ...exampleInput(), accounts: [...exampleInput().accounts, { name: 'NEW', email: 'new@example.com' }] }));
    writeFileSync(p.lock, good);
    chmodSync(p.lock, 0o444);
    const out = join(p.dir, 'out-readonly');
    const synth = await runMain(p.config, out);
    expect(synth.code).toBe(1);
    expect(synth.stderr).toMatch(/org\.lock\.json: is read-only, and synth would change it; nothing was written/);
    expect(existsSync(out)).toBe(false);
    expect(runBin(['validate', '--config', p.config]).stderr).toMatch(/is read-only/);
  }, 120_000);

  it('validate, like synth, refuses a lock that would change in frozen mode (CI=true), and accepts it up to date', async () => {
    const p = project();
    expect((await runMain(p.config, p.out)).code).toBe(0);
    expect(runBin(['validate', '--config', p.config], { env: { CI: 'true' } }).status).toBe(0);
    writeFileSync(p.config, toYaml({ ...exampleInput(), accounts: [...exampleInput().accounts, { name: 'NEW', email: 'new@example.com' }] }));
    const synth = await runMain(p.config, join(p.dir, 'frozen'), { CI: 'true' });
    const validate = runBin(['validate', '--config', p.config], { env: { CI: 'true' } });
    expect([synth.code, validate.status]).toEqual([1, 1]);
    for (const r of [synth.stderr, validate.stderr]) expect(r).toMatch(/is out of date \(NEW: added to trust-1\)/);
    expect(runBin(['validate', '--config', p.config]).status).toBe(0);
  }, 60_000);

  it('a lock that is a symbolic link stays one after synth', async () => {
    const p = project();
    mkdirSync(join(p.dir, 'locks'));
    writeFileSync(join(p.dir, 'locks', 'org.lock.json'), '{"version": 2, "accounts": {}}');
    symlinkSync(join('locks', 'org.lock.json'), p.lock);
    expect((await runMain(p.config, p.out)).code).toBe(0);
    expect(lstatSync(p.lock).isSymbolicLink()).toBe(true);
    expect(readlinkSync(p.lock)).toBe(join('locks', 'org.lock.json'));
    expect(lockJson(join(p.dir, 'locks', 'org.lock.json')).accounts.ACCOUNT01).toEqual({ stack: 'trust-1' });
  });
});
