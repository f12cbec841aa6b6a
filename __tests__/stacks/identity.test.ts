import { IamAccountPasswordPolicy } from '@cdktf/provider-aws/lib/iam-account-password-policy';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { exampleYaml } from '../helpers/example';
import { synthYaml } from '../helpers/synth';
import { MFA_PRESENT, asList, policyOf, remoteId, remoteIdExpression, resourcesOf } from './stack-json';
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
    const stack = synthYaml(withIds).json.identity;
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

  it('lets each group assume the role in exactly its accounts, with MFA and the MFA age limit', () => {
    expect(groupPolicies(json, 'developers').accounts).toEqual([remoteId('ACCOUNT02')]);
    expect(groupPolicies(json, 'auditors').accounts).toEqual(['333333333333', remoteId('ACCOUNT01'), remoteId('Logging')].sort());
    expect(groupPolicies(json, 'admins').accounts).toEqual(['333333333333', remoteId('ACCOUNT01'), remoteId('ACCOUNT02'), remoteId('Logging')].sort());
    for (const group of ['admins', 'developers', 'auditors']) {
      const { docs } = groupPolicies(json, group);
      expect(docs).toHaveLength(1);
      expect(docs[0].Statement).toEqual([
        {
          Sid: 'AssumeCrossAccountRole',
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Resource: 'arn:aws:iam::*:role/OrganizationAccountAccessRole',
          Condition: { ...MFA_PRESENT, NumericLessThanEquals: { 'aws:MultiFactorAuthAge': '43200' }, StringEquals: expect.any(Object) },
        },
      ]);
      expect(resourcesOf(json, 'aws_iam_group_policy_attachment')[`group_${group}_assume_1`].group).toBe(`\${aws_iam_group.group_${group}.name}`);
    }
  });

  it('lists literal ids where the config gives them, and leaves retired accounts out of "*"', () => {
    const yaml = withIds.replace('    id: "444444444442"\n', '    id: "444444444442"\n    retired: true\n').replace('accounts: [ACCOUNT02]', 'accounts: [ACCOUNT01]');
    const stack = synthYaml(yaml).json.identity;
    expect(groupPolicies(stack, 'admins').accounts).toEqual(['333333333333', '444444444441', '444444444444']);
    expect(groupPolicies(stack, 'developers').accounts).toEqual(['444444444441']);
  });

  it('omits the MFA age without mfaMaxAgeSeconds, and MFA itself when requireMfa is false', () => {
    const noAge = synthYaml(exampleYaml().replace('  mfaMaxAgeSeconds: 43200\n', '')).json.identity;
    expect(groupPolicies(noAge, 'admins').docs[0].Statement[0].Condition).toEqual({ ...MFA_PRESENT, StringEquals: expect.any(Object) });
    const noMfa = synthYaml(exampleYaml().replace('  requireMfa: true\n  mfaMaxAgeSeconds: 43200\n', '  requireMfa: false\n')).json.identity;
    expect(groupPolicies(noMfa, 'admins').docs[0].Statement[0].Condition).toEqual({ StringEquals: expect.any(Object) });
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
