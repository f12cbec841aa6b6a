import { readFileSync } from 'node:fs';
import { DetachPolicyCommand, EnablePolicyTypeCommand, ListPoliciesForTargetCommand, OrganizationsClient, UpdatePolicyCommand, DescribePolicyCommand } from '@aws-sdk/client-organizations';
import {
  MANAGEMENT_ACCOUNT_ID,
  OrgWorkspace,
  applyAll,
  createMemberAccount,
  createOrganization,
  exampleOrgForEmulator,
  giveRoleItsAwsPolicies,
  iamIn,
  planAll,
  planChanges,
  startE2eEnvironment,
  trustPolicy,
  unclean,
  type E2eEnvironment,
  type EmulatedOrganization,
} from './harness';
import { parseDocument } from 'yaml';
import { jsonOf, orgTrust } from './live/cli';
import { ACCOUNT_IDS_OUTPUT, MANAGEMENT_STACK } from '../stacks/stack-names';
import { RUNNER_SESSION_NAME } from '../policies/runner-session';
import { TRUST_GUARD_POLICY_NAME, trustGuardPolicy } from '../policies/trust-guard-policy';

const MEMBERS = ['ACCOUNT01', 'ACCOUNT02', 'ACCOUNT03', 'Logging'];
const ROLE = 'OrganizationAccountAccessRole';

interface Finding {
  severity: string;
  check: string;
  message: string;
}

/**
 * trust.guard against the emulator: the guard SCP is created and attached at the root by the
 * management stack, every member trust keeps the runner's session name for the management
 * account, an account created after the guard exists gets its first trust apply through it,
 * every stack re-plans clean; preflight and verify see the guard. The emulator stores SCPs and
 * does not enforce them: enforcement is proven by iam-simulate (__tests__/access/trust-guard-proof.test.ts).
 */
describe('trust guard', () => {
  let e2e: E2eEnvironment;
  let org: EmulatedOrganization;
  let ws: OrgWorkspace;
  let ids: Record<string, string>;
  const organizations = () => new OrganizationsClient(e2e.sdk());
  const cli = (...args: string[]) => orgTrust(ws, e2e.env, args);
  const guardAtRoot = async () => {
    const { Policies } = await organizations().send(new ListPoliciesForTargetCommand({ TargetId: org.rootId, Filter: 'SERVICE_CONTROL_POLICY' }));
    return (Policies ?? []).filter((p) => p.Name === TRUST_GUARD_POLICY_NAME);
  };

  beforeAll(async () => {
    e2e = await startE2eEnvironment({ region: 'us-east-1' });
    org = await createOrganization(e2e);
    ws = new OrgWorkspace(e2e.env, 'guard');
    const example = parseDocument((await exampleOrgForEmulator(e2e)).yaml);
    // The identity account exists already, so that preflight can resolve it before the first apply.
    example.setIn(['identityAccount', 'id'], await createMemberAccount(e2e, { name: 'IAM', email: String(example.getIn(['identityAccount', 'email'])) }));
    example.setIn(['trust', 'guard'], true);
    ws.writeConfig(example.toString());
    await ws.synth();
  });

  afterAll(async () => {
    await e2e?.stop();
    ws?.remove();
  });

  it('preflight blocks while SCPs are not enabled on the root, naming the command that enables them', async () => {
    const result = await cli('preflight', '--format', 'json');
    const guard = jsonOf<{ findings: Finding[] }>(result).findings.filter((f) => f.check === 'guard');
    expect(guard).toEqual([expect.objectContaining({ severity: 'blocks', message: expect.stringContaining(`enable-policy-type --root-id ${org.rootId} --policy-type SERVICE_CONTROL_POLICY`) })]);
    expect(result.code).toBe(1);
  });

  it('after enable-policy-type (which attaches FullAWSAccess, as AWS does), preflight says the apply attaches the guard', async () => {
    await organizations().send(new EnablePolicyTypeCommand({ RootId: org.rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }));
    const result = await cli('preflight', '--format', 'json');
    const guard = jsonOf<{ findings: Finding[] }>(result).findings.filter((f) => f.check === 'guard');
    expect(guard).toEqual([expect.objectContaining({ severity: 'ok', message: expect.stringContaining(`attaches the trust guard ${TRUST_GUARD_POLICY_NAME} at the root (1 of 5`) })]);
  });

  describe('applied', () => {
    beforeAll(async () => {
      await applyAll(ws, { only: (s) => s === MANAGEMENT_STACK });
      ids = (await ws.terraform(MANAGEMENT_STACK).outputs())[ACCOUNT_IDS_OUTPUT] as Record<string, string>;
      for (const name of MEMBERS) await giveRoleItsAwsPolicies(e2e, ids[name]);
      await applyAll(ws, { only: (s) => s !== MANAGEMENT_STACK });
    });

    it('the management stack created the guard SCP and attached it at the root, with the synthesized content', async () => {
      const attached = await guardAtRoot();
      expect(attached).toHaveLength(1);
      const { Policy } = await organizations().send(new DescribePolicyCommand({ PolicyId: attached[0].Id! }));
      expect(JSON.parse(Policy!.Content!)).toEqual(trustGuardPolicy({ memberRoleName: ROLE }));
    });

    it.each(MEMBERS)('%s: the role keeps the runner session name for the management account', async (name) => {
      const live = await trustPolicy(await iamIn(e2e, ids[name]), ROLE);
      const deny = live.Statement.filter((s) => s.Effect === "Deny");
      expect(deny).toEqual([
        expect.objectContaining({
          Sid: 'RunnerSessionIsManagementOnly',
          Condition: { StringEquals: { 'sts:RoleSessionName': RUNNER_SESSION_NAME }, StringNotEquals: { 'aws:PrincipalAccount': MANAGEMENT_ACCOUNT_ID } },
        }),
      ]);
    });

    it('every stack re-plans with no changes; verify finds no drift, guard included', async () => {
      expect(unclean(await planAll(ws))).toEqual({});
      const result = await cli('verify');
      expect(result.stdout).toContain('no drift');
      expect(result.code).toBe(0);
    });

    it('an account created after the guard exists: its first trust apply (AWS default trust) goes through, and all re-plans clean', async () => {
      const config = readFileSync(ws.configPath, 'utf8');
      ws.writeConfig(config.replace(/^accounts:\n/m, 'accounts:\n  - name: Late\n    email: aws-late@example.com\n    ou: Workloads/Dev\n'));
      await ws.synth();
      await applyAll(ws, { only: (s) => s === MANAGEMENT_STACK });
      ids = (await ws.terraform(MANAGEMENT_STACK).outputs())[ACCOUNT_IDS_OUTPUT] as Record<string, string>;
      const before = await trustPolicy(await iamIn(e2e, ids.Late), ROLE);
      expect(before.Statement.map((s) => s.Effect)).toEqual(['Allow']);
      await applyAll(ws, { only: (s) => s !== MANAGEMENT_STACK });
      const after = await trustPolicy(await iamIn(e2e, ids.Late), ROLE);
      expect(after.Statement.map((s) => s.Sid)).toEqual(['ManagementAccount', 'IdentityAccount', 'RunnerSessionIsManagementOnly']);
      expect(unclean(await planAll(ws))).toEqual({});
    });

    it('verify reports the guard edited, then detached, with the fix; apply management restores it', async () => {
      const [guard] = await guardAtRoot();
      const weakened = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:DeleteRole', Resource: `arn:aws:iam::*:role/${ROLE}` }] };
      await organizations().send(new UpdatePolicyCommand({ PolicyId: guard.Id!, Content: JSON.stringify(weakened) }));
      let result = await cli('verify');
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(new RegExp(`trust guard SCP ${TRUST_GUARD_POLICY_NAME} \\(${guard.Id}\\): synthesized statement missing live: .*; apply management`));
      await organizations().send(new DetachPolicyCommand({ PolicyId: guard.Id!, TargetId: org.rootId }));
      result = await cli('verify');
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`trust guard: SCP ${TRUST_GUARD_POLICY_NAME} is not attached at the root (detached, deleted, or not applied yet): admins of member accounts can change the member role's trust; apply management`);
      await applyAll(ws, { only: (s) => s === MANAGEMENT_STACK });
      expect(await guardAtRoot()).toHaveLength(1);
      expect((await cli('verify')).code).toBe(0);
    });

    it('centralized root access and the break-glass group: planned against the emulator (it has no IAM organizations-features API, so not applied)', async () => {
      const config = readFileSync(ws.configPath, 'utf8');
      try {
        const doc = parseDocument(config);
        doc.setIn(['organization', 'centralRootAccess'], true);
        doc.setIn(['management', 'breakGlass'], { users: ['user1'] });
        ws.writeConfig(doc.toString());
        await ws.synth();
        const tf = ws.terraform(MANAGEMENT_STACK);
        await tf.validate();
        const changes = await planChanges(tf);
        expect(changes.filter((c) => c.actions.join() !== 'no-op').map((c) => `${c.address} ${c.actions.join('/')}`).sort()).toEqual([
          'aws_iam_group.break_glass_group create',
          'aws_iam_group_policy_attachment.group_assume_root create',
          'aws_iam_organizations_features.central_root_access create',
          'aws_iam_policy.group_assume_root create',
          'aws_iam_user_group_membership.user_user1 update',
        ]);
      } finally {
        ws.writeConfig(config);
        await ws.synth();
      }
    });
  });
});
