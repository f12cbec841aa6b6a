import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IamEvaluator, type FederatedQuery, type Principal } from '../helpers/iam-evaluator';
import { synthYaml } from '../helpers/synth';

/**
 * Declared principals (examples/declared-principals.yaml), judged by iam-simulate over the
 * synthesized JSON: each gets in exactly where its scope says, only with its kind's
 * conditions, and nothing declared takes the management root's access away.
 */
const EXAMPLE = join(__dirname, '..', '..', 'examples', 'declared-principals.yaml');
const GITHUB = 'token.actions.githubusercontent.com';
const MAIN = 'repo:acme/infrastructure:ref:refs/heads/main';
const BREAK_GLASS_ACCOUNT = '444455556666';
const CI_ACCOUNT = '777788889999';
const OUTSIDER = '999988887777';
const ALL = ['ACCOUNT01', 'ACCOUNT02', 'ACCOUNT03', 'Logging'];
const PROD = ['ACCOUNT01', 'ACCOUNT03'];

describe('declared principals in the example, judged by iam-simulate', () => {
  let ev: IamEvaluator;
  const id = (name: string) => ev.memberAccounts.get(name)!;

  beforeAll(() => {
    ev = new IamEvaluator(synthYaml(readFileSync(EXAMPLE, 'utf8')), { orgId: 'o-example1234' });
  });

  /** Member accounts whose role `principal` (a role session, ALLOW_ALL identity policy) may assume. */
  const reachedBy = (principal: Principal, mfa: boolean | 'absent') => ev.assumableMembers(principal, mfa);
  /** Member accounts whose role a federated or service principal may assume; `query` is built per target account. */
  const reachedFederated = async (query: (account: string) => FederatedQuery) => {
    const out: string[] = [];
    for (const name of ev.memberAccounts.keys()) if (await ev.canAssumeFederated(query(name))) out.push(name);
    return out;
  };

  it('the example has the four member roles', () => {
    expect([...ev.memberAccounts.keys()]).toEqual(ALL);
  });

  describe('no lockout', () => {
    it.each([true, false, 'absent'] as const)('the management root still assumes every member role (mfa %s)', async (mfa) => {
      expect(await reachedBy({ account: 'management' }, mfa)).toEqual(ALL);
    });

    it('identity users keep their access with MFA, and none without', async () => {
      expect(await reachedBy({ account: 'identity', userName: 'alice' }, true)).toEqual(ALL);
      expect(await reachedBy({ account: 'identity', userName: 'alice' }, false)).toEqual([]);
    });
  });

  describe('BreakGlass: a role of another account, human (organization scope)', () => {
    const breakGlass = { account: BREAK_GLASS_ACCOUNT, roleSession: 'break-glass' };

    it('gets into every member account in an MFA session', async () => {
      expect(await reachedBy(breakGlass, true)).toEqual(ALL);
    });

    it('gets in nowhere without MFA, or with long-term keys', async () => {
      expect(await reachedBy(breakGlass, false)).toEqual([]);
      expect(await reachedBy(breakGlass, 'absent')).toEqual([]);
    });

    it('is that one role: another role, the root of its account, or the same name elsewhere get nowhere', async () => {
      for (const other of [{ account: BREAK_GLASS_ACCOUNT, roleSession: 'break-glass-2' }, { account: BREAK_GLASS_ACCOUNT }, { account: OUTSIDER, roleSession: 'break-glass' }]) {
        expect(await reachedBy(other, true)).toEqual([]);
      }
    });
  });

  describe('CiRunner: a machine role, only ACCOUNT02', () => {
    it('gets into ACCOUNT02 without MFA, and nowhere else', async () => {
      expect(await reachedBy({ account: CI_ACCOUNT, roleSession: 'ci/runner' }, 'absent')).toEqual(['ACCOUNT02']);
      expect(await reachedBy({ account: CI_ACCOUNT, roleSession: 'ci/runner' }, true)).toEqual(['ACCOUNT02']);
    });

    it('a role of the same name on another path, or another role of its account, gets nowhere', async () => {
      expect(await reachedBy({ account: CI_ACCOUNT, roleSession: 'runner' }, 'absent')).toEqual([]);
      expect(await reachedBy({ account: CI_ACCOUNT, roleSession: 'ci/runner-2' }, 'absent')).toEqual([]);
    });
  });

  describe('GithubDeploy: OIDC, OU Workloads/Prod', () => {
    const token = (sub: string, aud: string, providerOf: (account: string) => string = (a) => a) => (account: string): FederatedQuery => ({
      kind: 'oidc',
      targetAccountId: id(account),
      providerAccountId: id(providerOf(account)),
      provider: GITHUB,
      sub,
      aud,
    });

    it('the right sub and aud, through the account’s own provider, get into exactly the Prod accounts', async () => {
      expect(await reachedFederated(token(MAIN, 'sts.amazonaws.com'))).toEqual(PROD);
    });

    it('another branch, another repository or another audience get in nowhere', async () => {
      expect(await reachedFederated(token('repo:acme/infrastructure:ref:refs/heads/dev', 'sts.amazonaws.com'))).toEqual([]);
      expect(await reachedFederated(token('repo:evil/infrastructure:ref:refs/heads/main', 'sts.amazonaws.com'))).toEqual([]);
      expect(await reachedFederated(token(MAIN, 'https://example.com'))).toEqual([]);
    });

    it("the same provider of another account (here ACCOUNT02's) gets in nowhere", async () => {
      expect(await reachedFederated(token(MAIN, 'sts.amazonaws.com', () => 'ACCOUNT02'))).toEqual([]);
    });
  });

  describe('Okta: SAML, OU Security', () => {
    const assertion = (aud: string) => (account: string): FederatedQuery => ({ kind: 'saml', targetAccountId: id(account), providerAccountId: id(account), provider: 'okta', aud });

    it('an assertion for the AWS sign-in endpoint gets into the Security account only', async () => {
      expect(await reachedFederated(assertion('https://signin.aws.amazon.com/saml'))).toEqual(['Logging']);
    });

    it('an assertion for another audience, or another provider name, gets in nowhere', async () => {
      expect(await reachedFederated(assertion('https://example.com/saml'))).toEqual([]);
      expect(await reachedFederated((a) => ({ ...assertion('https://signin.aws.amazon.com/saml')(a), provider: 'okta2' } as FederatedQuery))).toEqual([]);
    });
  });

  describe('Backup: a service, for its own account, only Logging', () => {
    const service = (name: string, source: (account: string) => string) => (account: string): FederatedQuery => ({
      kind: 'service',
      targetAccountId: id(account),
      service: name,
      sourceAccount: source(account),
    });

    it('backup.amazonaws.com acting for the Logging account gets in there only', async () => {
      expect(await reachedFederated(service('backup.amazonaws.com', id))).toEqual(['Logging']);
    });

    it('acting for another account (confused deputy), without a source, or another service: nowhere', async () => {
      expect(await reachedFederated(service('backup.amazonaws.com', () => OUTSIDER))).toEqual([]);
      expect(await reachedFederated((a) => ({ kind: 'service', targetAccountId: id(a), service: 'backup.amazonaws.com' }))).toEqual([]);
      expect(await reachedFederated(service('ec2.amazonaws.com', id))).toEqual([]);
    });
  });

  describe('SsoAdmins: an IAM Identity Center permission set in the identity account, OU Workloads', () => {
    const sso = (path: string) => ({ account: 'identity', roleSession: `aws-reserved/sso.amazonaws.com/${path}` });
    const SUFFIX = '0123456789abcdef';

    it("the set's role, with or without a region in its path, gets into every Workloads account", async () => {
      const workloads = ['ACCOUNT01', 'ACCOUNT02', 'ACCOUNT03'];
      expect(await reachedBy(sso(`eu-west-2/AWSReservedSSO_AdministratorAccess_${SUFFIX}`), 'absent')).toEqual(workloads);
      expect(await reachedBy(sso(`AWSReservedSSO_AdministratorAccess_${SUFFIX}`), 'absent')).toEqual(workloads);
    });

    it('another permission set whose name starts alike, a role outside aws-reserved, or the set in another account: nowhere', async () => {
      expect(await reachedBy(sso(`AWSReservedSSO_AdministratorAccess_ReadOnly_${SUFFIX}`), 'absent')).toEqual([]);
      expect(await reachedBy({ account: 'identity', roleSession: `AWSReservedSSO_AdministratorAccess_${SUFFIX}` }, 'absent')).toEqual([]);
      expect(await reachedBy({ account: OUTSIDER, roleSession: `aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_${SUFFIX}` }, 'absent')).toEqual([]);
    });
  });

  it('an outsider gets in nowhere, as a root, a role or a user, with MFA', async () => {
    for (const p of [{ account: OUTSIDER }, { account: OUTSIDER, roleSession: 'admin' }, { account: OUTSIDER, userName: 'mallory' }]) {
      expect(await reachedBy(p, true)).toEqual([]);
    }
  });
});
