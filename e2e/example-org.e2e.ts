import { GetGroupCommand, GetPolicyCommand, GetPolicyVersionCommand, IAMClient, ListAttachedGroupPoliciesCommand } from '@aws-sdk/client-iam';
import { ListOrganizationalUnitsForParentCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import {
  MANAGEMENT_ACCOUNT_ID,
  OrgWorkspace,
  SENTINEL_INLINE_POLICY,
  accountsByOuPath,
  applyAll,
  attachedPolicyArns,
  createOrganization,
  exampleOrgForEmulator,
  expectMemberTrust,
  giveRoleItsAwsPolicies,
  iamIn,
  inlinePolicyNames,
  planAll,
  startE2eEnvironment,
  unclean,
  type E2eEnvironment,
  type EmulatedOrganization,
} from './harness';
import { ACCOUNT_IDS_OUTPUT, MANAGEMENT_STACK } from '../stacks/stack-names';

const MEMBERS = ['ACCOUNT01', 'ACCOUNT02', 'ACCOUNT03', 'Logging'];

/** The shipped example org.yaml, synthesized and applied stack by stack, checked through the SDK, then planned again. */
describe('example org', () => {
  let e2e: E2eEnvironment;
  let org: EmulatedOrganization;
  let ws: OrgWorkspace;
  let adoptedId: string;
  let ids: Record<string, string>;

  beforeAll(async () => {
    // AWS's own AdministratorAccess on every member role, to prove the apply keeps it.
    e2e = await startE2eEnvironment({ region: 'us-east-1', awsManagedPolicies: true });
    org = await createOrganization(e2e);
    ws = new OrgWorkspace(e2e.env, 'example');
    const example = await exampleOrgForEmulator(e2e);
    adoptedId = example.adoptedId;
    ws.writeConfig(example.yaml);
    await ws.synth();
    await applyAll(ws, { only: (s) => s === MANAGEMENT_STACK });
    ids = (await ws.terraform(MANAGEMENT_STACK).outputs())[ACCOUNT_IDS_OUTPUT] as Record<string, string>;
    // The accounts exist now; give their roles the policies AWS would have, before the trust rewrite.
    for (const name of MEMBERS) await giveRoleItsAwsPolicies(e2e, ids[name]);
    await applyAll(ws, { only: (s) => s !== MANAGEMENT_STACK });
  });

  afterAll(async () => {
    await e2e?.stop();
    ws?.remove();
  });

  it('rolls out management, identity, then the trust stacks', () => {
    expect(org.managementAccountId).toBe(MANAGEMENT_ACCOUNT_ID);
    expect(ws.stackNames()).toEqual(['management', 'identity', 'trust-1']);
  });

  it('adopts the account created before the tool, by id, and creates the others', () => {
    expect(ids.ACCOUNT03).toBe(adoptedId);
    expect(Object.keys(ids).sort()).toEqual([...MEMBERS, 'IAM'].sort());
  });

  it('puts every account in its OU', async () => {
    const byOu = await accountsByOuPath(e2e, org.rootId);
    expect(byOu.get('Workloads/Prod')).toEqual(['ACCOUNT01', 'ACCOUNT03']);
    expect(byOu.get('Workloads/Dev')).toEqual(['ACCOUNT02']);
    expect(byOu.get('Security')).toEqual(['IAM', 'Logging']);
  });

  it.each(MEMBERS)('%s: the role trusts the management root and identity users with MFA, and keeps its policies', async (name) => {
    const iam = await iamIn(e2e, ids[name]);
    await expectMemberTrust(iam, { managementAccountId: MANAGEMENT_ACCOUNT_ID, identityAccountId: ids.IAM });
    expect(await attachedPolicyArns(iam, 'OrganizationAccountAccessRole')).toEqual(['arn:aws:iam::aws:policy/AdministratorAccess']);
    expect(await inlinePolicyNames(iam, 'OrganizationAccountAccessRole')).toEqual([SENTINEL_INLINE_POLICY]);
  });

  it('creates the identity groups, their users and their assume policies in the identity account', async () => {
    const iam = await iamIn(e2e, ids.IAM);
    const members = async (group: string) => ((await iam.send(new GetGroupCommand({ GroupName: group }))).Users ?? []).map((u) => u.UserName).sort();
    expect(await members('admins')).toEqual(['alice', 'bob']);
    expect(await members('developers')).toEqual(['bob', 'carol']);
    expect(await members('auditors')).toEqual(['dave']);
    const attached = await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'developers' }));
    const arn = attached.AttachedPolicies!.find((p) => p.PolicyName!.startsWith('developers-assume'))!.PolicyArn!;
    const { Policy } = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
    expect(Policy?.Arn).toBe(`arn:aws:iam::${ids.IAM}:policy/developers-assume-OrganizationAccountAccessRole-1`);
  });

  it('writes the live organization id and OU path into the "*" and OU group policies (management outputs, read through remote state)', async () => {
    const iam = await iamIn(e2e, ids.IAM);
    const document = async (group: string) => {
      const { AttachedPolicies } = await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: group }));
      const arn = AttachedPolicies!.find((p) => p.PolicyName!.startsWith(`${group}-assume`))!.PolicyArn!;
      const { Policy } = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
      const { PolicyVersion } = await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: Policy!.DefaultVersionId! }));
      return JSON.parse(decodeURIComponent(PolicyVersion!.Document!)) as { Statement: { Condition: Record<string, Record<string, unknown>> }[] };
    };
    const admins = (await document('admins')).Statement[0].Condition;
    expect(admins.StringEquals).toEqual({ 'aws:ResourceOrgID': org.id });
    expect(admins.StringNotEquals).toEqual({ 'aws:ResourceAccount': expect.arrayContaining([ids.IAM, MANAGEMENT_ACCOUNT_ID]) });
    const { OrganizationalUnits: top } = await new OrganizationsClient(e2e.sdk()).send(new ListOrganizationalUnitsForParentCommand({ ParentId: org.rootId }));
    const workloads = top!.find((ou) => ou.Name === 'Workloads')!.Id!;
    const { OrganizationalUnits: below } = await new OrganizationsClient(e2e.sdk()).send(new ListOrganizationalUnitsForParentCommand({ ParentId: workloads }));
    const dev = below!.find((ou) => ou.Name === 'Dev')!.Id!;
    const developers = (await document('developers')).Statement[0].Condition;
    expect(developers['ForAnyValue:StringLike']).toEqual({ 'aws:ResourceOrgPaths': [`${org.id}/${org.rootId}/${workloads}/${dev}/*`] });
  });

  it('creates the management group and users in the management account', async () => {
    const iam = new IAMClient(e2e.sdk());
    const { Users } = await iam.send(new GetGroupCommand({ GroupName: 'crossaccount-admins' }));
    expect(Users?.map((u) => u.UserName)).toEqual(['user1']);
  });

  it('plans every stack to no changes after the apply', async () => {
    expect(unclean(await planAll(ws))).toEqual({});
  });
});
