import { AttachRolePolicyCommand, CreatePolicyCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import {
  CreateAccountCommand,
  CreateOrganizationCommand,
  DescribeCreateAccountStatusCommand,
  ListRootsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { iamIn } from './assume';
import type { E2eEnvironment } from './environment';

export interface EmulatedOrganization {
  readonly id: string;
  readonly rootId: string;
  readonly managementAccountId: string;
}

/** Creates the organization (all features) with moto's default account as its management account. */
export async function createOrganization(e2e: E2eEnvironment): Promise<EmulatedOrganization> {
  const client = new OrganizationsClient(e2e.sdk());
  const { Organization } = await client.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const { Roots } = await client.send(new ListRootsCommand({}));
  return { id: Organization!.Id!, rootId: Roots![0].Id!, managementAccountId: Organization!.MasterAccountId! };
}

/**
 * Creates a member account outside Terraform, as one made before the tool (adopted by `id`
 * in org.yaml). Organizations creates its OrganizationAccountAccessRole, trusting the
 * management root, as AWS does. Returns the new account's id.
 */
export async function createMemberAccount(e2e: E2eEnvironment, account: { name: string; email: string }): Promise<string> {
  const client = new OrganizationsClient(e2e.sdk());
  const { CreateAccountStatus } = await client.send(new CreateAccountCommand({ AccountName: account.name, Email: account.email }));
  let status = CreateAccountStatus!;
  for (let i = 0; status.State === 'IN_PROGRESS' && i < 50; i++) {
    await new Promise((r) => setTimeout(r, 100));
    status = (await client.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: status.Id }))).CreateAccountStatus!;
  }
  if (status.State !== 'SUCCEEDED') throw new Error(`CreateAccount ${account.name}: ${status.State} ${status.FailureReason ?? ''}`);
  return status.AccountId!;
}

/** An inline policy the suite puts on member roles before the apply, to prove the apply leaves it. */
export const SENTINEL_INLINE_POLICY = 'org-trust-e2e-sentinel';

/** AdministratorAccess's document: everything on everything. */
const ADMINISTRATOR_ACCESS = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
const AWS_ADMINISTRATOR_ACCESS = 'arn:aws:iam::aws:policy/AdministratorAccess';

/**
 * Gives an account's cross-account role what AWS gives it and moto does not: AWS attaches
 * AdministratorAccess to the OrganizationAccountAccessRole it creates, while moto
 * (moto/organizations/models.py, FakeAccount.__init__) creates the role with no policy.
 * Where the emulator holds no AWS-managed policies (startMoto's `awsManagedPolicies`; moto's
 * AttachRolePolicy refuses an ARN it does not hold), a customer-managed copy named
 * AdministratorAccess stands in: the role resource ignores every attachment alike.
 * Adds an inline policy too, as someone might have by hand. Returns the attached policy's ARN.
 */
export async function giveRoleItsAwsPolicies(e2e: E2eEnvironment, accountId: string, roleName = 'OrganizationAccountAccessRole'): Promise<string> {
  const iam = await iamIn(e2e, accountId, roleName);
  const policyArn = e2e.moto.awsManagedPolicies
    ? AWS_ADMINISTRATOR_ACCESS
    : (await iam.send(new CreatePolicyCommand({ PolicyName: 'AdministratorAccess', PolicyDocument: ADMINISTRATOR_ACCESS }))).Policy!.Arn!;
  await iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: policyArn }));
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: roleName,
      PolicyName: SENTINEL_INLINE_POLICY,
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }] }),
    }),
  );
  return policyArn;
}
