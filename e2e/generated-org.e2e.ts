import { CreateRoleCommand, DeleteRoleCommand, GetAccountPasswordPolicyCommand, GetGroupCommand, GetUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { DescribeAccountCommand, ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { terraformKey } from '../config/iam-names';
import type { OrgConfigInput } from '../config/schema';
import { mapPool } from '../cli/live/pool';
import {
  MANAGEMENT_ACCOUNT_ID,
  OrgWorkspace,
  SENTINEL_INLINE_POLICY,
  TerraformError,
  accountEntityPaths,
  accountsByOuPath,
  applyAll,
  attachedPolicyArns,
  createMemberAccount,
  createOrganization,
  expectMemberTrust,
  giveRoleItsAwsPolicies,
  groupAssumableAccounts,
  iamIn,
  inlinePolicyNames,
  planAll,
  planJson,
  savedPlanJson,
  startE2eEnvironment,
  unclean,
  type E2eEnvironment,
  type EmulatedOrganization,
  type PlanJson,
  type StackPlan,
  type StackSnapshot,
} from './harness';
import { jsonOf, orgTrust } from './live/cli';
import { ADOPTED, CREATED_MEMBERS, edit, generatedOrg, member } from './generated/generated-org';

const ROLE = 'OrganizationAccountAccessRole';
const accountAddress = (name: string) => `aws_organizations_account.account_${terraformKey(name)}`;
const roleAddress = (name: string) => `aws_iam_role.member_${terraformKey(name)}`;

/**
 * A generated organization (12 members, one adopted by id, OUs three levels deep, two
 * identity groups, shardSize 5) rolled out for real, then changed in two rounds, each
 * applied (only the stacks whose JSON changed) and followed by a plan of every stack:
 *  A. an account added at the top of the list, an invited account adopted by id (its role
 *     deleted: the failure flow), an account moved to another OU, one retired and then
 *     deleted from the config (a second synth before the apply); a frozen synth first;
 *  B. the adopted account renamed with renamedFrom, then renamedFrom dropped (second synth).
 */
describe('generated org: 12 members over nested OUs, shardSize 5', () => {
  let e2e: E2eEnvironment;
  let org: EmulatedOrganization;
  let ws: OrgWorkspace;
  let config: OrgConfigInput;
  /** Account name to id, as the management stack outputs them after the last full apply. */
  let ids: Record<string, string>;
  /** Account id to the managed policy attached to its role before the tool touched it. */
  const attachedBefore = new Map<string, string>();

  const write = (next: OrgConfigInput) => {
    config = next;
    ws.writeConfig(next);
  };
  const managementOutputs = async () => (await ws.terraform('management').outputs()).account_ids as Record<string, string>;
  const organizations = () => new OrganizationsClient(e2e.sdk());
  const activeMembers = () => (config.accounts ?? []).filter((a) => !a.retired).map((a) => a.name);
  /** Gives the roles of these accounts their AWS policies (and remembers them), before their trust stack is applied. */
  const preparePolicies = (accountIds: readonly string[]) =>
    mapPool(accountIds, 4, async (id) => void attachedBefore.set(id, await giveRoleItsAwsPolicies(e2e, id)));
  const expectRoleKept = async (name: string) => {
    const iam = await iamIn(e2e, ids[name]);
    await expectMemberTrust(iam, { managementAccountId: MANAGEMENT_ACCOUNT_ID, identityAccountId: ids.IAM });
    expect(await attachedPolicyArns(iam, ROLE)).toEqual([attachedBefore.get(ids[name])]);
    expect(await inlinePolicyNames(iam, ROLE)).toEqual([SENTINEL_INLINE_POLICY]);
  };
  /** Every config account's OU path as Organizations reports it, against the config's. */
  const expectOus = async (extra: Record<string, string> = {}) => {
    const pathOf = new Map<string, string>();
    for (const [path, names] of await accountsByOuPath(e2e, org.rootId)) names.forEach((n) => pathOf.set(n, path));
    const wanted: Record<string, string> = { IAM: 'Security', ...extra };
    for (const a of config.accounts ?? []) wanted[a.name] = a.ou ?? '';
    expect(Object.fromEntries(Object.keys(wanted).map((n) => [n, pathOf.get(n)]))).toEqual(wanted);
  };
  /**
   * admins ("*") reach every managed member through aws:ResourceOrgID, the management, identity,
   * retired and forgotten accounts excluded though they stay in the organization; developers
   * their named accounts. Resolved against the live organization's accounts and OU paths.
   */
  const expectGroups = async (developers: readonly string[]) => {
    const iam = await iamIn(e2e, ids.IAM);
    const live = { id: org.id, paths: await accountEntityPaths(e2e, org) };
    const admins = await groupAssumableAccounts(iam, 'admins', live);
    expect(admins).toEqual({ accounts: activeMembers().map((n) => ids[n]).sort(), allRequireMfa: true });
    expect(await groupAssumableAccounts(iam, 'developers', live)).toEqual({ accounts: developers.map((n) => ids[n]).sort(), allRequireMfa: true });
  };

  beforeAll(async () => {
    e2e = await startE2eEnvironment({ region: 'us-east-1' });
    org = await createOrganization(e2e);
    const adoptedId = await createMemberAccount(e2e, { name: ADOPTED, email: `aws-${ADOPTED}@example.com` });
    ws = new OrgWorkspace(e2e.env, 'generated');
    write(generatedOrg(adoptedId));
    await ws.synth();
    await applyAll(ws, { only: (s) => s === 'management' });
    ids = await managementOutputs();
    await preparePolicies([...CREATED_MEMBERS, ADOPTED].map((n) => ids[n]));
    await applyAll(ws, { only: (s) => s !== 'management' });
  });

  afterAll(async () => {
    await e2e?.stop();
    ws?.remove();
  });

  describe('first rollout: management, identity, trust-1..3', () => {
    it('places the 12 members in three trust stacks of at most 5, by name', () => {
      expect(ws.stackNames()).toEqual(['management', 'identity', 'trust-1', 'trust-2', 'trust-3']);
      const stackOf = Object.fromEntries(Object.entries((ws.lock() as { accounts: Record<string, { stack: string }> }).accounts).map(([n, e]) => [n, e.stack]));
      expect(stackOf).toEqual({
        ...Object.fromEntries(CREATED_MEMBERS.map((n, i) => [n, `trust-${Math.floor(i / 5) + 1}`])),
        [ADOPTED]: 'trust-3',
      });
    });

    it('adopts the account made before the tool by id, and creates the others', async () => {
      const { Accounts } = await organizations().send(new ListAccountsCommand({}));
      expect(Accounts!.map((a) => a.Name).sort()).toEqual([...CREATED_MEMBERS, ADOPTED, 'IAM', 'master'].sort());
      expect(ids[ADOPTED]).toBe((config.accounts ?? []).find((a) => a.name === ADOPTED)!.id);
    });

    it('puts every account in its OU, three levels deep', () => expectOus());

    it.each([...CREATED_MEMBERS, ADOPTED])('%s: the role trusts the management root and identity users with MFA, and keeps its policies', (name) =>
      expectRoleKept(name),
    );

    it('creates the identity users, groups, password policy and MFA-gated assume policies', async () => {
      const iam = await iamIn(e2e, ids.IAM);
      const members = async (group: string) => ((await iam.send(new GetGroupCommand({ GroupName: group }))).Users ?? []).map((u) => u.UserName).sort();
      expect(await members('admins')).toEqual(['alice', 'bob']);
      expect(await members('developers')).toEqual(['bob', 'carol']);
      expect(await members('mfa-self-service')).toEqual(['alice', 'bob', 'carol']);
      for (const user of ['alice', 'bob', 'carol']) expect((await iam.send(new GetUserCommand({ UserName: user }))).User?.UserName).toBe(user);
      expect((await iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy?.MinimumPasswordLength).toBe(14);
      await expectGroups(['app03', 'app04', 'app09', 'app10']);
    });

    it('creates the management group and its user', async () => {
      const { Users } = await new IAMClient(e2e.sdk()).send(new GetGroupCommand({ GroupName: 'crossaccount-admins' }));
      expect(Users?.map((u) => u.UserName)).toEqual(['ops1']);
    });

    it('plans every stack to no changes', async () => {
      expect(unclean(await planAll(ws))).toEqual({});
    });
  });

  describe('round A: add at the top, adopt an invited account, move an OU, retire; frozen synth, second synth', () => {
    const RETIRED = 'app09';
    const MOVED = 'app04';
    let retiredId: string;
    let partnerId: string;
    let before: StackSnapshot;
    let lockBefore: unknown;
    let frozen: { code: number; stderr: string; snapshotAfter: StackSnapshot; lockAfter: unknown };
    let retiredSynth: StackSnapshot;
    let changed: string[];
    let invitedFailure: TerraformError;
    let preflight: { code: number; blocking: { account?: string; check: string; message: string }[] };
    let plans: StackPlan[];

    beforeAll(async () => {
      // What an invited account looks like: in the organization, without the cross-account role.
      partnerId = await createMemberAccount(e2e, { name: 'partner', email: 'aws-partner@example.com' });
      await (await iamIn(e2e, partnerId)).send(new DeleteRoleCommand({ RoleName: ROLE }));
      retiredId = ids[RETIRED];
      before = ws.snapshot();
      lockBefore = ws.lock();

      let next = edit.addAtTop(config, member('analytics', 'Workloads/Prod'));
      next = { ...next, accounts: [...(next.accounts ?? []), member('partner', 'Workloads/Dev', { id: partnerId })] };
      next = edit.update(next, MOVED, (a) => ({ ...a, ou: 'Workloads/Prod/Payments' }));
      next = edit.update(next, RETIRED, (a) => ({ ...a, id: retiredId, retired: true }));
      write(next);

      const refused = await ws.trySynth({ frozen: true });
      frozen = { code: refused.code, stderr: refused.stderr, snapshotAfter: ws.snapshot(), lockAfter: ws.lock() };
      await ws.synth();
      retiredSynth = ws.snapshot();
      // The retired entry deleted before anything was applied: the lock's history keeps the removed blocks.
      write(edit.remove(config, RETIRED));
      await ws.synth();
      changed = ws.changedSince(before);

      await applyAll(ws, { only: (s) => s === 'management' });
      ids = { ...(await managementOutputs()), [RETIRED]: retiredId };
      await preparePolicies([ids.analytics]);
      try {
        await applyAll(ws, { only: (s) => s !== 'management' && changed.includes(s) });
      } catch (e) {
        if (!(e instanceof TerraformError)) throw e;
        invitedFailure = e;
      }
      const result = await orgTrust(ws, e2e.env, ['preflight', '--format', 'json']);
      type Finding = { severity: string; account?: string; check: string; message: string };
      preflight = { code: result.code, blocking: jsonOf<{ findings: Finding[] }>(result).findings.filter((f) => f.severity === 'blocks') };
      // The fix preflight prints: create the role trusting the management account, attach AdministratorAccess.
      await (await iamIn(e2e, partnerId)).send(
        new CreateRoleCommand({
          RoleName: ROLE,
          AssumeRolePolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MANAGEMENT_ACCOUNT_ID}:root` }, Action: 'sts:AssumeRole' }],
          }),
        }),
      );
      await preparePolicies([partnerId]);
      await applyAll(ws, { only: (s) => s === 'trust-3' });
      plans = await planAll(ws);
    });

    it('a frozen synth (ORG_LOCK_FROZEN=1, as CI=true) refuses the lock change and writes nothing, so Terraform never sees it', () => {
      expect(frozen.code).toBe(1);
      expect(frozen.stderr).toMatch(/lock/i);
      expect(frozen.stderr).not.toMatch(/at .+\.[jt]s:\d+/);
      expect(frozen.lockAfter).toEqual(lockBefore);
      expect(frozen.snapshotAfter).toEqual(before);
    });

    it('changes only management, identity, the retired account\'s stack and the stack the newcomers joined', () => {
      expect(changed).toEqual(['management', 'identity', 'trust-2', 'trust-3']);
      const lock = ws.lock() as { accounts: Record<string, { stack: string }>; history: { forgottenAccounts: unknown[] } };
      expect(lock.accounts.analytics.stack).toBe('trust-3');
      expect(lock.accounts.partner.stack).toBe('trust-3');
      expect(lock.accounts[RETIRED]).toBeUndefined();
      expect(lock.history.forgottenAccounts).toEqual([{ key: RETIRED, stack: 'trust-2', accountId: retiredId }]);
    });

    it('the second synth, after the retired entry was deleted, still writes the removed blocks and the provider that forgets the role', () => {
      const removed = (stack: string) => JSON.stringify(ws.stackJson(stack).removed ?? []);
      expect(removed('management')).toContain(accountAddress(RETIRED));
      expect(removed('trust-2')).toContain(roleAddress(RETIRED));
      expect(ws.snapshot().get('management')).toBe(retiredSynth.get('management'));
      // Same blocks; only the forgotten account's provider moves to the end of the list (order is not meaning in Terraform).
      const byAlias = (json: string) => {
        const parsed = JSON.parse(json) as { provider: { aws: { alias: string }[] } };
        return { ...parsed, provider: { aws: [...parsed.provider.aws].sort((a, b) => a.alias.localeCompare(b.alias)) } };
      };
      expect(byAlias(ws.snapshot().get('trust-2')!)).toEqual(byAlias(retiredSynth.get('trust-2')!));
    });

    it('the invited account\'s trust stack fails with the import error and names the account; preflight names the fix', () => {
      expect(invitedFailure).toBeDefined();
      expect(invitedFailure.step).toBe('apply');
      expect(invitedFailure.result.stderr).toContain('Cannot import non-existent remote object');
      expect(invitedFailure.result.stderr).toContain(roleAddress('partner'));
      expect(preflight.code).toBe(1);
      expect(preflight.blocking.map((f) => [f.account, f.check])).toEqual([['partner', 'role']]);
      expect(preflight.blocking[0].message).toContain(`create the IAM role ${ROLE}`);
      expect(preflight.blocking[0].message).toContain('Creating the OrganizationAccountAccessRole in an invited member account');
    });

    it('creates the account added at the top, adopts the invited one, and both roles trust as configured once the role exists', async () => {
      await expectRoleKept('analytics');
      await expectRoleKept('partner');
      expect(ids.partner).toBe(partnerId);
    });

    it('moves the account to its new OU; the retired one stays where it was', () => expectOus({ [RETIRED]: 'Workloads/Dev/Sandbox' }));

    it('forgets the retired account and its role: both stay in AWS, the role keeps its trust and policies', async () => {
      const { Account } = await organizations().send(new DescribeAccountCommand({ AccountId: retiredId }));
      expect(Account?.Status).toBe('ACTIVE');
      await expectRoleKept(RETIRED);
      expect(await ws.terraform('management').stateList()).not.toContain(accountAddress(RETIRED));
      expect(await ws.terraform('trust-2').stateList()).not.toContain(roleAddress(RETIRED));
      expect(ids[RETIRED]).toBe(retiredId);
    });

    it('identity groups follow: admins reach every managed member, developers the Dev OUs only', () => expectGroups(['app03', 'app10', 'partner']));

    it('plans every stack to no changes', () => {
      expect(unclean(plans)).toEqual({});
    });
  });

  describe('round B: the adopted account renamed with renamedFrom, then renamedFrom dropped (second synth)', () => {
    const NEW_NAME = 'core';
    let before: StackSnapshot;
    let withRenamedFrom: StackSnapshot;
    let changed: string[];
    let managementPlan: PlanJson;
    let trustPlan: PlanJson;
    let managementApply: { code: number; stderr: string };
    let accountsBefore: number;
    let plans: StackPlan[];
    let managementAfter: PlanJson;
    let renamedOutputs: Record<string, string>;

    beforeAll(async () => {
      before = ws.snapshot();
      accountsBefore = (await organizations().send(new ListAccountsCommand({}))).Accounts!.length;
      write(edit.update(config, ADOPTED, (a) => ({ ...a, name: NEW_NAME, renamedFrom: ADOPTED })));
      await ws.synth();
      withRenamedFrom = ws.snapshot();
      write(edit.update(config, NEW_NAME, ({ renamedFrom: _dropped, ...a }) => a));
      await ws.synth();
      changed = ws.changedSince(before);
      // The plans reviewed are the plans applied (saved plan files), in rollout order.
      managementPlan = await planJson(ws.terraform('management'));
      trustPlan = await planJson(ws.terraform('trust-3'));
      const applied = await ws.terraform('management').applySavedPlan();
      managementApply = { code: applied.code, stderr: applied.stderr };
      const trustApplied = await ws.terraform('trust-3').applySavedPlan();
      if (trustApplied.code !== 0) throw new TerraformError('apply', trustApplied);
      renamedOutputs = await managementOutputs();
      ids = { ...ids, [NEW_NAME]: ids[ADOPTED] };
      plans = await planAll(ws);
      managementAfter = await savedPlanJson(ws.terraform('management'));
    });

    it('writes the same stacks without renamedFrom: the lock keeps the move', () => {
      expect(ws.snapshot()).toEqual(withRenamedFrom);
      expect(changed).toEqual(['management', 'trust-3']);
      expect((ws.lock() as { history: { accountMoves: unknown[] } }).history.accountMoves).toEqual([{ from: ADOPTED, to: NEW_NAME, stack: 'trust-3' }]);
    });

    it('plans a move of the account and an in-place change of its name, nothing created or destroyed', () => {
      const changes = managementPlan.resources.filter((r) => r.actions.join() !== 'no-op' || r.previousAddress);
      expect(changes.map(({ address, previousAddress, actions, changedAttributes }) => ({ address, previousAddress, actions, changedAttributes }))).toEqual([
        { address: accountAddress(NEW_NAME), previousAddress: accountAddress(ADOPTED), actions: ['update'], changedAttributes: ['name'] },
      ]);
    });

    it('plans a move of the role in its trust stack, with no change', () => {
      const changes = trustPlan.resources.filter((r) => r.actions.join() !== 'no-op' || r.previousAddress);
      expect(changes.map(({ address, previousAddress, actions }) => ({ address, previousAddress, actions }))).toEqual([
        { address: roleAddress(NEW_NAME), previousAddress: roleAddress(ADOPTED), actions: ['no-op'] },
      ]);
    });

    // moto 5.2.5 has no PutAccountName: its Account service (moto/account/urls.py, responses.py)
    // serves only the alternate-contact calls, so POST /putAccountName is a 404. AWS renames.
    it('applies the move; the one error is the rename call the emulator lacks (PutAccountName, 404)', () => {
      expect(managementApply.code).toBe(1);
      const errors = managementApply.stderr.match(/^Error: .*$/gm) ?? [];
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/updating AWS Account \(\d{12}\) name: operation error Account: PutAccountName, https response error StatusCode: 404/);
    });

    it('keeps the account: same id, ACTIVE, no account created', async () => {
      const { Accounts } = await organizations().send(new ListAccountsCommand({}));
      expect(Accounts!.length).toBe(accountsBefore);
      expect(Accounts!.find((a) => a.Id === ids[NEW_NAME])?.Status).toBe('ACTIVE');
      expect(await ws.terraform('management').stateList()).toContain(accountAddress(NEW_NAME));
      expect(await ws.terraform('trust-3').stateList()).toContain(roleAddress(NEW_NAME));
      await expectRoleKept(NEW_NAME);
    });

    it('plans every other stack to no changes; management only to the rename moto could not make', () => {
      expect(Object.keys(unclean(plans))).toEqual(['management']);
      // The exception, and only it: the account's name, which moto kept (see above).
      const changes = managementAfter.resources.filter((r) => r.actions.join() !== 'no-op');
      expect(changes.map(({ address, actions, changedAttributes }) => ({ address, actions, changedAttributes }))).toEqual([
        { address: accountAddress(NEW_NAME), actions: ['update'], changedAttributes: ['name'] },
      ]);
      expect(managementAfter.outputs).toEqual({});
    });

    it('outputs the account id under the new name only', () => {
      expect(renamedOutputs[NEW_NAME]).toBe(ids[ADOPTED]);
      expect(renamedOutputs[ADOPTED]).toBeUndefined();
    });
  });
});
