import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALLOW_ALL, IamEvaluator, simulateInAccount, type FederatedQuery, type PolicyDocument, type Principal } from '../helpers/iam-evaluator';
import { synthYaml } from '../helpers/synth';
import { GUARDED_ROLE_ACTIONS } from '../../policies/trust-guard-policy';
import { RUNNER_SESSION_NAME } from '../../policies/runner-session';

/**
 * trust.guard, judged by iam-simulate with SCPs: nobody who comes in through the member role
 * can weaken its trust; the runner can, in a new account that still has the AWS default trust
 * and in a guarded one; nobody but the management account can take the runner's session name.
 */
const EXAMPLE = join(__dirname, '..', '..', 'examples', 'declared-principals.yaml');
const ROLE = 'OrganizationAccountAccessRole';
const MANAGEMENT = '111111111111';
const ROLE_ID = 'AROAEXAMPLEROLEID0001';

const guardedYaml = () => readFileSync(EXAMPLE, 'utf8').replace(/^trust:\n/m, 'trust:\n  guard: true\n');
/** The AWS default trust of a role Organizations just created: the management root, sts:AssumeRole only. */
const DEFAULT_TRUST: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MANAGEMENT}:root` }, Action: 'sts:AssumeRole' }] };

/** Session names a person may choose: the runner's in other cases, look-alikes, names of every character STS allows. */
const CHOSEN_NAMES = [
  'alice',
  'botocore-session-1733400000',
  'aws-go-sdk-1733400000',
  RUNNER_SESSION_NAME.toUpperCase(),
  `${RUNNER_SESSION_NAME}-x`,
  `x-${RUNNER_SESSION_NAME}`,
  `${RUNNER_SESSION_NAME}.`,
  `${RUNNER_SESSION_NAME}=`,
  `${RUNNER_SESSION_NAME}@`,
  `+${RUNNER_SESSION_NAME}`,
  `${RUNNER_SESSION_NAME}_`,
  'a,b',
];

describe('trust.guard, proven with iam-simulate (SCPs included)', () => {
  let ev: IamEvaluator;
  let guard: PolicyDocument;
  let member: string;

  beforeAll(() => {
    const synth = synthYaml(guardedYaml());
    ev = new IamEvaluator(synth, { orgId: 'o-example1234' });
    const policies = (synth.json.management.resource?.aws_organizations_policy ?? {}) as Record<string, { content: string; type: string }>;
    expect(Object.keys(policies)).toEqual(['trust_guard']);
    guard = JSON.parse(policies.trust_guard.content);
    member = ev.memberAccounts.get('ACCOUNT02')!;
  });

  /** A call on the member role from inside the member account, under the guard at the root and FullAWSAccess everywhere. */
  const callOnRole = (action: string, who: { principal: string; principalArn: string; userid: string }, scps: 'guard' | 'none' = 'guard') =>
    simulateInAccount({
      principal: who.principal,
      action,
      resource: `arn:aws:iam::${member}:role/${ROLE}`,
      accountId: member,
      context: { 'aws:PrincipalArn': who.principalArn, 'aws:userid': who.userid, 'aws:PrincipalAccount': member },
      identityPolicies: [ALLOW_ALL],
      serviceControlPolicies: [
        { target: 'r-ab12', policies: scps === 'guard' ? [ALLOW_ALL, guard] : [ALLOW_ALL] },
        { target: member, policies: [ALLOW_ALL] },
      ],
    });
  const roleSession = (session: string) => ({
    principal: `arn:aws:sts::${member}:assumed-role/${ROLE}/${session}`,
    principalArn: `arn:aws:iam::${member}:role/${ROLE}`,
    userid: `${ROLE_ID}:${session}`,
  });

  describe('the SCP', () => {
    it.each(GUARDED_ROLE_ACTIONS.map((a) => [a]))('%s: denied to every session of the member role a person may name', async (action) => {
      for (const name of CHOSEN_NAMES) expect([name, await callOnRole(action, roleSession(name))]).toEqual([name, 'ExplicitlyDenied']);
    });

    it.each(GUARDED_ROLE_ACTIONS.map((a) => [a]))('%s: allowed to the runner session, and to anyone without the guard (the test can fail)', async (action) => {
      expect(await callOnRole(action, roleSession(RUNNER_SESSION_NAME))).toBe('Allowed');
      expect(await callOnRole(action, roleSession('alice'), 'none')).toBe('Allowed');
    });

    it.each([
      ['a federated user named like the runner (GetFederationToken: aws:userid is account:name)', { principal: `arn:aws:sts::${'$'}{member}:federated-user/${RUNNER_SESSION_NAME}`, principalArn: `arn:aws:sts::MEMBER:federated-user/${RUNNER_SESSION_NAME}`, userid: `MEMBER:${RUNNER_SESSION_NAME}` }],
      ['another role whose session is named like the runner', { principal: `arn:aws:sts::MEMBER:assumed-role/Admin/${RUNNER_SESSION_NAME}`, principalArn: 'arn:aws:iam::MEMBER:role/Admin', userid: `AROAOTHERROLE00000001:${RUNNER_SESSION_NAME}` }],
      ['an IAM user of the member account named like the runner', { principal: `arn:aws:iam::MEMBER:user/${RUNNER_SESSION_NAME}`, principalArn: `arn:aws:iam::MEMBER:user/${RUNNER_SESSION_NAME}`, userid: 'AIDAEXAMPLEUSER00001' }],
    ])('denies %s', async (_what, who) => {
      const fill = (s: string) => s.replace(/\$\{member\}|MEMBER/g, member);
      for (const action of GUARDED_ROLE_ACTIONS) expect(await callOnRole(action, { principal: fill(who.principal), principalArn: fill(who.principalArn), userid: fill(who.userid) })).toBe('ExplicitlyDenied');
    });

    it('leaves the role readable, and other roles changeable (the guard protects one role only)', async () => {
      expect(await callOnRole('iam:GetRole', roleSession('alice'))).toBe('Allowed');
      const other = await simulateInAccount({
        principal: roleSession('alice').principal,
        action: 'iam:UpdateAssumeRolePolicy',
        resource: `arn:aws:iam::${member}:role/SomethingElse`,
        accountId: member,
        context: { 'aws:PrincipalArn': roleSession('alice').principalArn, 'aws:userid': roleSession('alice').userid, 'aws:PrincipalAccount': member },
        identityPolicies: [ALLOW_ALL],
        serviceControlPolicies: [{ target: 'r-ab12', policies: [ALLOW_ALL, guard] }, { target: member, policies: [ALLOW_ALL] }],
      });
      expect(other).toBe('Allowed');
    });
  });

  describe('who may take the runner session name', () => {
    it('a new account with the AWS default trust: the management account takes it, so the first trust apply passes the guard', async () => {
      const query = { principal: { account: 'management', roleSession: 'terraform' } as Principal, targetAccountId: '555566667777', trustPolicy: DEFAULT_TRUST, mfa: 'absent' as const, sessionName: RUNNER_SESSION_NAME };
      expect(await ev.canAssume(query)).toBe(true);
    });

    it('the guarded trust: management principals take it (the root and roles with or without MFA; users with MFA, as their group policy asks)', async () => {
      for (const principal of [{ account: 'management' }, { account: 'management', roleSession: 'terraform' }] as Principal[]) {
        for (const mfa of [true, false, 'absent'] as const) expect(await ev.canAssume({ principal, targetAccountId: member, mfa, sessionName: RUNNER_SESSION_NAME })).toBe(true);
      }
      expect(await ev.canAssume({ principal: { account: 'management', userName: 'user1' }, targetAccountId: member, mfa: true, sessionName: RUNNER_SESSION_NAME })).toBe(true);
    });

    it('identity users: never under the runner name, with or without MFA; under their own name as before', async () => {
      for (const mfa of [true, false] as const) expect(await ev.canAssume({ principal: { account: 'identity', userName: 'alice' }, targetAccountId: member, mfa, sessionName: RUNNER_SESSION_NAME })).toBe(false);
      expect(await ev.canAssume({ principal: { account: 'identity', userName: 'alice' }, targetAccountId: member, mfa: true, sessionName: 'alice' })).toBe(true);
      // The console's switch-role names the session after the user; aws-vault and the SDKs pick their own names.
      for (const name of CHOSEN_NAMES) expect([name, await ev.canAssume({ principal: { account: 'identity', userName: 'alice' }, targetAccountId: member, mfa: true, sessionName: name })]).toEqual([name, true]);
    });

    it('declared AWS principals (break-glass with MFA, CI without): not under the runner name', async () => {
      const breakGlass = { account: '444455556666', roleSession: 'break-glass' };
      expect(await ev.canAssume({ principal: breakGlass, targetAccountId: member, mfa: true, sessionName: 'oncall' })).toBe(true);
      expect(await ev.canAssume({ principal: breakGlass, targetAccountId: member, mfa: true, sessionName: RUNNER_SESSION_NAME })).toBe(false);
      const ci = { account: '777788889999', roleSession: 'ci/runner' };
      expect(await ev.canAssume({ principal: ci, targetAccountId: member, mfa: 'absent', sessionName: 'build-1' })).toBe(true);
      expect(await ev.canAssume({ principal: ci, targetAccountId: member, mfa: 'absent', sessionName: RUNNER_SESSION_NAME })).toBe(false);
    });

    it.each([
      ['GitHub OIDC', 'ACCOUNT01', (id: string): FederatedQuery => ({ targetAccountId: id, kind: 'oidc', providerAccountId: id, provider: 'token.actions.githubusercontent.com', sub: 'repo:acme/infrastructure:ref:refs/heads/main', aud: 'sts.amazonaws.com' })],
      ['SAML', 'Logging', (id: string): FederatedQuery => ({ targetAccountId: id, kind: 'saml', providerAccountId: id, provider: 'okta', aud: 'https://signin.aws.amazon.com/saml' })],
      ['an AWS service', 'Logging', (id: string): FederatedQuery => ({ targetAccountId: id, kind: 'service', service: 'backup.amazonaws.com', sourceAccount: id })],
    ])('%s: in under its own session names, never under the runner name', async (_what, account, query) => {
      const id = ev.memberAccounts.get(account)!;
      expect(await ev.canAssumeFederated({ ...query(id), sessionName: 'job-42' })).toBe(true);
      expect(await ev.canAssumeFederated({ ...query(id), sessionName: RUNNER_SESSION_NAME })).toBe(false);
    });

    it('IAM Identity Center users (an AWSReservedSSO_ role of the identity account): not under the runner name', async () => {
      const sso = { account: 'identity', roleSession: 'aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0123456789abcdef' };
      const id = ev.memberAccounts.get('ACCOUNT01')!;
      expect(await ev.canAssume({ principal: sso, targetAccountId: id, mfa: 'absent', sessionName: 'carol@example.com' })).toBe(true);
      expect(await ev.canAssume({ principal: sso, targetAccountId: id, mfa: 'absent', sessionName: RUNNER_SESSION_NAME })).toBe(false);
    });
  });
});

describe('organization.centralRootAccess and management.breakGlass, proven with iam-simulate', () => {
  let ev: IamEvaluator;
  const yaml = () =>
    readFileSync(EXAMPLE, 'utf8')
      .replace('  region: us-east-1\n', '  region: us-east-1\n  centralRootAccess: true\n')
      .replace('management:\n  users: [user1]\n', 'management:\n  users: [user1, user2]\n  breakGlass:\n    users: [user2]\n');
  const TASKS = ['IAMAuditRootUserCredentials', 'IAMCreateRootUserPassword', 'IAMDeleteRootUserCredentials', 'S3UnlockBucketPolicy', 'SQSUnlockQueuePolicy'].map((t) => `arn:aws:iam::aws:policy/root-task/${t}`);
  const assumeRoot = (userName: string, mfa: boolean | 'absent', task: string, account: 'management' | 'identity' = 'management') =>
    ev.canCall({ principal: { account, userName }, action: 'sts:AssumeRoot', resource: 'arn:aws:iam::333333333333:root', mfa, context: { 'sts:TaskPolicyArn': task } });

  beforeAll(() => {
    const synth = synthYaml(yaml());
    expect(Object.keys(synth.json.management.resource?.aws_iam_organizations_features ?? {})).toEqual(['central_root_access']);
    ev = new IamEvaluator(synth, { orgId: 'o-example1234' });
  });

  it.each(TASKS.map((t) => [t]))('the break-glass user, with MFA, may start a root session for %s', async (task) => {
    expect(await assumeRoot('user2', true, task)).toBe(true);
  });

  it('not without MFA, not with long-term keys, not for a policy that is not an AWS root task', async () => {
    expect(await assumeRoot('user2', false, TASKS[0])).toBe(false);
    expect(await assumeRoot('user2', 'absent', TASKS[0])).toBe(false);
    expect(await assumeRoot('user2', true, 'arn:aws:iam::aws:policy/AdministratorAccess')).toBe(false);
    expect(await assumeRoot('user2', true, 'arn:aws:iam::111111111111:policy/root-task/mine')).toBe(false);
  });

  it('no other synthesized user reaches sts:AssumeRoot: a management user outside the group, an identity user', async () => {
    for (const mfa of [true, false] as const) {
      expect(await assumeRoot('user1', mfa, TASKS[0])).toBe(false);
      expect(await assumeRoot('alice', mfa, TASKS[0], 'identity')).toBe(false);
    }
  });
});
