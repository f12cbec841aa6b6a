import { IamAccountPasswordPolicy } from '@cdktf/provider-aws/lib/iam-account-password-policy';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { exampleYaml } from '../helpers/example';
import { synthYaml } from '../helpers/synth';
import { MFA_PRESENT, REMOTE_ORG_ID, asList, policyOf, remoteId, remoteIdExpression, remoteOuPath, resourcesOf } from './stack-json';
import type { PolicyDocument } from '../../policies/document';

const example = synthYaml(exampleYaml());
const json = example.json.identity;

/** The aws:ResourceAccount values of a group's assume policies, and the documents. */
function groupPolicies(stack: typeof json, group: string): { accounts: string[]; docs: PolicyDocument[] } {
  const policies = Object.entries(resourcesOf(stack, 'aws_iam_policy')).filter(([k]) => k.startsWith(`group_${group}_assume_`));
  const docs = policies.map(([, p]) => policyOf(p.policy));
  const accounts = docs.flatMap((d) => d.Statement.flatMap((s) => asList(s.Condition?.StringEquals?.['aws:ResourceAccount'])));
  return { accounts: accounts.sort(), docs };
}

/** The example with every account id given, so policies hold literal ids. */
const withIds = exampleYaml()
  .replace('  ou: Security\n', '  ou: Security\n  id: "222222222222"\n')
  .replace('    ou: Workloads/Prod\n    tags', '    id: "444444444441"\n    ou: Workloads/Prod\n    tags')
  .replace('    ou: Workloads/Dev\n', '    id: "444444444442"\n    ou: Workloads/Dev\n')
  .replace('    ou: Security\n    iamUser', '    id: "444444444444"\n    ou: Security\n    iamUser');

describe('identity stack', () => {
  it('runs on a provider that assumes the cross-account role in the identity account (id from the management stack)', () => {
    expect(json.provider.aws).toEqual([
      { region: 'us-east-1', assume_role: [{ role_arn: `arn:aws:iam::${remoteIdExpression('IAM')}:role/OrganizationAccountAccessRole`, session_name: 'org-trust' }] },
    ]);
    expect(json.data.terraform_remote_state.management).toBeDefined();
  });

  it('takes the identity account id from the config when given, and then reads no other state', () => {
    // Named accounts only, organization.id given: nothing to read from the management stack.
    const namedOnly = withIds
      .replace('  managementAccountId: "111111111111"\n', '  managementAccountId: "111111111111"\n  id: o-a1b2c3d4e5\n')
      .replace('ous: [Workloads/Dev]', 'accounts: [ACCOUNT02]');
    const stack = synthYaml(namedOnly).json.identity;
    expect(example.text.identity).toHaveProvider(AwsProvider);
    expect(stack.provider.aws[0].assume_role[0].role_arn).toBe('arn:aws:iam::222222222222:role/OrganizationAccountAccessRole');
    expect(stack.data).toBeUndefined();
  });

  it('uses crossAccountRoleName for the provider and the group policies', () => {
    const stack = synthYaml(exampleYaml().replace('crossAccountRoleName: OrganizationAccountAccessRole', 'crossAccountRoleName: OrgAdmin')).json.identity;
    expect(stack.provider.aws[0].assume_role[0].role_arn).toMatch(/:role\/OrgAdmin$/);
    expect(groupPolicies(stack, 'admins').docs[0].Statement[0].Resource).toBe('arn:aws:iam::*:role/OrgAdmin');
  });

  it('sets the default password policy', () => {
    expect(example.text.identity).toHaveResourceWithProperties(IamAccountPasswordPolicy, {
      minimum_password_length: 14,
      require_uppercase_characters: true,
      require_lowercase_characters: true,
      require_numbers: true,
      require_symbols: true,
      allow_users_to_change_password: true,
      password_reuse_prevention: 24,
      hard_expiry: false,
    });
    // No expiry by default: an expired password cannot be reset at sign-in without MFA.
    expect(resourcesOf(example.json.identity, 'aws_iam_account_password_policy').password_policy.max_password_age).toBeUndefined();
  });

  it('sets a configured password policy', () => {
    const yaml = exampleYaml().replace('  requireMfa: true\n', '  requireMfa: true\n  passwordPolicy: { minimumLength: 24, requireSymbols: false, maxAgeDays: 30, reusePrevention: 5, hardExpiry: true }\n');
    const policy = resourcesOf(synthYaml(yaml).json.identity, 'aws_iam_account_password_policy').password_policy;
    expect(policy).toMatchObject({ minimum_password_length: 24, require_symbols: false, max_password_age: 30, password_reuse_prevention: 5, hard_expiry: true, require_numbers: true });
  });

  it('creates each configured group and the MFA self-service group with its policy', () => {
    const groups = resourcesOf(json, 'aws_iam_group');
    expect(Object.values(groups).map((g) => g.name).sort()).toEqual(['admins', 'auditors', 'developers', 'mfa-self-service']);
    const selfService = policyOf(resourcesOf(json, 'aws_iam_policy').group_mfa_self_service.policy);
    expect(selfService.Statement.find((s) => s.Sid === 'DenyAllExceptListedIfNoMFA')?.Condition).toEqual({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } });
    expect(resourcesOf(json, 'aws_iam_group_policy_attachment').group_mfa_self_service).toEqual({
      group: '${aws_iam_group.group_mfa_self_service.name}',
      policy_arn: '${aws_iam_policy.group_mfa_self_service.arn}',
    });
  });

  const AGE = { NumericLessThanEquals: { 'aws:MultiFactorAuthAge': '43200' } };
  const statement = (Sid: string, scope: object) => ({
    Sid,
    Effect: 'Allow',
    Action: 'sts:AssumeRole',
    Resource: 'arn:aws:iam::*:role/OrganizationAccountAccessRole',
    Condition: { ...MFA_PRESENT, ...AGE, ...scope },
  });

  it('lets a group on "*" assume the role in every account of the organization but the identity and management accounts', () => {
    const { docs } = groupPolicies(json, 'admins');
    expect(docs).toHaveLength(1);
    expect(docs[0].Statement).toEqual([
      statement('AssumeCrossAccountRoleInOrganization', {
        StringEquals: { 'aws:ResourceOrgID': REMOTE_ORG_ID },
        StringNotEquals: { 'aws:ResourceAccount': [remoteId('IAM'), '111111111111'] },
      }),
    ]);
  });

  it('lets a group by OU assume the role in every account of the OU and below, by organization path', () => {
    const { docs } = groupPolicies(json, 'developers');
    expect(docs).toHaveLength(1);
    expect(docs[0].Statement).toEqual([
      statement('AssumeCrossAccountRoleInOus', {
        'ForAnyValue:StringLike': { 'aws:ResourceOrgPaths': [`${remoteOuPath('workloads_dev')}*`] },
        StringNotEquals: { 'aws:ResourceAccount': [remoteId('IAM'), '111111111111'] },
      }),
    ]);
  });

  it('lets a group of named accounts assume the role in exactly those, by account id', () => {
    const { docs, accounts } = groupPolicies(json, 'auditors');
    expect(accounts).toEqual(['333333333333', remoteId('ACCOUNT01'), remoteId('Logging')].sort());
    expect(docs).toHaveLength(1);
    expect(docs[0].Statement).toEqual([statement('AssumeCrossAccountRole', { StringEquals: { 'aws:ResourceAccount': expect.arrayContaining(accounts) } })]);
    for (const group of ['admins', 'developers', 'auditors']) {
      expect(resourcesOf(json, 'aws_iam_group_policy_attachment')[`group_${group}_assume_1`].group).toBe(`\${aws_iam_group.group_${group}.name}`);
    }
  });

  it('combines OUs and named accounts in one group: an OU policy, then the accounts', () => {
    const yaml = exampleYaml().replace('ous: [Workloads/Dev]', 'ous: [Workloads/Dev, Security]\n      accounts: [ACCOUNT03]');
    const { docs } = groupPolicies(synthYaml(yaml).json.identity, 'developers');
    expect(docs.map((d) => d.Statement[0].Sid)).toEqual(['AssumeCrossAccountRoleInOus', 'AssumeCrossAccountRole']);
    expect(docs[0].Statement[0].Condition?.['ForAnyValue:StringLike']).toEqual({ 'aws:ResourceOrgPaths': [`${remoteOuPath('security')}*`, `${remoteOuPath('workloads_dev')}*`] });
    expect(docs[1].Statement[0].Condition?.StringEquals).toEqual({ 'aws:ResourceAccount': ['333333333333'] });
  });

  it('uses a configured organization.id as a literal; leaves retired accounts out of "*" and OU groups by id', () => {
    const yaml = withIds
      .replace('  managementAccountId: "111111111111"\n', '  managementAccountId: "111111111111"\n  id: o-a1b2c3d4e5\n')
      .replace('    id: "444444444442"\n', '    id: "444444444442"\n    retired: true\n');
    const stack = synthYaml(yaml).json.identity;
    const [admins] = groupPolicies(stack, 'admins').docs;
    expect(admins.Statement[0].Condition?.StringEquals).toEqual({ 'aws:ResourceOrgID': 'o-a1b2c3d4e5' });
    const excluded = { 'aws:ResourceAccount': ['111111111111', '222222222222', '444444444442'] };
    expect(admins.Statement[0].Condition?.StringNotEquals).toEqual(excluded);
    expect(groupPolicies(stack, 'developers').docs[0].Statement[0].Condition?.StringNotEquals).toEqual(excluded);
    expect(groupPolicies(stack, 'auditors').accounts).toEqual(['333333333333', '444444444441', '444444444444']);
  });

  it('omits the MFA age without mfaMaxAgeSeconds, and MFA itself when requireMfa is false', () => {
    const noAge = synthYaml(exampleYaml().replace('  mfaMaxAgeSeconds: 43200\n', '')).json.identity;
    expect(groupPolicies(noAge, 'admins').docs[0].Statement[0].Condition).toEqual({ ...MFA_PRESENT, StringEquals: expect.any(Object), StringNotEquals: expect.any(Object) });
    const noMfa = synthYaml(exampleYaml().replace('  requireMfa: true\n  mfaMaxAgeSeconds: 43200\n', '  requireMfa: false\n')).json.identity;
    expect(groupPolicies(noMfa, 'auditors').docs[0].Statement[0].Condition).toEqual({ StringEquals: expect.any(Object) });
  });

  it('creates each user once, with no access keys or passwords, in its groups and mfa-self-service', () => {
    expect(Object.values(resourcesOf(json, 'aws_iam_user')).map((u) => u.name).sort()).toEqual(['alice', 'bob', 'carol', 'dave']);
    expect(json.resource.aws_iam_access_key).toBeUndefined();
    expect(json.resource.aws_iam_user_login_profile).toBeUndefined();
    const memberships = resourcesOf(json, 'aws_iam_user_group_membership');
    expect(memberships.user_bob).toMatchObject({ user: '${aws_iam_user.user_bob.name}', groups: ['admins', 'developers', 'mfa-self-service'] });
    expect(memberships.user_dave.groups).toEqual(['auditors', 'mfa-self-service']);
    expect(memberships.user_alice.groups).toEqual(['admins', 'mfa-self-service']);
  });
});
