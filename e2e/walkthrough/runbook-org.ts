import { AttachRolePolicyCommand, CreateRoleCommand, DeleteRoleCommand, DetachRolePolicyCommand, DeleteRolePolicyCommand, ListAttachedRolePoliciesCommand, ListRolePoliciesCommand, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateOrganizationalUnitCommand, MoveAccountCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { MANAGEMENT_ACCOUNT_ID, createMemberAccount, createOrganization, giveRoleItsAwsPolicies, iamIn, trustPolicy, type E2eEnvironment, type EmulatedOrganization } from '../harness';

const ROLE = 'OrganizationAccountAccessRole';
/** The principals the README's walkthrough declares: a person's break-glass role (MFA) and a CI role. */
export const BREAK_GLASS = 'arn:aws:iam::444455556666:role/break-glass';
export const CI_DEPLOY = 'arn:aws:iam::777788889999:role/ci-deploy';

export interface RunbookOrg extends EmulatedOrganization {
  /** Account name to id, the identity account included. */
  readonly ids: ReadonlyMap<string, string>;
}

const OUS = ['Workloads', 'Workloads/Prod', 'Workloads/Dev', 'Infrastructure'] as const;

/**
 * The organization the README's walkthrough starts from, made the way the manual runbook makes
 * one: accounts by CreateAccount (each gets the role, trusting the management root), OUs, an
 * identity account IAM, an account that joined by invitation and got the role by hand
 * (legacy-invited: its AWS-made role is replaced by one created by hand, as the Organizations
 * User Guide tells invited accounts to), a break-glass role trusted by hand in prod-app, a CI
 * role in dev-app, and `extra` more workload accounts (workload-0001, ...) spread over Prod and Dev.
 */
export async function buildRunbookOrg(e2e: E2eEnvironment, extra: number): Promise<RunbookOrg> {
  const org = await createOrganization(e2e);
  const client = new OrganizationsClient(e2e.sdk());
  const ouIds = new Map<string, string>();
  for (const path of OUS) {
    const parts = path.split('/');
    const parentId = parts.length === 1 ? org.rootId : ouIds.get(parts[0])!;
    const { OrganizationalUnit } = await client.send(new CreateOrganizationalUnitCommand({ ParentId: parentId, Name: parts[parts.length - 1] }));
    ouIds.set(path, OrganizationalUnit!.Id!);
  }
  const accounts: [string, string][] = [
    ['IAM', 'Infrastructure'],
    ['shared-services', 'Infrastructure'],
    ['prod-app', 'Workloads/Prod'],
    ['dev-app', 'Workloads/Dev'],
    ['legacy-invited', 'Workloads'],
    ...Array.from({ length: extra }, (_, i): [string, string] => [`workload-${String(i + 1).padStart(4, '0')}`, i % 2 ? 'Workloads/Dev' : 'Workloads/Prod']),
  ];
  const ids = new Map<string, string>();
  const limit = 8;
  for (let start = 0; start < accounts.length; start += limit) {
    await Promise.all(
      accounts.slice(start, start + limit).map(async ([name, ou]) => {
        const id = await createMemberAccount(e2e, { name, email: `aws-${name}@example.com` });
        await client.send(new MoveAccountCommand({ AccountId: id, SourceParentId: org.rootId, DestinationParentId: ouIds.get(ou)! }));
        await giveRoleItsAwsPolicies(e2e, id);
        ids.set(name, id);
      }),
    );
  }
  await replaceRoleByHand(e2e, ids.get('legacy-invited')!);
  await addToTrust(e2e, ids.get('prod-app')!, { Effect: 'Allow', Principal: { AWS: BREAK_GLASS }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } });
  await addToTrust(e2e, ids.get('dev-app')!, { Effect: 'Allow', Principal: { AWS: CI_DEPLOY }, Action: 'sts:AssumeRole' });
  return { ...org, ids };
}

/** What an invited account's administrator does: the role, created by hand, trusting the management account, with AdministratorAccess. */
async function replaceRoleByHand(e2e: E2eEnvironment, accountId: string): Promise<void> {
  const iam = await iamIn(e2e, accountId);
  const attached = (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: ROLE }))).AttachedPolicies ?? [];
  for (const p of attached) await iam.send(new DetachRolePolicyCommand({ RoleName: ROLE, PolicyArn: p.PolicyArn }));
  for (const name of (await iam.send(new ListRolePoliciesCommand({ RoleName: ROLE }))).PolicyNames ?? []) await iam.send(new DeleteRolePolicyCommand({ RoleName: ROLE, PolicyName: name }));
  await iam.send(new DeleteRoleCommand({ RoleName: ROLE }));
  await iam.send(
    new CreateRoleCommand({
      RoleName: ROLE,
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MANAGEMENT_ACCOUNT_ID}:root` }, Action: 'sts:AssumeRole' }] }),
    }),
  );
  for (const p of attached) await iam.send(new AttachRolePolicyCommand({ RoleName: ROLE, PolicyArn: p.PolicyArn }));
}

async function addToTrust(e2e: E2eEnvironment, accountId: string, statement: object): Promise<void> {
  const iam = await iamIn(e2e, accountId);
  const live = await trustPolicy(iam, ROLE);
  await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: ROLE, PolicyDocument: JSON.stringify({ ...live, Statement: [...live.Statement, statement] }) }));
}
