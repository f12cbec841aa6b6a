import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { resolveAccountIds } from '../../cli/resolve-account-ids';
import { CliError } from '../../errors/user-errors';
import { parseConfig } from '../../config/load-config';
import { exampleYaml } from '../helpers/example';
import { runMain, tempDir } from '../helpers/run-main';
import { runBin, STACK_LINE, tempOrg } from './temp-org';
import { refusal as refuse } from '../helpers/refusal';

/** `terraform output -json` ids that agree with the example (ACCOUNT03's id is in the config). */
const IDS = { IAM: '222222222222', ACCOUNT01: '444444444444', ACCOUNT02: '555555555555', ACCOUNT03: '333333333333', Logging: '666666666666' };
const config = parseConfig(exampleYaml());

const refusal = (fn: () => unknown) => refuse(fn, CliError);

describe('aws-config --outputs that contradict the config', () => {
  it('accepts outputs that agree', () => {
    expect(resolveAccountIds(config, IDS).get('ACCOUNT01')).toBe('444444444444');
  });

  it.each([
    ['the identity account mapped to the management id', { ...IDS, IAM: '111111111111' }, /account "IAM" has id 111111111111, the management account's/],
    ['a member mapped to the management id', { ...IDS, Logging: '111111111111' }, /account "Logging" has id 111111111111, the management account's/],
    ['two accounts with one id', { ...IDS, ACCOUNT02: '444444444444' }, /accounts "ACCOUNT01" and "ACCOUNT02" both have id 444444444444/],
    ['an output id equal to another account\'s config id', { ...IDS, ACCOUNT01: '333333333333' }, /accounts "ACCOUNT01" and "ACCOUNT03" both have id 333333333333/],
    ['an account whose config id differs', { ...IDS, ACCOUNT03: '777777777777' }, /account "ACCOUNT03" has id 777777777777 in the outputs but 333333333333 in the config/],
    ['an unknown name holding a known id', { ...IDS, Other: '555555555555' }, /accounts "ACCOUNT02" and "Other" both have id 555555555555/],
  ])('refuses %s', (_what, outputs, message) => {
    expect(refusal(() => resolveAccountIds(config, outputs))).toMatch(message);
  });

  it('the bin exits 1 with the message, and prints no profiles', () => {
    const org = tempOrg(exampleYaml(), { synth: false });
    const input = JSON.stringify({ account_ids: { value: { ...IDS, IAM: '111111111111' } } });
    const r = runBin(['aws-config', '--config', org.configPath, '--user', 'alice', '--outputs', '-'], { input });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--outputs: account "IAM" has id 111111111111, the management account's/);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });
});

describe('report on an output directory of another config', () => {
  const edited = (edit: (doc: Record<string, any>) => void) => {
    const doc = parse(exampleYaml());
    edit(doc);
    return stringify(doc);
  };

  it.each([
    ['an account added', (d: Record<string, any>) => d.accounts.push({ name: 'NEW01', email: 'new01@example.com' }), /management accounts: missing account_new01; trust-1 member roles: missing member_new01/],
    ['an account removed (retired)', (d: Record<string, any>) => {
      d.accounts[0].retired = true;
      d.accounts[0].id = '444444444444';
      d.identity.groups[2].accounts = ['ACCOUNT03', 'Logging'];
    }, /management accounts: unexpected account_account01; trust-1 member roles: unexpected member_account01/],
    ['more trust stacks', (d: Record<string, any>) => {
      d.trust.shardSize = 2;
      d.accounts.push({ name: 'ZZZ', email: 'zzz@example.com' });
    }, /stacks: missing trust-2/],
  ])('refuses stacks synthesized without the stamp when the config has since changed: %s', (_what, edit, message) => {
    const org = tempOrg(exampleYaml());
    writeFileSync(org.configPath, edited(edit));
    const r = runBin(['report', '--config', org.configPath, '--out', org.outDir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--out .*cdktf\.out: does not match .*org\.yaml \(/);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/run `npm run synth` with this config/);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('refuses, by the stamp synth writes, a change that leaves stacks and accounts alone (a group given another account)', async () => {
    const dir = tempDir();
    const configPath = join(dir, 'org.yaml');
    writeFileSync(configPath, exampleYaml());
    const out = join(dir, 'out');
    expect((await runMain(configPath, out)).code).toBe(0);
    expect(runBin(['report', '--config', configPath, '--out', out]).status).toBe(0);
    writeFileSync(configPath, edited((d) => (d.identity.groups[1].accounts = ['ACCOUNT01'])));
    const r = runBin(['report', '--config', configPath, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/synthesized from another config, or before .*org\.yaml or its lock last changed \(org-trust\.json does not match\)/);
    // Another directory with another config: the same refusal.
    const other = join(dir, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'org.yaml'), edited((d) => (d.identity.requireMfa = true)));
    expect(runBin(['report', '--config', join(other, 'org.yaml'), '--out', out]).status).toBe(0);
    writeFileSync(join(other, 'org.yaml'), edited((d) => (d.management.users = ['user1', 'user2'])));
    expect(runBin(['report', '--config', join(other, 'org.yaml'), '--out', out]).stderr).toMatch(/org-trust\.json does not match/);
  }, 60_000);
});

describe('an output that does not say which config it came from', () => {
  const edited = (edit: (doc: Record<string, any>) => void) => {
    const doc = parse(exampleYaml());
    edit(doc);
    return stringify(doc);
  };

  it('report refuses an output without org-trust.json, even with the same stacks and accounts', () => {
    const org = tempOrg(exampleYaml());
    rmSync(join(org.outDir, 'org-trust.json'));
    const r = runBin(['report', '--config', org.configPath, '--out', org.outDir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/has no org-trust\.json, so nothing says which config it was synthesized from/);
    expect(r.stdout).toBe('');
  });

  it('report --base refuses a --out synthesized before the config changed (a gate that did not synth again)', () => {
    const org = tempOrg(exampleYaml());
    writeFileSync(org.configPath, edited((d) => (d.trust = { principals: [{ name: 'Ci', kind: 'aws', arn: 'arn:aws:iam::999999999999:role/ci', human: false, scope: { organization: true } }] })));
    const r = runBin(['report', '--config', org.configPath, '--base', org.outDir, '--out', org.outDir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/--out .*org-trust\.json does not match/);
    expect(r.stdout).not.toMatch(/does not grow/);
  });
});
