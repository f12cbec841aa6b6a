import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACCESS_GREW, reportDiffCommand } from '../../cli/commands/report-diff';
import type { AccessDiff } from '../../access/access-diff';
import { FOLD_ROWS } from '../../cli/access-diff-markdown';
import { generateOrgYaml } from '../../fixtures/generate-org';
import { exampleYaml } from '../helpers/example';
import { parseConfig } from '../../config/load-config';
import { planOrg } from '../../lock/org-plan';
import { synthLockPair, synthPair, type SynthPair } from './synth-pair';
import { runBin } from './temp-org';

const json = (pair: SynthPair): AccessDiff =>
  JSON.parse(reportDiffCommand({ config: pair.configPath, out: pair.headOut, base: pair.baseOut, format: 'json' }).text) as AccessDiff;
const markdown = (pair: SynthPair) => reportDiffCommand({ config: pair.configPath, out: pair.headOut, base: pair.baseOut, format: 'md' });

const NOTHING = {
  access: { gained: [], lost: [] },
  membership: [],
  scopes: [],
  principals: { added: [], removed: [] },
  trust: { entered: [], left: [] },
  accounts: { created: [], imported: [], renamed: [], retired: [], dropped: [], moved: [], repointed: [] },
  roleMoves: [],
  organizationalUnits: { added: [], removed: [] },
  stacks: { added: [], removed: [], changed: [] },
  protections: { removed: [], added: [], assumeRootGained: [], assumeRootLost: [] },
  notes: [],
};

const auditorsWithCarol = (yaml: string) => yaml.replace('users: [dave]', 'users: [dave, carol]');
const account02ToProd = (yaml: string) => yaml.replace('  - name: ACCOUNT02\n    email: aws-account02@example.com\n    ou: Workloads/Dev\n', '  - name: ACCOUNT02\n    email: aws-account02@example.com\n    ou: Workloads/Prod\n');

describe('report --base: access diff between two synths', () => {
  it('a user added to a group and an account moved into another OU: exactly that, and the OU group loses it', () => {
    const head = account02ToProd(auditorsWithCarol(exampleYaml()));
    expect(head).not.toBe(exampleYaml());
    const pair = synthPair(exampleYaml(), head);
    const change = (kind: 'identity-user' | 'identity-group', name: string, account: string, before: string, after: string) => ({
      principal: `${kind}:${name}`,
      kind,
      name,
      principalAccount: 'IAM',
      account,
      role: 'OrganizationAccountAccessRole',
      before,
      after,
    });
    const carolGains = (account: string) => change('identity-user', 'carol', account, 'none', 'mfa');
    expect(json(pair)).toEqual({
      ...NOTHING,
      accessGrew: true,
      access: {
        gained: [carolGains('ACCOUNT01'), carolGains('ACCOUNT03'), carolGains('Logging')],
        // developers is the group of OU Workloads/Dev: ACCOUNT02 left it. bob keeps it through admins ("*").
        lost: [change('identity-group', 'developers', 'ACCOUNT02', 'mfa', 'none'), change('identity-user', 'carol', 'ACCOUNT02', 'mfa', 'none')],
      },
      membership: [{ group: 'auditors', side: 'identity', user: 'carol', change: 'joined' }],
      accounts: { ...NOTHING.accounts, moved: [{ account: 'ACCOUNT02', from: 'Workloads/Dev', to: 'Workloads/Prod' }] },
      stacks: { added: [], removed: [], changed: ['management', 'identity'] },
    });

    const md = markdown(pair);
    expect(md.exitCode).toBe(ACCESS_GREW);
    const bullets = md.text.split('\n').filter((l) => l.startsWith('- '));
    expect(bullets).toEqual([
      '- Access gained: 3 (1 principal)',
      '- Access lost: 2 (2 principals)',
      '- carol joins identity group auditors',
      '- Account ACCOUNT02 moved from Workloads/Dev to Workloads/Prod',
      '- Stacks to plan (2): management (changed), identity (changed)',
    ]);
    expect(md.text).toContain('**Access grows.**');
    expect(md.text).toContain('| user carol (IAM) | ACCOUNT03 | OrganizationAccountAccessRole | — | with MFA |');
    expect(md.text).toContain('### Access lost');
    expect(md.text).not.toContain('### Trust policy principals');
  });

  it('a group that turns from a named account to its OU: the same access today, and the diff says what later accounts get', () => {
    const base = exampleYaml().replace('ous: [Workloads/Dev]', 'accounts: [ACCOUNT02]');
    const pair = synthPair(base, exampleYaml());
    expect(json(pair)).toEqual({
      ...NOTHING,
      accessGrew: false,
      scopes: [{ group: 'developers', side: 'identity', before: 'named accounts ACCOUNT02', after: 'the accounts of OU Workloads/Dev and the OUs below except IAM, management account' }],
      stacks: { added: [], removed: [], changed: ['identity'] },
    });
    expect(markdown(pair).text).toContain('- identity group developers now grants the role in the accounts of OU Workloads/Dev and the OUs below except IAM, management account (was: named accounts ACCOUNT02)');
  });

  it('turning the trust guard off grows access (exit 3): admins of member accounts may weaken the trust again; turning it on does not', () => {
    const guarded = exampleYaml().replace(/^trust:\n/m, 'trust:\n  guard: true\n');
    expect(guarded).not.toBe(exampleYaml());
    const off = synthPair(guarded, exampleYaml());
    expect(json(off).protections).toEqual({ removed: ["trust guard (SCP org-trust-guard): admins of member accounts can change the member role's trust again"], added: [], assumeRootGained: [], assumeRootLost: [] });
    const md = markdown(off);
    expect(md.exitCode).toBe(3);
    expect(md.text).toContain("- **Removed trust guard (SCP org-trust-guard): admins of member accounts can change the member role's trust again**");
    const on = markdown(synthPair(exampleYaml(), guarded));
    expect(on.exitCode).toBe(0);
    expect(on.text).toContain('- trust guard (SCP org-trust-guard) added');
  });

  it('a user who may now call sts:AssumeRoot grows access (exit 3)', () => {
    const withRoot = (breakGlass: string) =>
      exampleYaml()
        .replace('  region: us-east-1\n', '  region: us-east-1\n  centralRootAccess: true\n')
        .replace('management:\n  users: [user1]\n', `management:\n  users: [user1, user2]\n  breakGlass:\n    users: [${breakGlass}]\n`);
    const pair = synthPair(withRoot('user1'), withRoot('user1, user2'));
    const diff = json(pair);
    expect(diff.protections.assumeRootGained).toEqual(['user2']);
    expect(diff.accessGrew).toBe(true);
  });

  it('no change: exit 0 and one line saying so', () => {
    const pair = synthPair(exampleYaml(), exampleYaml());
    expect(json(pair)).toEqual({ ...NOTHING, accessGrew: false });
    const md = markdown(pair);
    expect(md.exitCode).toBe(0);
    expect(md.text).toContain('No change to access, accounts or stacks.');
  });

  it('a new account in an OU: created, reachable by the "*" groups and the management group, its role trusts management and identity', () => {
    const head = exampleYaml().replace('accounts:\n  - name: ACCOUNT01', 'accounts:\n  - name: ACCOUNT05\n    email: aws-account05@example.com\n    ou: Workloads/Prod\n  - name: ACCOUNT01');
    const diff = json(synthPair(exampleYaml(), head));
    expect(diff.accounts).toEqual({ ...NOTHING.accounts, created: [{ account: 'ACCOUNT05', ou: 'Workloads/Prod' }] });
    expect(diff.access.gained.filter((c) => c.account === 'ACCOUNT05').map((c) => c.principal).sort()).toEqual([
      'identity-group:admins',
      'identity-user:alice',
      'identity-user:bob',
      'management-group:crossaccount-admins',
      'management-user:user1',
    ]);
    expect(diff.access.gained.every((c) => c.account === 'ACCOUNT05' && c.after === 'mfa')).toBe(true);
    expect(diff.access.lost).toEqual([]);
    expect(diff.trust.entered.map((t) => `${t.account} ${t.principal} ${t.mfa}`)).toEqual(['ACCOUNT05 arn:aws:iam::111111111111:root false', 'ACCOUNT05 arn:aws:iam::{IAM}:root true']);
    expect(diff.trust.left).toEqual([]);
    // The "*" group's policy names the organization, not its accounts: the identity stack does not change.
    expect(diff.stacks.changed).toEqual(['management', 'trust-1']);
    expect(diff.accessGrew).toBe(true);
  });

  // A rename is one rename: no access gained or lost, no trust principal entering or leaving
  // (the identity account's users keep their access, its root token follows the rename).
  // No group names ACCOUNT02 (it is in developers through its OU): its rename leaves the identity stack as it is.
  it.each([
    ['a member account', 'ACCOUNT02', 'ACCOUNT2B', (y: string) => y.replace('  - name: ACCOUNT02\n', '  - name: ACCOUNT2B\n    renamedFrom: ACCOUNT02\n'), ['management', 'trust-1']],
    ['the identity account', 'IAM', 'People', (y: string) => y.replace('identityAccount:\n  name: IAM\n', 'identityAccount:\n  name: People\n  renamedFrom: IAM\n'), ['management', 'identity', 'trust-1']],
  ])('renaming %s is one rename', (_what, from, to, edit, changed) => {
    const head = edit(exampleYaml());
    expect(head).not.toBe(exampleYaml());
    expect(json(synthPair(exampleYaml(), head))).toEqual({
      ...NOTHING,
      accessGrew: false,
      accounts: { ...NOTHING.accounts, renamed: [{ from, to }] },
      stacks: { added: [], removed: [], changed },
    });
  });

  it('retiring an account loses access and grows nothing: exit 0', () => {
    const head = exampleYaml()
      .replace('    id: "333333333333"          # created before this tool: imported, not created\n', '    id: "333333333333"\n    retired: true\n')
      .replace('accounts: [ACCOUNT01, ACCOUNT03, Logging]', 'accounts: [ACCOUNT01, Logging]');
    const pair = synthPair(exampleYaml(), head);
    const diff = json(pair);
    expect(diff.accounts).toEqual({ ...NOTHING.accounts, retired: [{ account: 'ACCOUNT03' }] });
    expect(diff.access.gained).toEqual([]);
    expect(new Set(diff.access.lost.map((c) => c.account))).toEqual(new Set(['ACCOUNT03']));
    expect(diff.access.lost.map((c) => c.principal)).toContain('identity-user:dave');
    expect(diff.trust.left.map((t) => t.account)).toEqual(['ACCOUNT03', 'ACCOUNT03']);
    expect(diff.accessGrew).toBe(false);
    expect(markdown(pair).exitCode).toBe(0);
  });

  it('an existing account listed with its id is imported', () => {
    const head = exampleYaml().replace('accounts:\n  - name: ACCOUNT01', 'accounts:\n  - name: Legacy\n    email: legacy@example.com\n    id: "444444444444"\n  - name: ACCOUNT01');
    const diff = json(synthPair(exampleYaml(), head));
    expect(diff.accounts.imported).toEqual([{ account: 'Legacy', id: '444444444444', ou: 'Root' }]);
    expect(diff.accounts.created).toEqual([]);
  });

  // The name stays, the AWS account changes: identity group policies and the trust stack's
  // provider follow the new id, so a reviewer must see it, and it counts as growth.
  it('an account id changed in the pull request: re-pointed, access to the new id gained and to the old one lost, exit 3', () => {
    const head = exampleYaml().replace('id: "333333333333"', 'id: "999999999999"');
    const pair = synthPair(exampleYaml(), head);
    expect(readFileSync(join(pair.headOut, 'stacks', 'identity', 'cdk.tf.json'), 'utf8')).toContain('999999999999');
    const diff = json(pair);
    expect(diff.accounts).toEqual({ ...NOTHING.accounts, repointed: [{ account: 'ACCOUNT03', from: '333333333333', to: '999999999999' }] });
    const principalsOf = (changes: AccessDiff['access']['gained'], account: string) => changes.filter((c) => c.account === account).map((c) => c.principal).sort();
    const reach = ['identity-group:admins', 'identity-group:auditors', 'identity-user:alice', 'identity-user:bob', 'identity-user:dave', 'management-group:crossaccount-admins', 'management-user:user1'];
    expect(principalsOf(diff.access.gained, 'ACCOUNT03 (999999999999)')).toEqual(reach);
    expect(principalsOf(diff.access.lost, 'ACCOUNT03 (333333333333)')).toEqual(reach);
    expect(diff.access.gained.every((c) => c.account === 'ACCOUNT03 (999999999999)')).toBe(true);
    expect(diff.trust.entered.map((t) => t.account)).toEqual(['ACCOUNT03 (999999999999)', 'ACCOUNT03 (999999999999)']);
    expect(diff.accessGrew).toBe(true);
    const md = markdown(pair);
    expect(md.exitCode).toBe(ACCESS_GREW);
    expect(md.text).toContain('**Account ACCOUNT03 re-pointed: 333333333333 → 999999999999:');
    expect(md.text).toContain('| user dave (IAM) | ACCOUNT03 (999999999999) | OrganizationAccountAccessRole | — | with MFA |');
  });

  it('an id given to an account that Terraform created is a re-point too (the reviewer confirms it is the same account)', () => {
    const head = exampleYaml().replace('  - name: ACCOUNT01\n    email: aws-account01@example.com\n', '  - name: ACCOUNT01\n    email: aws-account01@example.com\n    id: "444444444444"\n');
    expect(head).not.toBe(exampleYaml());
    const diff = json(synthPair(exampleYaml(), head));
    expect(diff.accounts.repointed).toEqual([{ account: 'ACCOUNT01', from: null, to: '444444444444' }]);
    expect(diff.accessGrew).toBe(true);
  });

  it('an id removed from the config re-points nothing: Terraform keeps the account its state holds, exit 0', () => {
    const head = exampleYaml().replace('    id: "333333333333"          # created before this tool: imported, not created\n', '');
    expect(head).not.toBe(exampleYaml());
    const pair = synthPair(exampleYaml(), head);
    const diff = json(pair);
    expect(diff.accounts.repointed).toEqual([{ account: 'ACCOUNT03', from: '333333333333', to: null }]);
    expect(diff.access).toEqual({ gained: [], lost: [] });
    expect(diff.trust).toEqual({ entered: [], left: [] });
    expect(diff.accessGrew).toBe(false);
    expect(markdown(pair).exitCode).toBe(0);
  });

  // What a hand-edited older lock produced before synth refused it: the role's state is in
  // trust-1, and trust-1's next apply destroys it. Synthesized directly, past the lock checks.
  it('a member role that leaves its trust stack is named, with both stacks', () => {
    const config = parseConfig(exampleYaml());
    const baseLock = planOrg(config).lock;
    const movedLock = { ...baseLock, accounts: { ...baseLock.accounts, Logging: { stack: 'trust-2' } } };
    const pair = synthLockPair(exampleYaml(), baseLock, movedLock);
    const diff = json(pair);
    expect(diff.roleMoves).toEqual([{ account: 'Logging', from: 'trust-1', to: 'trust-2' }]);
    expect(diff.accessGrew).toBe(false);
    const md = markdown(pair).text;
    expect(md).toContain('- **Role of Logging leaves trust-1: Terraform destroys it there unless a removed block forgets it; trust-2 imports it again**');
    expect(md).toContain('- Stacks to plan (2): trust-1 (changed), trust-2 (new)');
  });

  it('a role that a retirement forgets is the retirement, not a move; managed again, the account is imported again', () => {
    const retired = exampleYaml()
      .replace('    id: "333333333333"          # created before this tool: imported, not created\n', '    id: "333333333333"\n    retired: true\n')
      .replace('accounts: [ACCOUNT01, ACCOUNT03, Logging]', 'accounts: [ACCOUNT01, Logging]');
    expect(json(synthPair(exampleYaml(), retired)).roleMoves).toEqual([]);
    const again = json(synthPair(retired, exampleYaml()));
    expect(again.roleMoves).toEqual([]);
    expect(again.accounts.imported).toEqual([{ account: 'ACCOUNT03', id: '333333333333', ou: 'Workloads/Prod' }]);
  });

  it('dropping MFA is access gained (with MFA -> without MFA)', () => {
    const head = exampleYaml().replace('  requireMfa: true\n  mfaMaxAgeSeconds: 43200\n', '  requireMfa: false\n');
    const diff = json(synthPair(exampleYaml(), head));
    const dave = diff.access.gained.filter((c) => c.principal === 'identity-user:dave');
    expect(dave.map((c) => [c.account, c.before, c.after])).toEqual([
      ['ACCOUNT01', 'mfa', 'no-mfa'],
      ['ACCOUNT03', 'mfa', 'no-mfa'],
      ['Logging', 'mfa', 'no-mfa'],
    ]);
    expect(diff.trust.entered.every((t) => t.principal === 'arn:aws:iam::{IAM}:root' && !t.mfa)).toBe(true);
    expect(diff.trust.left.every((t) => t.principal === 'arn:aws:iam::{IAM}:root' && t.mfa)).toBe(true);
    expect(diff.accessGrew).toBe(true);
  });

  it('a principal from outside the organization entering a trust policy is named, and access grows', () => {
    const pair = synthPair(exampleYaml(), exampleYaml());
    const file = join(pair.headOut, 'stacks', 'trust-1', 'cdk.tf.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"AWS\\":\\"arn:aws:iam::111111111111:root\\"', '"AWS\\":[\\"arn:aws:iam::111111111111:root\\",\\"arn:aws:iam::999999999999:root\\"]'));
    // Only the first member role of the file (ACCOUNT01's) gets the extra principal.
    const diff = json(pair);
    expect(diff).toEqual({
      ...NOTHING,
      accessGrew: true,
      trust: { entered: [expect.objectContaining({ account: 'ACCOUNT01', principal: 'arn:aws:iam::999999999999:root', mfa: false })], left: [] },
      stacks: { added: [], removed: [], changed: ['trust-1'] },
    });
    expect(markdown(pair).text).toContain('| ACCOUNT01 | OrganizationAccountAccessRole | `arn:aws:iam::999999999999:root` | no MFA condition | enters |');
  });

  it(`folds tables longer than ${FOLD_ROWS} rows in <details>`, () => {
    const base = generateOrgYaml({ members: 20 });
    const head = base.replace(/requireMfa: true/, 'requireMfa: false');
    expect(head).not.toBe(base);
    const md = markdown(synthPair(base, head)).text;
    expect(md).toMatch(/<details>\n<summary>\d+ changes<\/summary>\n\n\| Who \| Account/);
    expect(md).toContain('- Trust policies: 20 entries added (1 principal)\n- Trust policies: 20 entries removed (1 principal)\n');
    expect(md).toMatch(/- Stacks to plan \(3\): identity \(changed\), trust-1 \(changed\), trust-2 \(changed\)\n/);
  });

  it('bin: exit 3 when access grows, 0 when not; a missing --base directory is named', () => {
    const grows = synthPair(exampleYaml(), auditorsWithCarol(exampleYaml()));
    const r = runBin(['report', '--config', grows.configPath, '--out', grows.headOut, '--base', grows.baseOut]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(3);
    expect(r.stdout).toContain('- carol joins identity group auditors');
    const same = runBin(['report', '--config', grows.configPath, '--out', grows.headOut, '--base', grows.headOut, '--format', 'json']);
    expect(same.status).toBe(0);
    expect(JSON.parse(same.stdout).accessGrew).toBe(false);
    const missing = runBin(['report', '--config', grows.configPath, '--out', grows.headOut, '--base', join(grows.dir, 'nope')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^--base .*nope: no synthesized stacks/);
  });
});
