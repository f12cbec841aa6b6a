import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'ini';
import { resolveAccountIds } from '../../cli/resolve-account-ids';
import { buildProfiles } from '../../cli/aws-profiles';
import { awsConfigCommand } from '../../cli/commands/aws-config';
import { CREDENTIAL_FORMATS, renderCredentialConfig, type CredentialFormat } from '../../cli/credential-formats';
import { userAccess } from '../../access/user-access';
import { parseConfig } from '../../config/load-config';
import { EXAMPLE_PATH, exampleYaml } from '../helpers/example';
import { pythonWithBotocore } from './python-botocore';
import { runBin } from './temp-org';

const OUTPUT_IDS = { IAM: '222222222222', ACCOUNT01: '444444444444', ACCOUNT02: '555555555555', ACCOUNT03: '333333333333', Logging: '666666666666' };
const config = parseConfig(exampleYaml());
type Ini = Record<string, Record<string, string>>;

const render = (format: CredentialFormat, user: string, c = config) =>
  renderCredentialConfig(format, buildProfiles(c, userAccess(c, user), resolveAccountIds(c, OUTPUT_IDS)), user, 'org.yaml');
const sectionsOf = (ini: Ini) => Object.entries(ini).map(([section, fields]) => ({ name: section.replace(/^profile /, ''), fields }));

/** What every format shares: role profiles start from a user profile (no chaining) and present the user's MFA device. */
function expectRoleProfiles(ini: Ini): void {
  const roles = sectionsOf(ini).filter((s) => s.fields.role_arn);
  expect(roles.length).toBeGreaterThan(0);
  for (const { fields } of roles) {
    const source = ini[`profile ${fields.source_profile}`];
    expect(source).toBeDefined();
    expect(source.role_arn).toBeUndefined();
    expect(fields.mfa_serial).toMatch(/^arn:aws:iam::\d{12}:mfa\/[\w+=,.@-]+$/);
  }
}

describe('aws-config --for: credential outputs, parsed back with INI parsers', () => {
  it.each(CREDENTIAL_FORMATS)('%s: says where MFA comes in and notes the one-hour limit of chained role sessions', (format) => {
    const text = render(format, 'bob');
    expect(text).toMatch(/^; MFA: /m);
    expect(text).toMatch(/^; Role chaining: a session assumed with role credentials lasts at most one hour/m);
    expectRoleProfiles(parse(text) as Ini);
  });

  it('aws-vault (and the ByteNess/aws-vault fork): every profile repeats mfa_serial, the source profile names the device', () => {
    const ini = parse(render('aws-vault', 'carol')) as Ini;
    expect(ini).toEqual({
      'profile carol': { mfa_serial: 'arn:aws:iam::222222222222:mfa/carol', region: 'us-east-1' },
      'profile carol-account02': {
        source_profile: 'carol',
        role_arn: 'arn:aws:iam::555555555555:role/OrganizationAccountAccessRole',
        mfa_serial: 'arn:aws:iam::222222222222:mfa/carol',
        region: 'us-east-1',
      },
    });
    expect(render('aws-vault', 'carol')).toContain('; Store the access key once with: aws-vault add carol\n');
  });

  it('granted: the source profile gets its keys from `granted credential-process --profile` naming itself', () => {
    const text = render('granted', 'user1');
    const ini = parse(text) as Ini;
    expect(ini['profile user1-billing']).toEqual({
      credential_process: 'granted credential-process --profile user1-billing',
      mfa_serial: 'arn:aws:iam::111111111111:mfa/user1',
      region: 'us-east-1',
    });
    for (const { name, fields } of sectionsOf(ini)) {
      // Granted refuses a credential_process whose --profile is another profile.
      if (fields.credential_process) expect(fields.credential_process).toBe(`granted credential-process --profile ${name}`);
      else expect(fields.source_profile).toBe('user1-billing');
    }
    expect(ini['profile user1-billing-assumerole-create_account'].role_arn).toBe('arn:aws:iam::111111111111:role/assumerole_create_account');
    expect(text).toContain('granted credentials add user1-billing');
  });

  it('aws login: a login profile names the IAM user (login_session), role profiles start from it; no keys anywhere', () => {
    const text = render('aws-login', 'dave');
    const ini = parse(text) as Ini;
    expect(ini['profile dave-login']).toEqual({ login_session: 'arn:aws:iam::222222222222:user/dave', region: 'us-east-1' });
    expect(Object.keys(ini).sort()).toEqual(['profile dave-account01', 'profile dave-account03', 'profile dave-logging', 'profile dave-login']);
    for (const { fields } of sectionsOf(ini).filter((s) => s.fields.role_arn)) expect(fields.source_profile).toBe('dave-login');
    expect(text).not.toMatch(/aws_access_key_id|credential_process =/);
    expect(text).toContain('aws login --profile dave-login');
    expect(text).toContain('SignInLocalDevelopmentAccess');
  });

  /** The outputs of the example with one account's name changed (its id stays). */
  const renamedOutput = (from: string, to: string) =>
    Object.fromEntries(Object.entries(OUTPUT_IDS).map(([name, id]) => [name === from ? to : name, id]));

  it('aws login: the login profile never takes the name of a role profile (an account named "login")', () => {
    const c = parseConfig(exampleYaml().replace('  - name: Logging\n', '  - name: login\n').replace('ACCOUNT03, Logging]', 'ACCOUNT03, login]'));
    const profiles = buildProfiles(c, userAccess(c, 'dave'), resolveAccountIds(c, renamedOutput('Logging', 'login')));
    const ini = parse(renderCredentialConfig('aws-login', profiles, 'dave', 'org.yaml')) as Ini;
    expect(ini['profile dave-login'].role_arn).toBe('arn:aws:iam::666666666666:role/OrganizationAccountAccessRole');
    expect(ini['profile dave-login-session']).toEqual({ login_session: 'arn:aws:iam::222222222222:user/dave', region: 'us-east-1' });
    expect(ini['profile dave-login'].source_profile).toBe('dave-login-session');
  });

  /** The user profile's provider in the AWS CLI: aws-vault injects credentials itself, so none there. */
  const SOURCE_PROVIDER: Record<CredentialFormat, string | null> = { 'aws-vault': null, granted: 'custom-process', 'aws-login': 'login' };
  it.each(CREDENTIAL_FORMATS)('%s: botocore (the AWS CLI’s library) reads the same profiles and picks the expected credential providers', (format) => {
    const text = render(format, 'bob');
    const dir = mkdtempSync(join(tmpdir(), 'aws-config-'));
    writeFileSync(join(dir, 'config'), text);
    // Nothing from this machine: no AWS_* variables, no credentials file, no instance metadata.
    const env = { PATH: process.env.PATH ?? '', HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), AWS_EC2_METADATA_DISABLED: 'true' };
    // python3 where it has botocore, else the e2e virtual environment's: never skipped.
    const r = spawnSync(pythonWithBotocore(), [join(__dirname, 'botocore-profiles.py'), join(dir, 'config')], { encoding: 'utf8', env, timeout: 30_000 });
    expect(r.stderr).toBe('');
    const { profiles, providers } = JSON.parse(r.stdout) as { profiles: Ini; providers: Record<string, string | null> };
    const sections = sectionsOf(parse(text) as Ini);
    expect(profiles).toEqual(Object.fromEntries(sections.map((s) => [s.name, s.fields])));
    for (const s of sections) expect([s.name, providers[s.name]]).toEqual([s.name, s.fields.role_arn ? 'assume-role' : SOURCE_PROVIDER[format]]);
  });

  it('bin: --for chooses the tool, an unknown one is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'outputs-'));
    writeFileSync(join(dir, 'outputs.json'), JSON.stringify({ account_ids: { value: OUTPUT_IDS } }));
    const ok = runBin(['aws-config', '--config', EXAMPLE_PATH, '--user', 'carol', '--outputs', join(dir, 'outputs.json'), '--for', 'granted']);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('credential_process = granted credential-process --profile carol\n');
    const bad = runBin(['aws-config', '--config', EXAMPLE_PATH, '--user', 'carol', '--for', 'leapp']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("option '--for <tool>' argument 'leapp' is invalid");
    expect(awsConfigCommand({ config: EXAMPLE_PATH, user: 'carol', outputs: join(dir, 'outputs.json') })).toBe(render('aws-vault', 'carol').replace('from org.yaml', `from ${EXAMPLE_PATH}`));
  });
});
