import { parse } from 'ini';
import { parseConfig } from '../../config/load-config';
import { requireIds, resolveAccountIds } from '../../cli/resolve-account-ids';
import { accountsNeeded, buildProfiles, CREATE_ACCOUNT_PROFILE_SUFFIX, type AwsProfile, type RoleProfile } from '../../cli/aws-profiles';
import { awsConfigCommand } from '../../cli/commands/aws-config';
import { renderAwsConfig } from '../../cli/ini-render';
import { userAccess } from '../../access/user-access';
import { EXAMPLE_PATH, exampleYaml } from '../helpers/example';
import { accessReport } from '../../access/access-matrix';
import { readAccessModel } from '../../access/access-model';
import { identityUsers } from '../../config/model';
import { synthYaml } from '../helpers/synth';

/** What `terraform output -json` of the example's management stack would print after apply. */
const OUTPUT_IDS = { IAM: '222222222222', ACCOUNT01: '444444444444', ACCOUNT02: '555555555555', ACCOUNT03: '333333333333', Logging: '666666666666' };
const MANAGEMENT_ID = '111111111111';
const ROLE = 'OrganizationAccountAccessRole';
/** The keys aws-vault documents for ~/.aws/config profiles that this tool writes. */
const AWS_VAULT_KEYS = new Set(['mfa_serial', 'role_arn', 'source_profile', 'region']);

const config = parseConfig(exampleYaml());

function iniFor(user: string): Record<string, Record<string, string>> {
  const access = userAccess(config, user);
  const profiles = buildProfiles(config, access, resolveAccountIds(config, OUTPUT_IDS));
  return parse(renderAwsConfig(profiles, 'header')) as Record<string, Record<string, string>>;
}

function expectAwsVaultProfiles(ini: Record<string, Record<string, string>>): void {
  for (const [section, fields] of Object.entries(ini)) {
    expect(section).toMatch(/^profile [A-Za-z0-9+=,.@_-]+$/);
    for (const key of Object.keys(fields)) expect(AWS_VAULT_KEYS.has(key)).toBe(true);
    // aws-vault does not inherit mfa_serial from the source profile.
    expect(fields.mfa_serial).toMatch(/^arn:aws:iam::\d{12}:mfa\/[A-Za-z0-9+=,.@_-]+$/);
    expect(fields.region).toBe('us-east-1');
    if (fields.source_profile) {
      expect(ini[`profile ${fields.source_profile}`]).toBeDefined();
      expect(ini[`profile ${fields.source_profile}`].source_profile).toBeUndefined();
      expect(fields.mfa_serial).toBe(ini[`profile ${fields.source_profile}`].mfa_serial);
      expect(fields.role_arn).toMatch(/^arn:aws:iam::\d{12}:role\/[A-Za-z0-9+=,.@_-]+$/);
    } else {
      expect(fields.role_arn).toBeUndefined();
    }
  }
}

describe('aws-config profiles for an identity user', () => {
  it('alice (admins, "*"): a source profile in the identity account and one role profile per member account', () => {
    const ini = iniFor('alice');
    expectAwsVaultProfiles(ini);
    expect(Object.keys(ini)).toEqual([
      'profile alice',
      'profile alice-account01',
      'profile alice-account02',
      'profile alice-account03',
      'profile alice-logging',
    ]);
    expect(ini['profile alice']).toEqual({ mfa_serial: 'arn:aws:iam::222222222222:mfa/alice', region: 'us-east-1' });
    expect(ini['profile alice-account03']).toEqual({
      source_profile: 'alice',
      role_arn: `arn:aws:iam::333333333333:role/${ROLE}`,
      mfa_serial: 'arn:aws:iam::222222222222:mfa/alice',
      region: 'us-east-1',
    });
    expect(ini['profile alice-logging'].role_arn).toBe(`arn:aws:iam::666666666666:role/${ROLE}`);
  });

  it('carol (developers) gets ACCOUNT02 only; dave (auditors) his three accounts', () => {
    expect(Object.keys(iniFor('carol'))).toEqual(['profile carol', 'profile carol-account02']);
    const dave = iniFor('dave');
    expectAwsVaultProfiles(dave);
    expect(Object.keys(dave)).toEqual(['profile dave', 'profile dave-account01', 'profile dave-account03', 'profile dave-logging']);
  });
});

describe('aws-config profiles for a management user (runbook names)', () => {
  const ini = iniFor('user1');

  it('user1-billing in the management account and its create-account role profile', () => {
    expectAwsVaultProfiles(ini);
    expect(ini['profile user1-billing']).toEqual({ mfa_serial: `arn:aws:iam::${MANAGEMENT_ID}:mfa/user1`, region: 'us-east-1' });
    expect(ini[`profile user1-billing-${CREATE_ACCOUNT_PROFILE_SUFFIX}`]).toEqual({
      source_profile: 'user1-billing',
      role_arn: `arn:aws:iam::${MANAGEMENT_ID}:role/assumerole_create_account`,
      mfa_serial: `arn:aws:iam::${MANAGEMENT_ID}:mfa/user1`,
      region: 'us-east-1',
    });
    expect(Object.keys(ini)).toContain('profile user1-billing-assumerole-create_account');
  });

  it('a role profile into every account of the organization through the cross-account role', () => {
    const roles = Object.entries(ini).filter(([, f]) => f.role_arn?.endsWith(`:role/${ROLE}`));
    expect(roles.map(([s]) => s)).toEqual([
      'profile user1-billing-iam',
      'profile user1-billing-account01',
      'profile user1-billing-account02',
      'profile user1-billing-account03',
      'profile user1-billing-logging',
    ]);
    expect(roles.map(([, f]) => f.role_arn.split(':')[4])).toEqual(['222222222222', '444444444444', '555555555555', '333333333333', '666666666666']);
    for (const [, f] of roles) expect(f.source_profile).toBe('user1-billing');
  });
});

describe('ids, names and the command', () => {
  it('needs no outputs when every id the user needs is in the config', () => {
    const yaml = exampleYaml().replace('  email: aws-iam@example.com\n', '  email: aws-iam@example.com\n  id: "222222222222"\n');
    const c = parseConfig(yaml);
    const access = userAccess(c, 'dave');
    // dave needs IAM, ACCOUNT01, ACCOUNT03, Logging: ACCOUNT01 and Logging are created on apply.
    expect(() => requireIds(resolveAccountIds(c), accountsNeeded(access, c), false)).toThrow(/missing account ids for ACCOUNT01, Logging: .*terraform output -json > outputs\.json/);
    const carol = userAccess(c, 'carol');
    expect(() => requireIds(resolveAccountIds(c, { ACCOUNT02: '555555555555' }), accountsNeeded(carol, c), true)).not.toThrow();
  });

  it('never gives two profiles one name, even for an account named like the create-account profile', () => {
    const yaml = exampleYaml().replace('  - name: Logging\n', '  - name: assumerole-create_account\n    email: other01@example.com\n  - name: Logging\n');
    const c = parseConfig(yaml);
    const ids = resolveAccountIds(c, { ...OUTPUT_IDS, 'assumerole-create_account': '777777777777' });
    const names = buildProfiles(c, userAccess(c, 'user1'), ids).map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['user1-billing-assumerole-create_account', 'user1-billing-assumerole-create_account-777777777777']));
  });

  describe('a user in both accounts, with account names that make profile names clash', () => {
    /** The example with `alice` also a management user, and an extra account `name` with id `id`. */
    function profilesWith(name: string, id: string) {
      const yaml = exampleYaml()
        .replace('  - name: Logging\n', `  - name: ${name}\n    email: other01@example.com\n  - name: Logging\n`)
        .replace('users: [user1]', 'users: [user1, alice]');
      const c = parseConfig(yaml);
      const profiles = buildProfiles(c, userAccess(c, 'alice'), resolveAccountIds(c, { ...OUTPUT_IDS, [name]: id }));
      const text = renderAwsConfig(profiles);
      const sections = [...text.matchAll(/^\[profile (.+)\]$/gm)].map((m) => m[1]);
      expect(sections).toEqual(profiles.map((p) => p.name));
      expect(new Set(sections).size).toBe(sections.length);
      for (const p of profiles) expect(p.mfaSerial).toMatch(/^arn:aws:iam::\d{12}:mfa\/alice$/);
      expectAwsVaultProfiles(parse(text) as Record<string, Record<string, string>>);
      return profiles;
    }
    const named = (profiles: readonly AwsProfile[], name: string) => profiles.filter((p) => p.name === name);

    it('account "billing": its identity role profile does not take the management source profile\'s name', () => {
      const profiles = profilesWith('billing', '777777777777');
      expect(named(profiles, 'alice-billing')).toEqual([expect.objectContaining({ kind: 'source', accountId: MANAGEMENT_ID })]);
      expect(named(profiles, 'alice-billing-777777777777')).toEqual([expect.objectContaining({ kind: 'role', sourceProfile: 'alice', accountId: '777777777777' })]);
      expect(named(profiles, 'alice-billing-billing')).toEqual([expect.objectContaining({ sourceProfile: 'alice-billing', accountId: '777777777777' })]);
      expect(named(profiles, 'alice-account01')).toHaveLength(1);
    });

    it('account "billing-account01": neither it nor ACCOUNT01 through the management account gets the shared name', () => {
      const profiles = profilesWith('billing-account01', '888888888888');
      expect(named(profiles, 'alice-billing-account01')).toEqual([]);
      expect(named(profiles, 'alice-billing-account01-888888888888')).toEqual([expect.objectContaining({ sourceProfile: 'alice', accountName: 'billing-account01' })]);
      expect(named(profiles, 'alice-billing-account01-444444444444')).toEqual([expect.objectContaining({ sourceProfile: 'alice-billing', accountName: 'ACCOUNT01' })]);
      expect(named(profiles, 'alice-billing-account02')).toHaveLength(1);
    });
  });

  it('keeps user names with dots readable by the AWS CLI (no escaped section names)', () => {
    const yaml = exampleYaml().replace('users: [dave]', 'users: [dave.smith]');
    const c = parseConfig(yaml);
    const text = renderAwsConfig(buildProfiles(c, userAccess(c, 'dave.smith'), resolveAccountIds(c, OUTPUT_IDS)));
    expect(text).toContain('[profile dave.smith]\n');
    expect(text).not.toContain('\\.');
    expect(text).toMatch(/^\[profile dave\.smith-account01\]\nsource_profile = dave\.smith\n/m);
    expect(text).toContain('mfa_serial = arn:aws:iam::222222222222:mfa/dave.smith\n');
  });

  it('the command reads ids from a terraform output file and prints a commented config', () => {
    const { writeFileSync, mkdtempSync } = jest.requireActual<typeof import('node:fs')>('node:fs');
    const dir = mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'org-trust-out-'));
    const file = `${dir}/outputs.json`;
    writeFileSync(file, JSON.stringify({ account_ids: { sensitive: false, type: ['object', {}], value: OUTPUT_IDS } }));
    const text = awsConfigCommand({ config: EXAMPLE_PATH, user: 'carol', outputs: file });
    expect(text.startsWith('; aws-vault profiles for carol')).toBe(true);
    expect(text).toContain('aws-vault add carol');
    const ini = parse(text) as Record<string, Record<string, string>>;
    expect(ini['profile carol-account02'].role_arn).toBe(`arn:aws:iam::555555555555:role/${ROLE}`);
    const roles = buildProfiles(config, userAccess(config, 'carol'), resolveAccountIds(config, OUTPUT_IDS)).filter((p): p is RoleProfile => p.kind === 'role');
    expect(roles).toHaveLength(1);
  });
});

describe('aws-config profiles follow OU and organization scopes', () => {
  /** The example with a nested OU under Workloads/Dev and a new account there that no group names. */
  const nested = exampleYaml()
    .replace('        - name: Dev\n', '        - name: Dev\n          children:\n            - name: Sandbox\n')
    .replace('accounts:\n  - name: ACCOUNT01', 'accounts:\n  - name: Playground\n    email: playground@example.com\n    ou: Workloads/Dev/Sandbox\n  - name: ACCOUNT01');

  it.each([
    ['the example', exampleYaml()],
    ['a new account in an OU below a group\'s OU', nested],
  ])('in %s: every identity user gets a role profile for exactly the accounts the access report lets them assume', (_what, yaml) => {
    const synth = synthYaml(yaml);
    const report = accessReport(readAccessModel(synth.json, synth.config));
    for (const user of identityUsers(synth.config)) {
      const reachable = Object.entries(report.matrix[`identity-user:${user}`]).filter(([, a]) => a.allowed).map(([name]) => name).sort();
      expect({ user, accounts: [...userAccess(synth.config, user).identity!.accounts].sort() }).toEqual({ user, accounts: reachable });
    }
    if (yaml === nested) expect(userAccess(synth.config, 'carol').identity!.accounts).toEqual(['Playground', 'ACCOUNT02']);
  });

  it('"*" gives profiles for the member accounts only, never for the identity or management account', () => {
    const names = userAccess(config, 'alice').identity!.accounts;
    expect(names).toEqual(['ACCOUNT01', 'ACCOUNT02', 'ACCOUNT03', 'Logging']);
  });
});
