import { accessReport, type AccessReport } from '../../access/access-matrix';
import { readAccessModel } from '../../access/access-model';
import { MANAGEMENT } from '../../access/synth-refs';
import { generateOrgYaml } from '../../fixtures/generate-org';
import { exampleYaml } from '../helpers/example';
import { IamEvaluator, type Principal } from '../helpers/iam-evaluator';
import { synthYaml, type SynthResult } from '../helpers/synth';

function reportOf(synth: SynthResult): AccessReport {
  return accessReport(readAccessModel(synth.json, synth.config));
}

/** The iam-simulate principal for a report principal: a group is a member of that group alone. */
function simulatedPrincipal(report: AccessReport, id: string): Principal {
  const p = report.principals.find((x) => x.id === id)!;
  const account = p.kind.startsWith('identity') ? 'identity' : 'management';
  if (p.kind.endsWith('user')) return { account, userName: p.name };
  return { account, userName: p.users![0], groups: [p.name] };
}

/** What iam-simulate decides for every principal of the report and every member account. */
async function simulatedMatrix(ev: IamEvaluator, report: AccessReport) {
  const matrix: Record<string, Record<string, { allowed: boolean; mfa: boolean }>> = {};
  for (const p of report.principals) {
    if (p.users && p.users.length === 0) continue;
    const principal = simulatedPrincipal(report, p.id);
    matrix[p.id] = {};
    for (const [name, id] of ev.memberAccounts) {
      const withMfa = await ev.canAssume({ principal, targetAccountId: id, mfa: true });
      const withoutMfa = await ev.canAssume({ principal, targetAccountId: id, mfa: false });
      matrix[p.id][name] = { allowed: withMfa || withoutMfa, mfa: withMfa && !withoutMfa };
    }
  }
  return matrix;
}

async function expectMatchesSimulation(synth: SynthResult) {
  const report = reportOf(synth);
  const ev = new IamEvaluator(synth);
  expect(report.accounts.map((a) => a.name).sort()).toEqual([...ev.memberAccounts.keys()].sort());
  const withUsers = Object.fromEntries(Object.entries(report.matrix).filter(([id]) => report.principals.find((p) => p.id === id)!.users?.length !== 0));
  expect(withUsers).toEqual(await simulatedMatrix(ev, report));
  for (const role of report.managementRoles) {
    for (const p of report.principals.filter((x) => x.users?.length !== 0)) {
      const principal = simulatedPrincipal(report, p.id);
      const q = { principal, targetAccountId: ev.managementAccountId, roleName: role.role };
      const [withMfa, withoutMfa] = [await ev.canAssume({ ...q, mfa: true }), await ev.canAssume({ ...q, mfa: false })];
      expect({ id: p.id, ...role.access[p.id] }).toEqual({ id: p.id, allowed: withMfa || withoutMfa, mfa: withMfa && !withoutMfa });
    }
  }
  // The identity account's role: no stack manages it, so iam-simulate gets the trust Organizations writes.
  const organizationsTrust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ev.managementAccountId}:root` }, Action: 'sts:AssumeRole' }] };
  expect(report.identityRoles.map((r) => r.role)).toEqual([synth.config.organization.memberRoleName]);
  for (const role of report.identityRoles) {
    for (const p of report.principals.filter((x) => x.users?.length !== 0)) {
      const principal = simulatedPrincipal(report, p.id);
      const q = { principal, targetAccountId: ev.identityAccountId, roleName: role.role, trustPolicy: organizationsTrust };
      const [withMfa, withoutMfa] = [await ev.canAssume({ ...q, mfa: true }), await ev.canAssume({ ...q, mfa: false })];
      expect({ id: p.id, ...role.access[p.id] }).toEqual({ id: p.id, allowed: withMfa || withoutMfa, mfa: withMfa && !withoutMfa });
    }
  }
  return report;
}

describe('the JSON access matrix equals what iam-simulate decides', () => {
  it('for every principal and account of the example org', async () => {
    const report = await expectMatchesSimulation(synthYaml(exampleYaml()));
    // And it is the access org.yaml asks for, so the comparison is not vacuous.
    expect(report.matrix['identity-user:carol']).toEqual({
      ACCOUNT01: { allowed: false, mfa: false },
      ACCOUNT02: { allowed: true, mfa: true },
      ACCOUNT03: { allowed: false, mfa: false },
      Logging: { allowed: false, mfa: false },
    });
    expect(Object.values(report.matrix['management-user:user1']).every((a) => a.allowed && a.mfa)).toBe(true);
    expect(report.managementRoles.map((r) => [r.role, r.access['management-user:user1'], r.access['identity-user:alice']])).toEqual([
      ['assumerole_create_account', { allowed: true, mfa: true }, { allowed: false, mfa: false }],
    ]);
    // Management users reach the identity account through group_orgs_crossaccount; identity users never do, even on "*".
    expect(report.identityRoles.map((r) => [r.account, r.role, r.access['management-user:user1'], r.access['identity-user:alice']])).toEqual([
      ['IAM', 'OrganizationAccountAccessRole', { allowed: true, mfa: true }, { allowed: false, mfa: false }],
    ]);
  });

  it('for every principal and account of a generated 50-member org', async () => {
    const report = await expectMatchesSimulation(synthYaml(generateOrgYaml({ members: 50 })));
    expect(report.accounts).toHaveLength(50);
    const carol = Object.entries(report.matrix['identity-user:carol']).filter(([, a]) => a.allowed);
    expect(carol).toHaveLength(5);
  });

  it('with requireMfa false: allowed without MFA, and the matrix says so', async () => {
    const yaml = exampleYaml().replace('requireMfa: true', 'requireMfa: false').replace('  mfaMaxAgeSeconds: 43200\n', '');
    const synth = synthYaml(yaml);
    const report = await expectMatchesSimulation(synth);
    // Neither the group policy, the trust, nor the self-service group (no deny-without-MFA then) asks for MFA.
    expect(report.matrix['identity-group:developers'].ACCOUNT02).toEqual({ allowed: true, mfa: false });
    expect(report.matrix['identity-user:carol'].ACCOUNT02).toEqual({ allowed: true, mfa: false });
  });

  it('follows the synthesized JSON, not the config: a trust policy edited after synth changes the matrix', async () => {
    const synth = synthYaml(exampleYaml());
    const trust = synth.json['trust-1'].resource.aws_iam_role.member_account02;
    const edited = String(trust.assume_role_policy).replace('"Sid":"IdentityAccount","Effect":"Allow"', '"Sid":"IdentityAccount","Effect":"Deny"');
    expect(edited).not.toBe(trust.assume_role_policy);
    trust.assume_role_policy = edited;
    const report = await expectMatchesSimulation(synth);
    expect(report.matrix['identity-user:alice'].ACCOUNT02.allowed).toBe(false);
    expect(report.matrix['identity-user:alice'].ACCOUNT01.allowed).toBe(true);
    expect(report.accounts.find((a) => a.name === 'ACCOUNT02')!.trust.map((t) => t.account)).toEqual([MANAGEMENT]);
  });

  it('names the trust principals of every member role, management root without conditions and identity root with MFA', () => {
    const report = reportOf(synthYaml(exampleYaml()));
    for (const account of report.accounts) {
      expect(account.trust).toEqual([
        { principal: 'arn:aws:iam::111111111111:root', account: MANAGEMENT, mfa: false },
        expect.objectContaining({ principal: 'arn:aws:iam::{IAM}:root', account: 'IAM', mfa: true }),
      ]);
    }
    expect(report.accounts.find((a) => a.name === 'ACCOUNT03')).toMatchObject({ id: '333333333333', ou: 'Workloads/Prod', stack: 'trust-1' });
    expect(report.accounts.find((a) => a.name === 'Logging')).toMatchObject({ id: null, ou: 'Security' });
  });
});
