import { reportCommand } from '../../cli/commands/report';
import { generateOrgYaml } from '../../fixtures/generate-org';
import { exampleYaml } from '../helpers/example';
import { tempOrg } from './temp-org';

describe('report', () => {
  const org = tempOrg(exampleYaml());

  it('Markdown: access matrix per account and group, users, management roles, trust principals, Mermaid', () => {
    const md = reportCommand({ config: org.configPath, out: org.outDir, format: 'md' });
    expect(md).toContain('| Account | OU | admins | auditors | developers | crossaccount-admins (management) |');
    expect(md).toContain('| ACCOUNT02 | Workloads/Dev | yes (MFA) | — | yes (MFA) | yes (MFA) |');
    expect(md).toContain('| Logging | Security | yes (MFA) | yes (MFA) | — | yes (MFA) |');
    expect(md).toContain('Groups that can assume no member role: mfa-self-service.');
    expect(md).toContain('| admins | IAM | every account of this organization except IAM, management account |');
    expect(md).toContain('| developers | IAM | the accounts of OU Workloads/Dev and the OUs below except IAM, management account |');
    expect(md).toContain('| carol | IAM | developers, mfa-self-service | ACCOUNT02 (MFA) | — |');
    expect(md).toContain('| user1 | management account | crossaccount-admins | all 4 member accounts (MFA) | OrganizationAccountAccessRole in IAM (MFA), assumerole_create_account in management account (MFA) |');
    // Who reaches the accounts that hold every human and the organization itself, not only the members.
    expect(md).toContain('## Who can reach the identity account and the management account');
    expect(md).toContain('| identity account IAM | OrganizationAccountAccessRole | `arn:aws:iam::111111111111:root` (management account; no MFA condition) | crossaccount-admins (MFA), user1 (MFA) |');
    expect(md).toContain('| management account | assumerole_create_account | `arn:aws:iam::111111111111:root` (management account; MFA) | crossaccount-admins (MFA), user1 (MFA) |');
    expect(md).toMatch(/\| ACCOUNT03 \| trust-1 \| OrganizationAccountAccessRole \| `arn:aws:iam::111111111111:root` \(management account; no MFA condition\)<br>`arn:aws:iam::\{IAM\}:root` \(identity account IAM; MFA; NumericLessThanEquals aws\\:MultiFactorAuthAge "43200", ArnLike aws\\:PrincipalArn "arn\\:aws\\:iam\\:\\:\{IAM\}\\:user\/\*"\) \|/);
    expect(md).not.toContain('Warning: the role no longer trusts the management account');
    // Hand-added principals are dropped by the rewrite: the report says so above the trust table.
    expect(md).toMatch(/## Trust principals of every member role\n\n\*\*Applying a trust stack replaces the whole trust policy of `OrganizationAccountAccessRole`[^\n]*removed by the first apply/);
    expect(md).toMatch(/```mermaid\nflowchart LR\n[\s\S]*\n```\n/);
  });

  it('JSON: principals, accounts and matrix[principal][account] = {allowed, mfa}', () => {
    const json = JSON.parse(reportCommand({ config: org.configPath, out: org.outDir, format: 'json' }));
    expect(Object.keys(json)).toEqual(['principals', 'accounts', 'matrix', 'scopes', 'managementRoles', 'identityRoles', 'notes']);
    expect(json.scopes['identity-group:admins']).toEqual([{ kind: 'organization', organization: '{organization}', except: ['IAM', '{management}'] }]);
    expect(json.scopes['identity-group:developers']).toEqual([{ kind: 'ous', ous: ['Workloads/Dev'], andBelow: true, except: ['IAM', '{management}'] }]);
    expect(json.scopes['identity-group:auditors']).toEqual([{ kind: 'accounts', accounts: ['ACCOUNT01', 'Logging', 'ACCOUNT03'] }]);
    expect(json.principals.map((p: { id: string }) => p.id)).toContain('identity-user:dave');
    expect(json.matrix['identity-user:dave']).toEqual({
      Logging: { allowed: true, mfa: true },
      ACCOUNT02: { allowed: false, mfa: false },
      ACCOUNT01: { allowed: true, mfa: true },
      ACCOUNT03: { allowed: true, mfa: true },
    });
  });

  it('warns when a member role no longer trusts the management account', () => {
    const edited = tempOrg(exampleYaml());
    const file = `${edited.outDir}/stacks/trust-1/cdk.tf.json`;
    const fs = jest.requireActual<typeof import('node:fs')>('node:fs');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').split('arn:aws:iam::111111111111:root').join('arn:aws:iam::999999999999:root'));
    const md = reportCommand({ config: edited.configPath, out: edited.outDir, format: 'md' });
    expect(md).toContain('**Warning: the role no longer trusts the management account in Logging, ACCOUNT02, ACCOUNT01, ACCOUNT03');
    expect(md).toContain('`arn:aws:iam::999999999999:root` (**outside the organization**; no MFA condition)');
    // The management group can no longer get in anywhere: its column goes, and the report says so.
    expect(md).toContain('| ACCOUNT01 | Workloads/Prod | yes (MFA) | yes (MFA) | — |\n');
    expect(md).toContain('Groups that can assume no member role: mfa-self-service, crossaccount-admins.');
  });

  it('keeps one row per account up to 50 accounts', () => {
    const org50 = tempOrg(generateOrgYaml({ members: 50 }));
    const md = reportCommand({ config: org50.configPath, out: org50.outDir, format: 'md' });
    expect(md.split('\n').filter((l) => /^\| acct-\d{4} \| Workloads\/(Prod|Dev) \| /.test(l))).toHaveLength(50);
    expect(md.split('\n').filter((l) => /^\| acct-\d{4} \| trust-\d+ \| /.test(l))).toHaveLength(50);
  });

  it('groups a long matrix by OU and access pattern, and the trust table by distinct trust, with counts that add up to the JSON rows', () => {
    const big = tempOrg(generateOrgYaml({ members: 120 }));
    const md = reportCommand({ config: big.configPath, out: big.outDir, format: 'md' });
    const json = JSON.parse(reportCommand({ config: big.configPath, out: big.outDir, format: 'json' }));
    expect(json.accounts).toHaveLength(120);
    // What each account's row would say, from the JSON: its OU and one cell per shown group.
    const groups = (json.principals as { id: string; kind: string }[]).filter((p) => p.kind.endsWith('group') && Object.values(json.matrix[p.id] ?? {}).some((a: any) => a.allowed));
    const cellOf = (a: any) => (!a?.allowed ? '—' : a.mfa ? 'yes (MFA)' : '**yes, without MFA**');
    const expected = new Map<string, number>();
    for (const a of json.accounts) {
      const key = [a.ou, ...groups.map((g) => cellOf(json.matrix[g.id][a.name]))].join(' | ');
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const rows = md.split('\n').filter((l) => /^\| Workloads\/(Prod|Dev) \| \d+ accounts: /.test(l));
    const found = new Map(rows.map((l) => {
      const [, ou, count, rest] = /^\| ([^|]+) \| (\d+) accounts: [^|]* \| (.*) \|$/.exec(l)!;
      return [[ou, ...rest.split(' | ')].join(' | '), Number(count)] as const;
    }));
    expect(found).toEqual(expected);
    expect(md).toContain('120 member roles, 1 distinct trust policy; the JSON report lists every role with its stack.');
    expect(md).toMatch(/^\| 120 accounts: acct-\d{4}, acct-\d{4}, acct-\d{4}, acct-\d{4}, acct-\d{4}, … and 115 more \| OrganizationAccountAccessRole \| /m);
  });
});

describe('report: "declared" means trust.principals only', () => {
  it('the create-account role trust is the product’s own statement, not a declared principal', () => {
    const org = tempOrg(exampleYaml());
    const json = JSON.parse(reportCommand({ config: org.configPath, out: org.outDir, format: 'json' }));
    const trust = json.managementRoles.flatMap((r: { trust: { name?: string }[] }) => r.trust);
    expect(trust.length).toBeGreaterThan(0);
    expect(trust.filter((t: { name?: string }) => t.name !== undefined)).toEqual([]);
    expect(reportCommand({ config: org.configPath, out: org.outDir, format: 'md' })).not.toContain('(declared)');
  });
});
