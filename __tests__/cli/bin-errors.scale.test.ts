import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleYaml } from '../helpers/example';
import { runBin, STACK_LINE, tempOrg, type RunResult } from './temp-org';

function expectCleanFailure(r: RunResult, message: RegExp) {
  expect(r.status).not.toBe(0);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(STACK_LINE);
  expect(r.stdout).toBe('');
}

describe('org-trust bin: error paths exit non-zero with a clear message and no stack trace', () => {
  const org = tempOrg(exampleYaml(), { synth: false });

  it('bad config: names the field and its line', () => {
    const bad = join(org.dir, 'bad.yaml');
    writeFileSync(bad, exampleYaml().replace('managementAccountId: "111111111111"', 'managementAccountId: "1234"'));
    for (const cmd of [['validate'], ['aws-config', '--user', 'alice'], ['report']]) {
      expectCleanFailure(runBin([...cmd, '--config', bad]), /bad\.yaml:4: organization\.managementAccountId: must be exactly 12 digits/);
    }
  });

  it('missing config file', () => {
    expectCleanFailure(runBin(['validate', '--config', join(org.dir, 'nope.yaml')]), /nope\.yaml: cannot read the config: file not found/);
  });

  it('unknown user: lists the known users', () => {
    expectCleanFailure(runBin(['aws-config', '--config', org.configPath, '--user', 'mallory']), /--user: unknown user "mallory"\. Known users: alice, bob, carol, dave, user1/);
  });

  it('missing ids: lists them and says how to get the outputs', () => {
    expectCleanFailure(
      runBin(['aws-config', '--config', org.configPath, '--user', 'carol']),
      /missing account ids for IAM, ACCOUNT02: .*cd cdktf\.out\/stacks\/management && terraform output -json > outputs\.json/,
    );
    expectCleanFailure(runBin(['aws-config', '--config', org.configPath, '--user', 'carol', '--outputs', '-'], { input: '{"other": {}}' }), /--outputs \(stdin\): no "account_ids" output/);
  });

  it('missing cdktf.out', () => {
    expectCleanFailure(runBin(['report', '--config', org.configPath, '--out', join(org.dir, 'cdktf.out')]), /no synthesized stacks .* run `npm run synth` first/);
  });

  it('bad --format, and --links with --extension', () => {
    expectCleanFailure(runBin(['report', '--config', org.configPath, '--format', 'html']), /'html' is invalid\. Allowed choices are md, json/);
    expectCleanFailure(runBin(['aws-config', '--config', org.configPath, '--user', 'carol', '--links', '--extension']), /cannot be used with option '--extension'/);
  });

  it('missing --user', () => {
    expectCleanFailure(runBin(['aws-config', '--config', org.configPath]), /required option '-u, --user <name>' not specified/);
  });
});

describe('org-trust bin: success paths', () => {
  it('every command has --help naming --config', () => {
    for (const cmd of ['validate', 'aws-config', 'report']) {
      const r = runBin([cmd, '--help']);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('--config <file>');
    }
  });

  it('aws-config reads terraform output -json from stdin', () => {
    const org = tempOrg(exampleYaml(), { synth: false });
    const outputs = JSON.stringify({ account_ids: { sensitive: false, type: ['object', {}], value: { IAM: '222222222222', ACCOUNT02: '555555555555' } } });
    const r = runBin(['aws-config', '--config', org.configPath, '--user', 'carol', '--outputs', '-'], { input: outputs });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('[profile carol-account02]\nsource_profile = carol\nrole_arn = arn:aws:iam::555555555555:role/OrganizationAccountAccessRole\n');
  });

  it('report writes Markdown from a synthesized directory, and nothing into it', () => {
    const org = tempOrg(exampleYaml());
    const r = runBin(['report', '--config', org.configPath, '--out', org.outDir]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('```mermaid\nflowchart LR\n');
    expect(existsSync(join(org.outDir, 'report.md'))).toBe(false);
  });
});

describe('org-trust --version', () => {
  it('prints the version of package.json and exits 0', () => {
    const r = runBin(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe((require('../../package.json') as { version: string }).version);
  });
});
