import { runnerContext, scpFindings } from '../../../cli/live/scp-check';
import { GUARDED_ROLE_ACTIONS, trustGuardPolicy } from '../../../policies/trust-guard-policy';
import { RUNNER_SESSION_NAME } from '../../../policies/runner-session';

const ACCOUNT = '333333333333';
const ROLE = 'OrganizationAccountAccessRole';
const resource = `arn:aws:iam::${ACCOUNT}:role/${ROLE}`;
const context = runnerContext({ accountId: ACCOUNT, memberRoleName: ROLE, organizationId: 'o-abcdef1234' });
const check = (statement: object, action = 'iam:UpdateAssumeRolePolicy') => scpFindings({ Version: '2012-10-17', Statement: [statement] }, { action, resource, context });

describe('SCP static check of the trust rewrite', () => {
  it('finds a Deny by exact action, wildcard and any case', () => {
    for (const Action of ['iam:UpdateAssumeRolePolicy', 'iam:*', 'IAM:Update*', '*']) {
      expect(check({ Effect: 'Deny', Action, Resource: '*' })).toEqual([expect.objectContaining({ outcome: 'denies' })]);
    }
  });

  it('ignores Allow statements and Deny statements on other actions', () => {
    expect(check({ Effect: 'Allow', Action: '*', Resource: '*' })).toEqual([]);
    expect(check({ Effect: 'Deny', Action: ['iam:CreateUser', 'iam:Delete*'], Resource: '*' })).toEqual([]);
    expect(check({ Effect: 'Deny', Action: 'iam:GetRole', Resource: '*' }, 'iam:UpdateAssumeRolePolicy')).toEqual([]);
  });

  it('reads NotAction: a Deny of everything but IAM does not block, one of everything but S3 does', () => {
    expect(check({ Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*' })).toEqual([]);
    expect(check({ Effect: 'Deny', NotAction: 's3:*', Resource: '*' })).toHaveLength(1);
  });

  it('matches Resource and NotResource against the role ARN, with wildcards', () => {
    expect(check({ Effect: 'Deny', Action: 'iam:*', Resource: 'arn:aws:iam::*:role/OrganizationAccountAccessRole' })).toHaveLength(1);
    expect(check({ Effect: 'Deny', Action: 'iam:*', Resource: 'arn:aws:iam::*:role/Other*' })).toEqual([]);
    expect(check({ Effect: 'Deny', Action: 'iam:*', NotResource: 'arn:aws:iam::*:role/Organization*' })).toEqual([]);
    expect(check({ Effect: 'Deny', Action: 'iam:*', NotResource: 'arn:aws:iam::*:role/Break-glass' })).toHaveLength(1);
    expect(check({ Effect: 'Deny', Action: 'iam:*' })).toHaveLength(1);
  });

  it('decides conditions on keys it knows: an exemption of the runner role lets the call through', () => {
    const exempt = { Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::*:role/${ROLE}` } } };
    expect(check(exempt)).toEqual([]);
    const other = { ...exempt, Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Admin' } } };
    expect(check(other)).toEqual([expect.objectContaining({ outcome: 'denies', undecided: [] })]);
  });

  it('says which conditions it cannot decide instead of guessing', () => {
    const findings = check({ Sid: 'Tags', Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'platform' } } });
    expect(findings).toEqual([{ action: 'iam:UpdateAssumeRolePolicy', sid: 'Tags', outcome: 'may-deny', undecided: ['StringNotEquals aws:PrincipalTag/team'] }]);
  });

  it('treats an unknown operator on a known key as undecided', () => {
    const findings = check({ Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { 'ForAnyValue:DateGreaterThan': { 'aws:PrincipalAccount': ACCOUNT } } });
    expect(findings).toEqual([expect.objectContaining({ outcome: 'may-deny', undecided: ['ForAnyValue:DateGreaterThan aws:PrincipalAccount'] })]);
  });

  it('decides a set operator on a known single-valued key, as IAM does (a set of one value)', () => {
    const deny = (values: string) => check({ Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { 'ForAnyValue:StringEquals': { 'aws:PrincipalAccount': values } } });
    expect(deny(ACCOUNT)).toEqual([expect.objectContaining({ outcome: 'denies', undecided: [] })]);
    expect(deny('999988887777')).toEqual([]);
  });

  it("lets the trust guard's own SCP through for the runner: it denies no guarded action to the runner session", () => {
    const guard = trustGuardPolicy({ memberRoleName: ROLE });
    for (const action of GUARDED_ROLE_ACTIONS) expect(scpFindings(guard, { action, resource, context })).toEqual([]);
  });

  it('blocks on a guard written for another session name, and on one that exempts another role', () => {
    const other = trustGuardPolicy({ memberRoleName: ROLE });
    const renamed = JSON.parse(JSON.stringify(other).replace(`*:${RUNNER_SESSION_NAME}`, '*:terraform'));
    expect(scpFindings(renamed, { action: 'iam:UpdateAssumeRolePolicy', resource, context })).toEqual([expect.objectContaining({ outcome: 'denies', sid: 'NotTheRunnerSession' })]);
    const otherRole = trustGuardPolicy({ memberRoleName: 'AWSControlTowerExecution' });
    expect(scpFindings(otherRole, { action: 'iam:UpdateAssumeRolePolicy', resource: `arn:aws:iam::${ACCOUNT}:role/AWSControlTowerExecution`, context }).map((f) => f.sid)).toEqual(['NotTheMemberRole']);
  });

  it('does not decide an aws:userid pattern that names a role id (the runner role id is not known here)', () => {
    expect(check({ Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { StringNotLike: { 'aws:userid': 'AROAABCDEFGHIJKLMNOP:*' } } })).toEqual([
      expect.objectContaining({ outcome: 'may-deny', undecided: ['StringNotLike aws:userid'] }),
    ]);
  });
});
