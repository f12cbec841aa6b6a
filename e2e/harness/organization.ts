import { AttachRolePolicyCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
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

/**
 * Gives an account's cross-account role what AWS gives it and moto does not: AWS attaches
 * AdministratorAccess to the OrganizationAccountAccessRole it creates, while moto
 * (moto/organizations/models.py, FakeAccount.__init__) creates the role with no policy.
 * Adds an inline policy too, as someone might have by hand.
 */
export async function giveRoleItsAwsPolicies(e2e: E2eEnvironment, accountId: string, roleName = 'OrganizationAccountAccessRole'): Promise<void> {
  const iam = await iamIn(e2e, accountId, roleName);
  await iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: roleName,
      PolicyName: SENTINEL_INLINE_POLICY,
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }] }),
    }),
  );
}
