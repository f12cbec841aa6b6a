import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inScope, ouWithin } from '../../config/declared-principals';
import { exampleYaml } from '../helpers/example';
import { synthYaml } from '../helpers/synth';
import { policyOf, remoteId, resourcesOf } from './stack-json';
import type { PolicyStatement } from '../../policies/document';

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'declared-principals.yaml');
const declared = synthYaml(readFileSync(EXAMPLE, 'utf8'));
const plain = synthYaml(exampleYaml());

/** Statements of each member role in trust-1, by account key. */
const statementsByRole = (json: Record<string, Record<string, unknown>>) =>
  Object.fromEntries(
    Object.entries(resourcesOf(json['trust-1'], 'aws_iam_role')).map(([key, role]) => [key.replace(/^member_/, ''), policyOf(role.assume_role_policy).Statement as PolicyStatement[]]),
  );

describe('declared principals in the synthesized trust policies', () => {
  const roles = statementsByRole(declared.json);

  it('each role trusts the management root first, unconditionally, exactly as without declarations', () => {
    const reference = statementsByRole(plain.json).account01[0];
    expect(reference).toEqual({ Sid: 'ManagementAccount', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole' });
    for (const statements of Object.values(roles)) expect(statements[0]).toEqual(reference);
  });

  it('the statements are the two fixed ones, then the declarations in scope, in config order, each named by its Sid', () => {
    const sids = Object.fromEntries(Object.entries(roles).map(([k, s]) => [k, s.map((x) => x.Sid)]));
    const fixed = ['ManagementAccount', 'IdentityAccount'];
    expect(sids).toEqual({
      account01: [...fixed, 'BreakGlass', 'GithubDeploy', 'SsoAdmins'],
      account02: [...fixed, 'BreakGlass', 'CiRunner', 'SsoAdmins'],
      account03: [...fixed, 'BreakGlass', 'GithubDeploy', 'SsoAdmins'],
      logging: [...fixed, 'BreakGlass', 'Okta', 'Backup'],
    });
  });

  it('every declared statement is an Allow (nothing declared can deny the management root)', () => {
    for (const statements of Object.values(roles)) expect(statements.map((s) => s.Effect)).toEqual(statements.map(() => 'Allow'));
  });

  it("OIDC and SAML name the trusting account's own provider: its id from the config, or from the management stack's output", () => {
    const federated = (key: string, sid: string) => roles[key].find((s) => s.Sid === sid)!.Principal;
    expect(federated('account03', 'GithubDeploy')).toEqual({ Federated: 'arn:aws:iam::333333333333:oidc-provider/token.actions.githubusercontent.com' });
    expect(federated('account01', 'GithubDeploy')).toEqual({ Federated: `arn:aws:iam::${remoteId('ACCOUNT01')}:oidc-provider/token.actions.githubusercontent.com` });
    expect(federated('logging', 'Okta')).toEqual({ Federated: `arn:aws:iam::${remoteId('Logging')}:saml-provider/okta` });
  });

  it('each kind carries its conditions', () => {
    const get = (key: string, sid: string) => roles[key].find((s) => s.Sid === sid)!;
    expect(get('account02', 'BreakGlass')).toMatchObject({
      Principal: { AWS: 'arn:aws:iam::444455556666:root' },
      Action: 'sts:AssumeRole',
      Condition: { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::444455556666:role/break-glass' }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
    });
    expect(get('account02', 'CiRunner').Condition).toEqual({ ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::777788889999:role/ci/runner' } });
    expect(get('account01', 'GithubDeploy')).toMatchObject({
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:acme/infrastructure:ref:refs/heads/main' } },
    });
    expect(get('logging', 'Okta')).toMatchObject({ Action: 'sts:AssumeRoleWithSAML', Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } } });
    expect(get('logging', 'Backup')).toEqual({
      Sid: 'Backup',
      Effect: 'Allow',
      Principal: { Service: 'backup.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:SourceAccount': remoteId('Logging') } },
    });
    const sso = `arn:aws:iam::${remoteId('IAM')}:role/aws-reserved/sso.amazonaws.com`;
    expect(get('account01', 'SsoAdmins')).toMatchObject({
      Principal: { AWS: `arn:aws:iam::${remoteId('IAM')}:root` },
      Condition: { ArnLike: { 'aws:PrincipalArn': [`${sso}/AWSReservedSSO_AdministratorAccess_????????????????`, `${sso}/*/AWSReservedSSO_AdministratorAccess_????????????????`] } },
    });
  });

  it('subjects with wildcards go to StringLike, the audience stays StringEquals', () => {
    const yaml = readFileSync(EXAMPLE, 'utf8').replace('subjects: ["repo:acme/infrastructure:ref:refs/heads/main"]', 'subjects: ["repo:acme/infrastructure:*", "repo:acme/web:ref:refs/heads/main"]');
    const statement = statementsByRole(synthYaml(yaml).json).account01.find((s) => s.Sid === 'GithubDeploy')!;
    expect(statement.Condition).toEqual({
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      StringLike: { 'token.actions.githubusercontent.com:sub': ['repo:acme/infrastructure:*', 'repo:acme/web:ref:refs/heads/main'] },
    });
  });

  it('the same config synthesizes byte-identical JSON (invariant 6)', () => {
    expect(synthYaml(readFileSync(EXAMPLE, 'utf8')).text).toEqual(declared.text);
  });
});

describe('scopes', () => {
  const account = (ou: string | undefined, retired = false) => ({ name: 'A', ou, retired });

  it('an OU scope holds the OU and every OU below it, not a sibling that shares its prefix', () => {
    expect(ouWithin('Workloads', 'Workloads')).toBe(true);
    expect(ouWithin('Workloads/Prod/Eu', 'Workloads')).toBe(true);
    expect(ouWithin('WorkloadsOld', 'Workloads')).toBe(false);
    expect(ouWithin(undefined, 'Workloads')).toBe(false);
  });

  it('accounts, OUs and organization scopes; a retired account is in none', () => {
    expect(inScope({ accounts: ['A'] }, account(undefined))).toBe(true);
    expect(inScope({ accounts: ['B'] }, account(undefined))).toBe(false);
    expect(inScope({ ous: ['Workloads'] }, account('Workloads/Dev'))).toBe(true);
    expect(inScope({ organization: true }, account(undefined))).toBe(true);
    expect(inScope({ organization: true }, account(undefined, true))).toBe(false);
  });
});
