import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeLock } from '../../lock/lock-file';
import { planOrg } from '../../lock/org-plan';
import { parseConfig } from '../../config/load-config';
import { validateCommand } from '../../cli/commands/validate';
import { configWarnings } from '../../cli/validate-warnings';
import { generateOrgYaml } from '../../fixtures/generate-org';
import { EXAMPLE_PATH, exampleYaml } from '../helpers/example';
import { tempOrg } from './temp-org';

describe('validate', () => {
  it('marks retired OUs and leaves them out of the OU count', () => {
    const yaml = exampleYaml().replace('    - name: Security\n', '    - name: Security\n    - name: Sandbox\n      retired: true\n');
    const text = validateCommand({ config: tempOrg(yaml, { synth: false }).configPath });
    expect(text).toContain('  Sandbox (retired: Terraform forgets it, AWS keeps it) (empty)');
    expect(text).toContain('  management: 4 OUs, 5 accounts');
  });

  it('summarizes the example: accounts by OU, created vs imported, groups, stacks from the lock', () => {
    const text = validateCommand({ config: EXAMPLE_PATH });
    expect(text).toContain('org.yaml: valid');
    expect(text).toContain('Accounts: 5 (identity + 4 members): 4 to create, 1 to import, 0 retired');
    expect(text).toMatch(/ {2}Root \(empty\)\n {2}Security\n {4}IAM \(identity account, create\)\n {4}Logging \(create\)\n/);
    expect(text).toMatch(/ {2}Workloads\/Prod\n {4}ACCOUNT01 \(create\)\n {4}ACCOUNT03 \(import 333333333333\)\n/);
    expect(text).toContain('  admins: users alice, bob; all 4 member accounts (by organization)');
    expect(text).toContain('  developers: users carol, bob; OUs Workloads/Dev and below (by organization path); 1 member account now: ACCOUNT02');
    expect(text).toContain('  auditors: users dave; accounts ACCOUNT01, ACCOUNT03, Logging');
    expect(text).toContain('  trust-1: ACCOUNT01, ACCOUNT02, ACCOUNT03, Logging');
    expect(text).toContain('Warnings: none');
  });

  it('plans trust stacks with the lock next to the config, and names retired accounts', () => {
    const yaml = generateOrgYaml({ members: 12, shardSize: 5 }).replace(/(name: acct-0003\n)/, '$1    retired: true\n');
    const org = tempOrg(yaml, { synth: false });
    const text = validateCommand({ config: org.configPath });
    expect(text).toContain('  trust-1: acct-0001, acct-0002, acct-0003 (retired), acct-0004, acct-0005');
    expect(text).toContain('  trust-3: acct-0011, acct-0012');
    expect(text).toMatch(/synth will update it:\n {2}acct-0001: added to trust-1/);
  });

  it('warns past the default quota of 10 accounts, saying where to ask for more', () => {
    const warnings = configWarnings(parseConfig(generateOrgYaml({ members: 9 })));
    expect(warnings.join('\n')).toMatch(/11 accounts .* default AWS Organizations quota of 10 accounts per organization.*Service Quotas console.*AWS Support/);
    expect(configWarnings(parseConfig(generateOrgYaml({ members: 8 }))).join('\n')).not.toMatch(/quota/);
  });

  it('warns about groups without users and users who reach no account', () => {
    const yaml = exampleYaml().replace(
      '    - name: auditors\n      users: [dave]\n      accounts: [ACCOUNT01, ACCOUNT03, Logging]',
      '    - name: auditors\n      users: [dave]\n      accounts: []\n    - name: empty\n      accounts: [ACCOUNT01]',
    );
    const warnings = configWarnings(parseConfig(yaml));
    expect(warnings).toEqual(
      expect.arrayContaining([
        'identity group "empty" has no users',
        'identity group "auditors" reaches no accounts',
        'identity user "dave" can assume a role in no account (their groups list no active accounts)',
      ]),
    );
  });
});

describe('validate: password reuse below the CIS benchmark', () => {
  const withReuse = (block: 'management' | 'identity', n: number) =>
    exampleYaml().replace(new RegExp(`^${block}:\\n`, 'm'), `${block}:\n  passwordPolicy: { reusePrevention: ${n} }\n`);

  it.each(['management', 'identity'] as const)('%s.passwordPolicy.reusePrevention below 24 is a warning naming the field; 24 is not', (block) => {
    expect(configWarnings(parseConfig(withReuse(block, 1)))).toContain(`${block}.passwordPolicy.reusePrevention is 1: CIS AWS Foundations asks IAM to remember 24 previous passwords`);
    expect(configWarnings(parseConfig(withReuse(block, 24))).join('\n')).not.toMatch(/reusePrevention/);
  });

  it.each([0, 25, 1.5])('reusePrevention %p is refused, as IAM would', (n) => {
    expect(() => parseConfig(withReuse('identity', n))).toThrow(/identity\.passwordPolicy\.reusePrevention: must be (1-24|a whole number)/);
  });
});

describe('count', () => {
  it.each([
    [0, 'accounts'],
    [1, 'account'],
    [2, 'accounts'],
  ])('%i %s', async (n, expected) => {
    const { count } = await import('../../cli/plural');
    expect(count(n, 'account')).toBe(`${n} ${expected}`);
  });
});

describe('validate: local state beside a config whose backend moved', () => {
  const s3 = 'backend:\n  type: s3\n  bucket: acme-terraform-state\n  region: us-east-1\n';
  const setUp = (backend: string, withState: boolean) => {
    const dir = mkdtempSync(join(tmpdir(), 'org-trust-migrate-'));
    const yaml = `${exampleYaml()}${backend}`;
    writeFileSync(join(dir, 'org.yaml'), yaml);
    writeLock(join(dir, 'org.lock.json'), planOrg(parseConfig(yaml)).lock);
    if (withState) writeFileSync(join(dir, 'terraform.management.tfstate'), '{"version":4,"resources":[]}');
    return validateCommand({ config: join(dir, 'org.yaml') }, {});
  };

  it('warns, with the way to push the state, when terraform.*.tfstate files sit beside an s3 config', () => {
    expect(setUp(s3, true)).toMatch(/local state files \(terraform\.\*\.tfstate\) are in .* but backend\.type is s3: push them into the new backend before any apply/);
  });

  it('is quiet without local state, and for a local backend', () => {
    expect(setUp(s3, false)).not.toMatch(/local state files/);
    expect(setUp('', true)).not.toMatch(/local state files/);
  });
});

describe('validate: what the state knows of accounts without an id', () => {
  it('an account the management state holds is "managed", not "create"', () => {
    const dir = mkdtempSync(join(tmpdir(), 'org-trust-state-'));
    const yaml = exampleYaml();
    writeFileSync(join(dir, 'org.yaml'), yaml);
    writeLock(join(dir, 'org.lock.json'), planOrg(parseConfig(yaml)).lock);
    const resource = (name: string) => ({ mode: 'managed', type: 'aws_organizations_account', name, instances: [{}] });
    writeFileSync(join(dir, 'terraform.management.tfstate'), JSON.stringify({ version: 4, resources: [resource('account_account01'), resource('account_iam')] }));
    const out = validateCommand({ config: join(dir, 'org.yaml') }, {});
    expect(out).toContain('ACCOUNT01 (managed, in the management state)');
    expect(out).toContain('IAM (identity account, managed, in the management state)');
    expect(out).toContain('ACCOUNT02 (create, not in the management state)');
    expect(out).toMatch(/Accounts: 5 \(identity \+ 4 members\): 2 to create, 1 to import, 2 in the management state already/);
  });
});

describe('validate names the protections the management stack writes', () => {
  it('the trust guard, centralized root access and the break-glass group, each on the management line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'org-trust-guard-'));
    const config = join(dir, 'org.yaml');
    writeFileSync(
      config,
      exampleYaml()
        .replace('  region: us-east-1\n', '  region: us-east-1\n  centralRootAccess: true\n')
        .replace('management:\n  users: [user1]\n', 'management:\n  users: [user1]\n  breakGlass:\n    users: [user1]\n')
        .replace(/^trust:\n/m, 'trust:\n  guard: true\n'),
    );
    const line = validateCommand({ config }, {}).split('\n').find((l) => l.startsWith('  management:'));
    expect(line).toMatch(/; the trust guard SCP at the root; centralized root access; break-glass group root-break-glass \(sts:AssumeRoot\): user1$/);
    expect(validateCommand({ config: EXAMPLE_PATH }, {})).not.toMatch(/trust guard|root access|break-glass/);
  });
});
