import { runSimulation } from '@cloud-copilot/iam-simulate';
import { createAccountsRolePolicy } from '../../policies/management-policies';

/**
 * role_create_accounts, judged by iam-simulate: it reads and tags accounts of its own
 * organization only (the account ARN carries the management account's id), never tags the
 * management account, and cannot close, remove or move an account.
 */
const MANAGEMENT = '111111111111';
const OTHER_MANAGEMENT = '999999999999';
const ORG = 'o-abcd123456';
const policy = createAccountsRolePolicy({ managementAccountId: MANAGEMENT });
const account = (id: string, management = MANAGEMENT, org = ORG) => `arn:aws:organizations::${management}:account/${org}/${id}`;

async function allowed(action: string, resource: string): Promise<boolean> {
  const response = await runSimulation(
    {
      request: {
        principal: `arn:aws:sts::${MANAGEMENT}:assumed-role/assumerole_create_account/alice`,
        action,
        resource: { resource, accountId: MANAGEMENT },
        contextVariables: {},
      },
      identityPolicies: [{ name: 'role_create_accounts', policy }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  if (response.resultType !== 'single') throw new Error(JSON.stringify(response));
  return response.overallResult === 'Allowed';
}

describe('role_create_accounts, judged by iam-simulate', () => {
  it.each(['organizations:DescribeAccount', 'organizations:TagResource'])('%s: a member account of the organization', async (action) => {
    expect(await allowed(action, account('333333333333'))).toBe(true);
  });

  it.each(['organizations:DescribeAccount', 'organizations:TagResource'])('%s: an account of another organization is denied', async (action) => {
    expect(await allowed(action, account('333333333333', OTHER_MANAGEMENT, 'o-zzzz999999'))).toBe(false);
  });

  it('TagResource on the management account itself is denied; DescribeAccount of it is allowed', async () => {
    expect(await allowed('organizations:TagResource', account(MANAGEMENT))).toBe(false);
    expect(await allowed('organizations:DescribeAccount', account(MANAGEMENT))).toBe(true);
  });

  it('CreateAccount is allowed (it has no resource type)', async () => {
    expect(await allowed('organizations:CreateAccount', '*')).toBe(true);
  });

  it.each(['organizations:CloseAccount', 'organizations:RemoveAccountFromOrganization', 'organizations:UntagResource', 'organizations:MoveAccount'])('%s is denied', async (action) => {
    expect(await allowed(action, account('333333333333'))).toBe(false);
  });
});
