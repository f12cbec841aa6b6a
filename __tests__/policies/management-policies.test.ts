import {
  CALLERS_ORGANIZATION,
  createAccountGroupPolicy,
  createAccountRoleTrustPolicy,
  createAccountsRolePolicy,
  crossAccountGroupPolicy,
} from '../../policies/management-policies';
import { actionsOf, statement } from './statements';

const MFA = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };

describe('the management account policies (runbook step R1)', () => {
  it('group_orgs_crossaccount: the cross-account role in accounts of this organization only, with MFA', () => {
    expect(crossAccountGroupPolicy({ memberRoleName: 'OrganizationAccountAccessRole', organizationId: 'o-abc123' }).Statement).toEqual([
      {
        Sid: 'AssumeCrossAccountRoleInOrganization',
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: 'arn:aws:iam::*:role/OrganizationAccountAccessRole',
        Condition: { ...MFA, StringEquals: { 'aws:ResourceOrgID': 'o-abc123' } },
      },
    ]);
  });

  it("group_orgs_crossaccount: without an organization id, the caller's own organization as a policy variable", () => {
    const [s] = crossAccountGroupPolicy({ memberRoleName: 'r', organizationId: CALLERS_ORGANIZATION }).Statement;
    expect(s.Condition!.StringEquals).toEqual({ 'aws:ResourceOrgID': '${aws:PrincipalOrgID}' });
  });

  it('group_create_aws_accounts: the account-creating role of the management account, with MFA', () => {
    const [s] = createAccountGroupPolicy({ managementAccountId: '111111111111', createAccountRoleName: 'assumerole_create_account' }).Statement;
    expect(s).toMatchObject({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::111111111111:role/assumerole_create_account', Condition: MFA });
  });

  it('assumerole_create_account trusts principals of the management account, with MFA', () => {
    expect(createAccountRoleTrustPolicy({ managementAccountId: '111111111111' }).Statement).toEqual([
      { Sid: 'ManagementAccountWithMfa', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole', Condition: MFA },
    ]);
  });

  it('role_create_accounts: creates and tracks accounts, and can neither close, remove nor move one', () => {
    const doc = createAccountsRolePolicy({ managementAccountId: '111111111111' });
    const actions = doc.Statement.flatMap(actionsOf);
    expect(actions).toContain('organizations:CreateAccount');
    for (const forbidden of ['organizations:CloseAccount', 'organizations:RemoveAccountFromOrganization', 'organizations:MoveAccount', 'organizations:DeleteOrganizationalUnit']) {
      expect(actions).not.toContain(forbidden);
    }
    expect(actions.filter((a) => a.endsWith('*'))).toEqual([]);
    expect(statement(doc, 'DescribeAndTagOrganizationAccounts').Resource).toBe('arn:aws:organizations::111111111111:account/o-*/*');
    expect(statement(doc, 'CreateAndTrackAccounts').Action).not.toContain('organizations:DescribeAccount');
    expect(statement(doc, 'NoTagsOnManagementAccount')).toMatchObject({ Effect: 'Deny', Resource: 'arn:aws:organizations::111111111111:account/o-*/111111111111' });
    expect(statement(doc, 'OrganizationsServiceLinkedRole').Condition).toEqual({ StringEquals: { 'iam:AWSServiceName': 'organizations.amazonaws.com' } });
  });
});
