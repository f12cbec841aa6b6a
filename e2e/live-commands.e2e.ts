import { readFileSync, writeFileSync } from 'node:fs';
import {
  AddUserToGroupCommand,
  AttachUserPolicyCommand,
  CreatePolicyCommand as CreateIamPolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteGroupPolicyCommand,
  DeleteRoleCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  IAMClient,
  PutGroupPolicyCommand,
  PutUserPolicyCommand,
  RemoveUserFromGroupCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { AttachPolicyCommand, CreatePolicyCommand, DetachPolicyCommand, MoveAccountCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { parse } from 'yaml';
import { MANAGEMENT_ACCOUNT_ID, OrgWorkspace, applyAll, createMemberAccount, iamIn, startE2eEnvironment, trustPolicy, type E2eEnvironment } from './harness';
import { orgTrust, jsonOf } from './live/cli';
import { buildEmulatedOrg, memberName, OU_TREE, type BuiltOrg } from './live/emulated-org';
import { planChanges, type ResourceChange } from './harness';
import { MANAGEMENT_STACK } from '../stacks/stack-names';

const MEMBERS = 25;
const ROLE = 'OrganizationAccountAccessRole';
/** A principal someone added by hand, which the apply would drop. */
const HAND_ADDED = 'arn:aws:iam::210987654321:root';

/** Adds HAND_ADDED to the role's trust policy through the SDK, as someone would by hand. */
async function trustHandAddedPrincipal(e2e: E2eEnvironment, accountId: string): Promise<void> {
  const iam = await iamIn(e2e, accountId);
  const live = await trustPolicy(iam, ROLE);
  const Statement = [...live.Statement, { Effect: 'Allow', Principal: { AWS: HAND_ADDED }, Action: 'sts:AssumeRole' }];
  await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: ROLE, PolicyDocument: JSON.stringify({ ...live, Statement }) }));
}

interface Finding {
  severity: string;
  account?: string;
  check: string;
  message: string;
}
interface Drift {
  account: string;
  id?: string;
  drift: string[];
}

/**
 * discover, preflight and verify against an organization built in the emulator the way one
 * grows by hand (3 OU levels, 25 members, tags, a closed account), over HTTP with the real SDK.
 */
describe('live commands: discover, preflight, verify', () => {
  let e2e: E2eEnvironment;
  let org: BuiltOrg;
  let ws: OrgWorkspace;
  const cli = (...args: string[]) => orgTrust(ws, e2e.env, args);
  const memberId = (i: number) => org.members.get(memberName(i))!;

  beforeAll(async () => {
    e2e = await startE2eEnvironment({ region: 'us-east-1' });
    org = await buildEmulatedOrg(e2e, { members: MEMBERS });
    ws = new OrgWorkspace(e2e.env, 'live');
  });

  afterAll(async () => {
    await e2e?.stop();
    ws?.remove();
  });

  describe('discover', () => {
    let config: any;

    beforeAll(async () => {
      const result = await cli('discover', '--identity-account', 'IAM');
      expect(result.stderr).not.toMatch(/at .+\.ts:\d+/);
      expect(result.code).toBe(0);
      config = parse(readFileSync(ws.configPath, 'utf8'));
    });

    it('writes the management id, organization id, region and the shared role name', () => {
      expect(config.organization).toMatchObject({ managementAccountId: MANAGEMENT_ACCOUNT_ID, id: org.id, region: 'us-east-1', crossAccountRoleName: ROLE });
    });

    it('writes the OU tree, three levels deep, each OU with its id', () => {
      const paths: string[] = [];
      const walk = (units: any[], prefix = '') =>
        units.forEach((u) => {
          const path = prefix ? `${prefix}/${u.name}` : u.name;
          expect(u.id).toBe(org.ouIds.get(path));
          paths.push(path);
          walk(u.children ?? [], path);
        });
      walk(config.organization.organizationalUnits);
      expect(paths.sort()).toEqual([...OU_TREE].sort());
    });

    it('writes every ACTIVE account with id, email, OU and tags, leaves the closed one out and names it in a comment', () => {
      expect(config.identityAccount).toEqual({ name: 'IAM', email: 'aws-iam@example.com', id: org.identity.id, ou: 'Security' });
      expect(config.accounts).toHaveLength(MEMBERS);
      for (const [name, id] of org.members) {
        const entry = config.accounts.find((a: any) => a.name === name);
        expect(entry).toMatchObject({ id, email: `aws-${name}@example.com`, ou: org.ouOf.get(name) });
      }
      expect(config.accounts.find((a: any) => a.name === memberName(1)).tags).toEqual({ CostCenter: '100' });
      expect(config.accounts.find((a: any) => a.name === memberName(2)).tags).toBeUndefined();
      expect(config.accounts.some((a: any) => a.id === org.closed.id)).toBe(false);
      expect(readFileSync(ws.configPath, 'utf8')).toContain(`# Left out, not ACTIVE: closed-legacy (${org.closed.id}, SUSPENDED)`);
    });

    it('writes the lock that synth would write, so that a frozen synth accepts it', async () => {
      expect(Object.keys((ws.lock() as any).accounts)).toHaveLength(MEMBERS);
      await ws.synth({ frozen: true });
      expect(ws.stackNames()).toEqual(['management', 'identity', 'trust-1', 'trust-2', 'trust-3']);
    });

    it('refuses to overwrite the config without --force (exit 2)', async () => {
      const before = readFileSync(ws.configPath, 'utf8');
      const result = await cli('discover', '--identity-account', 'IAM');
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('already exist');
      expect(result.stderr).toContain('--force');
      expect(readFileSync(ws.configPath, 'utf8')).toBe(before);
    });

    it('refuses an identity account that is not in the organization (exit 2), naming the choices', async () => {
      const result = await cli('discover', '--identity-account', 'nope', '--force', '--config', 'other.yaml');
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/--identity-account nope is not an ACTIVE account.*IAM \(\d{12}\)/);
    });

    it('synthesizes to a management plan that imports every account and OU and creates, changes or destroys none', async () => {
      const tf = ws.terraform(MANAGEMENT_STACK);
      await tf.init();
      const changes = await planChanges(tf);
      const org_ = changes.filter((c) => c.type.startsWith('aws_organizations_'));
      const summary = (list: ResourceChange[]) => list.map((c) => `${c.address} ${c.actions.join('/')}${c.importing ? ' (import)' : ''}`);
      expect(org_.filter((c) => c.type === 'aws_organizations_account')).toHaveLength(MEMBERS + 1);
      expect(org_.filter((c) => c.type === 'aws_organizations_organizational_unit')).toHaveLength(OU_TREE.length);
      expect(summary(org_.filter((c) => !c.importing || c.actions.join() !== 'no-op'))).toEqual([]);
      // The runbook's IAM in the management account is all that is new: it did not exist before the tool.
      expect(summary(changes.filter((c) => !c.type.startsWith('aws_organizations_') && c.actions.join() !== 'create'))).toEqual([]);
      expect(changes.every((c) => !c.actions.includes('delete') && !c.actions.includes('update'))).toBe(true);
    });
  });

  describe('preflight', () => {
    let deletedRoleAccount: string;
    let handEdited: string;
    let scpId: string;
    const sandbox = () => [...org.ouOf].filter(([, ou]) => ou === 'Workloads/Dev/Sandbox').map(([name]) => name).sort();
    const organizations = () => new OrganizationsClient(e2e.sdk());

    beforeAll(async () => {
      // A guardrail on one OU that would stop the trust rewrite, and one whose condition preflight cannot decide.
      const { Policy } = await organizations().send(
        new CreatePolicyCommand({
          Name: 'protect-admin-roles',
          Description: 'e2e',
          Type: 'SERVICE_CONTROL_POLICY',
          Content: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              { Sid: 'NoTrustEdits', Effect: 'Deny', Action: 'iam:Update*', Resource: `arn:aws:iam::*:role/${ROLE}` },
              { Sid: 'TeamOnly', Effect: 'Deny', NotAction: 's3:*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'platform' } } },
            ],
          }),
        }),
      );
      scpId = Policy!.PolicySummary!.Id!;
      await organizations().send(new AttachPolicyCommand({ PolicyId: scpId, TargetId: org.ouIds.get('Workloads/Dev/Sandbox')! }));
      // Someone let an auditor in by hand; and an invited-like account has no role.
      handEdited = memberId(4);
      await trustHandAddedPrincipal(e2e, handEdited);
      deletedRoleAccount = memberId(7);
      await (await iamIn(e2e, deletedRoleAccount)).send(new DeleteRoleCommand({ RoleName: ROLE }));
    });

    it('blocks (exit 1) on the account without the role, with the User Guide fix, and lists the principal the apply would drop', async () => {
      const result = await cli('preflight', '--format', 'json');
      expect(result.code).toBe(1);
      const report = jsonOf<{ blocks: boolean; findings: Finding[] }>(result);
      const blocking = report.findings.filter((f) => f.severity === 'blocks');
      const roleBlocks = blocking.filter((f) => f.check === 'role');
      expect(roleBlocks.map((f) => f.account)).toEqual([memberName(7)]);
      expect(roleBlocks[0].message).toContain(`iam:GetRole`);
      expect(roleBlocks[0].message).toContain('Creating the OrganizationAccountAccessRole in an invited member account');
      // The SCP blocks the rewrite in the Sandbox accounts only, and says which condition it cannot decide.
      const scp = blocking.filter((f) => f.check === 'scp');
      expect([...new Set(scp.map((f) => f.account))].sort()).toEqual(sandbox());
      expect(scp.every((f) => /SCP "protect-admin-roles" .* on OU Workloads\/Dev\/Sandbox, statement NoTrustEdits denies iam:UpdateAssumeRolePolicy/.test(f.message))).toBe(true);
      // A condition preflight cannot decide is not checked, never ok (exit 1 here for the blocks).
      const undecided = report.findings.filter((f) => f.check === 'scp' && f.severity === 'not-checked');
      expect(undecided).toHaveLength(2 * sandbox().length);
      expect(undecided[0].message).toContain('cannot decide StringNotEquals aws:PrincipalTag/team');
      expect(blocking).toHaveLength(1 + scp.length);
      const dropped = report.findings.filter((f) => f.check === 'trust' && f.severity === 'warning');
      expect(dropped.map((f) => f.account)).toEqual([memberName(4)]);
      expect(dropped[0].message).toContain(`AWS ${HAND_ADDED}`);
    });

    it('warns (exit unchanged) when the apply keeps a hand-trusted break-glass role but puts it behind MFA, saying how to keep it as it is', async () => {
      const [config, lock] = [readFileSync(ws.configPath, 'utf8'), readFileSync(ws.lockPath, 'utf8')];
      const breakGlass = 'arn:aws:iam::444455556666:role/break-glass';
      const account = memberId(5);
      const iam = await iamIn(e2e, account);
      const before = await trustPolicy(iam, ROLE);
      await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: ROLE, PolicyDocument: JSON.stringify({ ...before, Statement: [...before.Statement, { Effect: 'Allow', Principal: { AWS: breakGlass }, Action: 'sts:AssumeRole' }] }) }));
      try {
        writeFileSync(ws.configPath, `${config}trust:\n  principals:\n    - name: BreakGlass\n      kind: aws\n      arn: ${breakGlass}\n      scope: { accounts: [${memberName(5)}] }\n`);
        await ws.synth();
        const result = await cli('preflight', '--format', 'json');
        const trust = jsonOf<{ findings: Finding[] }>(result).findings.filter((f) => f.check === 'trust' && f.account === memberName(5));
        expect(trust).toEqual([
          expect.objectContaining({ severity: 'ok', message: 'the apply drops no principal from the trust policy' }),
          expect.objectContaining({ severity: 'warning', message: `the apply keeps AWS ${breakGlass} but adds Bool aws:multifactorauthpresent = true: a session without it is refused after the apply; to keep it as it is, declare it with human: false if a machine uses it; people using it need an MFA session after the apply` }),
        ]);
      } finally {
        await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: ROLE, PolicyDocument: JSON.stringify(before) }));
        writeFileSync(ws.configPath, config);
        writeFileSync(ws.lockPath, lock);
        await ws.synth({ frozen: true });
      }
    });

    it('refuses a synth that is not of the current config (exit 2, as every refusal of a live command), before any AWS call, instead of reporting on it', async () => {
      const before = readFileSync(ws.configPath, 'utf8');
      writeFileSync(ws.configPath, `${before}identity:\n  groups:\n    - name: stale\n      users: [mallory]\n      accounts: ["*"]\n`);
      try {
        const result = await cli('preflight');
        expect(result.code).toBe(2);
        expect(result.stderr).toContain('synthesized from another config');
        expect(result.stdout).not.toContain('nothing blocks the apply');
      } finally {
        writeFileSync(ws.configPath, before);
      }
    });

    it('blocks an account the organization already holds that the config writes without an id, naming the id to add', async () => {
      const [config, lock] = [readFileSync(ws.configPath, 'utf8'), readFileSync(ws.lockPath, 'utf8')];
      const lateId = await createMemberAccount(e2e, { name: 'late-arrival', email: 'aws-late-arrival@example.com' });
      try {
        writeFileSync(ws.configPath, config.replace(/^accounts:\n/m, 'accounts:\n  - name: late-arrival\n    email: aws-late-arrival@example.com\n'));
        await ws.synth();
        const result = await cli('preflight', '--format', 'json');
        expect(result.code).toBe(1);
        const account = jsonOf<{ findings: Finding[] }>(result).findings.filter((f) => f.check === 'account' && f.account === 'late-arrival');
        expect(account).toEqual([expect.objectContaining({ severity: 'blocks', message: expect.stringContaining(`add id: "${lateId}"`) })]);
      } finally {
        writeFileSync(ws.configPath, config);
        writeFileSync(ws.lockPath, lock);
        await ws.synth({ frozen: true });
      }
    });

    it('passes (exit 0) once the role is created as the fix says and the SCP is detached, still listing the dropped principal', async () => {
      await organizations().send(new DetachPolicyCommand({ PolicyId: scpId, TargetId: org.ouIds.get('Workloads/Dev/Sandbox')! }));
      await (await iamIn(e2e, deletedRoleAccount)).send(
        new CreateRoleCommand({
          RoleName: ROLE,
          AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MANAGEMENT_ACCOUNT_ID}:root` }, Action: 'sts:AssumeRole' }] }),
        }),
      );
      const result = await cli('preflight');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`warning trust: the apply would drop 1 principal(s) from the trust policy: AWS ${HAND_ADDED}`);
      expect(result.stdout).toMatch(/0 blocking, \d+ warnings: nothing blocks the apply/);
    });
  });

  describe('verify', () => {
    beforeAll(async () => {
      // People, as the discover output asks for; then the whole rollout.
      writeFileSync(ws.configPath, `${readFileSync(ws.configPath, 'utf8')}management:\n  users: [user1]\nidentity:\n  groups:\n    - name: admins\n      users: [alice]\n      accounts: ["*"]\n`);
      await ws.synth({ frozen: true });
      await applyAll(ws);
    });

    it('reports no drift after the apply (exit 0)', async () => {
      const result = await cli('verify');
      expect(result.stdout).toContain(`verify: ${MEMBERS + 2} accounts in organization ${org.id}; no drift`);
      expect(result.code).toBe(0);
    });

    it('reports the drift of a trust policy edited through the SDK, for that account only (exit 1, --format json)', async () => {
      const edited = memberId(12);
      await trustHandAddedPrincipal(e2e, edited);
      const result = await cli('verify', '--format', 'json');
      expect(result.code).toBe(1);
      const report = jsonOf<{ drift: boolean; accounts: Drift[] }>(result);
      expect(report.drift).toBe(true);
      const drifted = report.accounts.filter((a) => a.drift.length);
      expect(drifted.map((a) => a.account)).toEqual([memberName(12)]);
      expect(drifted[0].drift).toEqual([expect.stringMatching(new RegExp(`^trust policy of ${ROLE}: a statement that trusts AWS ${HAND_ADDED} \\(sts:assumerole\\) is not synthesized; apply trust-\\d removes it`))]);
      // The exact statements stay in the JSON, beside the words.
      expect((drifted[0] as any).trust.onlyLive).toEqual([{ Effect: 'Allow', Principal: { AWS: [HAND_ADDED] }, Action: ['sts:assumerole'] }]);
    });

    it('tells trust drift in words: the MFA condition removed from the identity statement, and the stack to apply', async () => {
      const account = memberId(14);
      const iam = await iamIn(e2e, account);
      const before = await trustPolicy(iam, ROLE);
      const Statement = before.Statement.map((s: any) => (s.Sid === 'IdentityAccount' ? { ...s, Condition: { ArnLike: s.Condition.ArnLike } } : s));
      await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: ROLE, PolicyDocument: JSON.stringify({ ...before, Statement }) }));
      try {
        const result = await cli('verify');
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(
          new RegExp(`${memberName(14)} \\(${account}\\): drift\\n  - trust policy of ${ROLE}: on the statement that trusts the identity account IAM \\(${org.identity.id}\\) \\(sts:assumerole\\), the MFA condition \\(Bool aws:multifactorauthpresent\\) is missing; apply trust-\\d restores it\\n`),
        );
      } finally {
        await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: ROLE, PolicyDocument: JSON.stringify(before) }));
      }
    });

    it('reads the management side: a hand-added group member, an inline policy on the group, a policy on a synthesized user, the create-account role trust', async () => {
      const iam = new IAMClient(e2e.sdk());
      const group = 'crossaccount-admins';
      const user = 'user1';
      const roleName = 'assumerole_create_account';
      const role = await trustPolicy(iam, roleName);
      await iam.send(new CreateUserCommand({ UserName: 'intruder' }));
      await iam.send(new AddUserToGroupCommand({ GroupName: group, UserName: 'intruder' }));
      await iam.send(new PutGroupPolicyCommand({ GroupName: group, PolicyName: 'extra', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] }) }));
      await iam.send(new PutUserPolicyCommand({ UserName: user, PolicyName: 'mine', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::*:role/${ROLE}` }] }) }));
      await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: roleName, PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MANAGEMENT_ACCOUNT_ID}:root` }, Action: 'sts:AssumeRole' }] }) }));
      try {
        const result = await cli('verify', '--format', 'json');
        expect(result.code).toBe(1);
        const management = jsonOf<{ accounts: (Drift & { kind: string })[] }>(result).accounts.find((a) => a.kind === 'management')!;
        expect(management.id).toBe(MANAGEMENT_ACCOUNT_ID);
        expect(management.drift).toEqual([
          `group ${group}: members intruder, ${user}; synthesized ${user}`,
          `group ${group}: inline policy extra is not synthesized: group ${group} can now assume ${ROLE} in ${MEMBERS} member account(s) without a synthesized grant (${[...org.members.keys()].sort().slice(0, 5).join(', ')}, …); delete it (aws iam delete-group-policy --group-name ${group} --policy-name …), or declare the access in org.yaml`,
          `user ${user}: inline policy mine is not synthesized: user ${user} can now assume ${ROLE} in ${MEMBERS} member account(s) without a synthesized grant (${[...org.members.keys()].sort().slice(0, 5).join(', ')}, …); delete it (aws iam delete-user-policy --user-name ${user} --policy-name …)`,
          `trust policy of ${roleName}: on the statement that trusts the management account (${MANAGEMENT_ACCOUNT_ID}) (sts:assumerole), the MFA condition (Bool aws:multifactorauthpresent) is missing; apply management restores it`,
        ]);
      } finally {
        await iam.send(new RemoveUserFromGroupCommand({ GroupName: group, UserName: 'intruder' }));
        await iam.send(new DeleteUserCommand({ UserName: 'intruder' }));
        await iam.send(new DeleteGroupPolicyCommand({ GroupName: group, PolicyName: 'extra' }));
        await iam.send(new DeleteUserPolicyCommand({ UserName: user, PolicyName: 'mine' }));
        await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: roleName, PolicyDocument: JSON.stringify(role) }));
      }
      expect((await cli('verify')).stdout).not.toContain('management account');
    });

    it('reports an account moved out of its OU and an identity group whose member was removed', async () => {
      const moved = memberId(13);
      await new OrganizationsClient(e2e.sdk()).send(new MoveAccountCommand({ AccountId: moved, SourceParentId: org.ouIds.get(org.ouOf.get(memberName(13))!)!, DestinationParentId: org.rootId }));
      await (await iamIn(e2e, org.identity.id)).send(new RemoveUserFromGroupCommand({ GroupName: 'admins', UserName: 'alice' }));
      const result = await cli('verify');
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`${memberName(13)} (${moved}): drift\n  - in the root; the config says OU ${org.ouOf.get(memberName(13))}`);
      expect(result.stdout).toContain(`IAM (${org.identity.id}): drift\n  - group admins: members (none); synthesized alice`);
      expect(result.stdout).toContain(`verify: ${MEMBERS + 2} accounts in organization ${org.id}; 3 with drift`);
    });

    it('reports identity-side grants Terraform does not manage, as access: an inline group policy, a user policy, a hand-made user', async () => {
      const iam = await iamIn(e2e, org.identity.id);
      const assumeAll = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::*:role/${ROLE}` }] });
      await iam.send(new PutGroupPolicyCommand({ GroupName: 'admins', PolicyName: 'extra', PolicyDocument: assumeAll }));
      // The emulator does not load AWS managed policies: an administrator policy made by hand stands in for AdministratorAccess.
      const { Policy } = await iam.send(new CreateIamPolicyCommand({ PolicyName: 'AdminByHand', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) }));
      await iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: Policy!.Arn! }));
      await iam.send(new CreateUserCommand({ UserName: 'mallory' }));
      const result = await cli('verify');
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`group admins: inline policy extra is not synthesized: group admins can now assume ${ROLE} in ${MEMBERS} member account(s) without a synthesized grant`);
      expect(result.stdout).toContain(`user alice: attached policy AdminByHand (${Policy!.Arn}) is not synthesized: user alice can now assume ${ROLE} in ${MEMBERS} member account(s)`);
      expect(result.stdout).toContain('user mallory is not synthesized');
    });
  });
});
