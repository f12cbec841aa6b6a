import { CreateOpenIDConnectProviderCommand, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { MANAGEMENT_ACCOUNT_ID, OrgWorkspace, applyAll, createOrganization, iamIn, planAll, startE2eEnvironment, trustPolicy, unclean, type E2eEnvironment } from './harness';
import { jsonOf, orgTrust } from './live/cli';

const ROLE = 'OrganizationAccountAccessRole';
const GITHUB = 'token.actions.githubusercontent.com';
const MAIN = 'repo:acme/infrastructure:ref:refs/heads/main';
/** A break-glass role in an account outside the organization. */
const BREAK_GLASS = 'arn:aws:iam::210987654321:role/break-glass';
/** A principal someone added by hand that nothing declares. */
const UNDECLARED = 'arn:aws:iam::555555555555:root';

interface Finding {
  severity: string;
  account?: string;
  check: string;
  message: string;
}

/** Two members and the identity account: a break-glass role everywhere, GitHub OIDC in Prod only. */
const config = {
  organization: { managementAccountId: MANAGEMENT_ACCOUNT_ID, region: 'us-east-1', organizationalUnits: [{ name: 'Prod' }] },
  identityAccount: { name: 'IAM', email: 'aws-iam@example.com' },
  accounts: [
    { name: 'Prod01', email: 'aws-prod01@example.com', ou: 'Prod' },
    { name: 'Dev01', email: 'aws-dev01@example.com' },
  ],
  identity: { groups: [{ name: 'admins', users: ['alice'], accounts: ['*'] }] },
  trust: {
    principals: [
      { name: 'BreakGlass', kind: 'aws', arn: BREAK_GLASS, scope: { organization: true } },
      { name: 'GithubDeploy', kind: 'oidc', provider: GITHUB, audiences: ['sts.amazonaws.com'], subjects: [MAIN], scope: { ous: ['Prod'] } },
    ],
  },
};

/**
 * Declared principals applied for real: preflight sees the declared role someone had added
 * by hand as kept and the undeclared one as dropped, and blocks until the OIDC provider the
 * declaration names exists; the apply writes each declaration into exactly the roles of its
 * scope; the live trust read through the SDK has them with their conditions; verify finds
 * no drift, and every stack plans to no changes.
 */
describe('declared principals', () => {
  let e2e: E2eEnvironment;
  let ws: OrgWorkspace;
  let ids: Record<string, string>;
  const cli = (...args: string[]) => orgTrust(ws, e2e.env, args);

  beforeAll(async () => {
    e2e = await startE2eEnvironment({ region: 'us-east-1' });
    await createOrganization(e2e);
    ws = new OrgWorkspace(e2e.env, 'declared');
    ws.writeConfig(config);
    await ws.synth();
    await applyAll(ws, { only: (s) => s === 'management' });
    ids = (await ws.terraform('management').outputs()).account_ids as Record<string, string>;
    // Before this tool, someone let the break-glass role and an auditor into Prod01 by hand.
    const iam = await iamIn(e2e, ids.Prod01);
    const live = await trustPolicy(iam, ROLE);
    const Statement = [...live.Statement, { Effect: 'Allow', Principal: { AWS: [BREAK_GLASS, UNDECLARED] }, Action: 'sts:AssumeRole' }];
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: ROLE, PolicyDocument: JSON.stringify({ ...live, Statement }) }));
  });

  afterAll(async () => {
    await e2e?.stop();
    ws?.remove();
  });

  it('preflight: the declared role added by hand is kept, only the undeclared principal would be dropped; the missing OIDC provider blocks', async () => {
    const result = await cli('preflight', '--format', 'json');
    expect(result.code).toBe(1);
    const { findings } = jsonOf<{ findings: Finding[] }>(result);
    const trust = findings.filter((f) => f.check === 'trust' && f.account === 'Prod01');
    expect(trust).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining(`would drop 1 principal(s) from the trust policy: AWS ${UNDECLARED} `) }),
      // The hand-made statement had no conditions; the declaration (human by default) adds MFA.
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining(`the apply keeps AWS ${BREAK_GLASS} but adds Bool aws:multifactorauthpresent = true`) }),
    ]);
    const provider = findings.filter((f) => f.check === 'provider');
    expect(provider.map((f) => [f.account, f.severity])).toEqual([['Prod01', 'blocks']]);
    expect(provider[0].message).toContain(`arn:aws:iam::${ids.Prod01}:oidc-provider/${GITHUB} does not exist`);
  });

  it('preflight passes once the provider exists in the account', async () => {
    await (await iamIn(e2e, ids.Prod01)).send(
      new CreateOpenIDConnectProviderCommand({ Url: `https://${GITHUB}`, ClientIDList: ['sts.amazonaws.com'], ThumbprintList: ['6938fd4d98bab03faadb97b34396831e3780aea1'] }),
    );
    const result = await cli('preflight', '--format', 'json');
    const { findings } = jsonOf<{ findings: Finding[] }>(result);
    expect(findings.filter((f) => f.severity === 'blocks')).toEqual([]);
    expect(findings.filter((f) => f.check === 'provider').map((f) => [f.account, f.severity])).toEqual([['Prod01', 'ok']]);
    expect(result.code).toBe(0);
  });

  describe('after the apply', () => {
    beforeAll(async () => {
      await applyAll(ws, { only: (s) => s !== 'management' });
    });

    it('Prod01 trusts the management root, identity users, the break-glass role with MFA and its own GitHub provider for main', async () => {
      const { Statement } = await trustPolicy(await iamIn(e2e, ids.Prod01), ROLE);
      expect(Statement.map((s) => (s as { Sid?: string }).Sid)).toEqual(['ManagementAccount', 'IdentityAccount', 'BreakGlass', 'GithubDeploy']);
      expect(Statement[0]).toMatchObject({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MANAGEMENT_ACCOUNT_ID}:root` }, Action: 'sts:AssumeRole' });
      expect(Statement[0].Condition).toBeUndefined();
      expect(Statement[2]).toMatchObject({
        Principal: { AWS: 'arn:aws:iam::210987654321:root' },
        Condition: { ArnEquals: { 'aws:PrincipalArn': BREAK_GLASS }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      });
      expect(Statement[3]).toEqual({
        Sid: 'GithubDeploy',
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${ids.Prod01}:oidc-provider/${GITHUB}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com', [`${GITHUB}:sub`]: MAIN } },
      });
      expect(JSON.stringify(Statement)).not.toContain(UNDECLARED);
    });

    it('Dev01, outside the Prod OU, trusts the break-glass role but not the GitHub provider', async () => {
      const { Statement } = await trustPolicy(await iamIn(e2e, ids.Dev01), ROLE);
      expect(Statement.map((s) => (s as { Sid?: string }).Sid)).toEqual(['ManagementAccount', 'IdentityAccount', 'BreakGlass']);
    });

    it('verify finds no drift; every stack plans to no changes', async () => {
      const result = await cli('verify');
      expect(result.stdout).toContain('no drift');
      expect(result.code).toBe(0);
      expect(unclean(await planAll(ws))).toEqual({});
    });

    it('verify names the declared statement someone removed by hand', async () => {
      const iam = await iamIn(e2e, ids.Prod01);
      const live = await trustPolicy(iam, ROLE);
      const Statement = live.Statement.filter((s) => (s as { Sid?: string }).Sid !== 'GithubDeploy');
      await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: ROLE, PolicyDocument: JSON.stringify({ ...live, Statement }) }));
      const result = await cli('verify', '--format', 'json');
      expect(result.code).toBe(1);
      const drift = jsonOf<{ accounts: { account: string; drift: string[] }[] }>(result).accounts.filter((a) => a.drift.length);
      expect(drift.map((a) => a.account)).toEqual(['Prod01']);
      expect(drift[0].drift).toEqual([
        `trust policy of OrganizationAccountAccessRole: the statement that trusts Federated arn:aws:iam::${ids.Prod01}:oidc-provider/${GITHUB} (sts:assumerolewithwebidentity) is missing; apply trust-1 writes it`,
      ]);
      // The JSON keeps the exact statement that went missing.
      const exact = jsonOf<{ accounts: { account: string; trust?: { onlyExpected: unknown[] } }[] }>(result).accounts.find((a) => a.account === 'Prod01');
      expect(JSON.stringify(exact?.trust?.onlyExpected)).toContain(`oidc-provider/${GITHUB}`);
    });
  });
});
