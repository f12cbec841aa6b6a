import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { IamUserGroupMembership } from '@cdktf/provider-aws/lib/iam-user-group-membership';
import { OrganizationsAccount } from '@cdktf/provider-aws/lib/organizations-account';
import { OrganizationsOrganizationalUnit } from '@cdktf/provider-aws/lib/organizations-organizational-unit';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { exampleYaml } from '../helpers/example';
import { synthYaml } from '../helpers/synth';
import { MFA_PRESENT, actionsOf, asList, policyOf, resourcesOf } from './stack-json';

const example = synthYaml(exampleYaml());
const json = example.json.management;
const text = example.text.management;
const ROOT_ID = '${data.aws_organizations_organization.this.roots[0].id}';
const ouId = (key: string) => `\${aws_organizations_organizational_unit.ou_${key}.id}`;

describe('management stack: organization', () => {
  it('snapshot of the example', () => {
    expect(text).toMatchSnapshot();
  });

  it('runs on the default provider (management credentials), no assume-role, no alias', () => {
    expect(json.provider.aws).toEqual([{ region: 'us-east-1' }]);
    expect(text).toHaveProvider(AwsProvider);
  });

  it('nests OUs under the organization root by parent_id references, each protected', () => {
    const ous = resourcesOf(json, 'aws_organizations_organizational_unit');
    expect(Object.keys(ous).sort()).toEqual(['ou_security', 'ou_workloads', 'ou_workloads_dev', 'ou_workloads_prod']);
    expect(ous.ou_security).toEqual({ name: 'Security', parent_id: ROOT_ID, lifecycle: { prevent_destroy: true } });
    expect(ous.ou_workloads.parent_id).toBe(ROOT_ID);
    expect(ous.ou_workloads_prod).toMatchObject({ name: 'Prod', parent_id: ouId('workloads') });
    expect(ous.ou_workloads_dev).toMatchObject({ name: 'Dev', parent_id: ouId('workloads') });
    expect(text).toHaveResourceWithProperties(OrganizationsOrganizationalUnit, { name: 'Dev', parent_id: ouId('workloads') });
  });

  it('declares the identity account and every member account with the runbook settings', () => {
    const accounts = resourcesOf(json, 'aws_organizations_account');
    expect(Object.keys(accounts).sort()).toEqual(['account_account01', 'account_account02', 'account_account03', 'account_iam', 'account_logging']);
    // Tags are managed only where the config gives some: an imported account keeps its own.
    const lifecycle = { prevent_destroy: true, ignore_changes: ['role_name', 'iam_user_access_to_billing'] };
    const lifecycleWithoutTags = { prevent_destroy: true, ignore_changes: ['role_name', 'iam_user_access_to_billing', 'tags'] };
    expect(accounts.account_account01).toEqual({
      name: 'ACCOUNT01',
      email: 'aws-account01@example.com',
      role_name: 'OrganizationAccountAccessRole',
      iam_user_access_to_billing: 'ALLOW',
      parent_id: ouId('workloads_prod'),
      close_on_deletion: false,
      tags: { CostCenter: '42' },
      lifecycle,
    });
    expect(accounts.account_iam).toMatchObject({ name: 'IAM', email: 'aws-iam@example.com', parent_id: ouId('security'), lifecycle: lifecycleWithoutTags });
    expect(accounts.account_logging).toMatchObject({ iam_user_access_to_billing: 'DENY', parent_id: ouId('security') });
    expect(accounts.account_account02.parent_id).toBe(ouId('workloads_dev'));
    for (const account of Object.values(accounts)) {
      expect(account.close_on_deletion).toBe(false);
      expect(account.lifecycle).toEqual(account.tags ? lifecycle : lifecycleWithoutTags);
      expect(account.role_name).toBe('OrganizationAccountAccessRole');
    }
    expect(accounts.account_account02.tags).toBeUndefined();
  });

  it('imports exactly the accounts that have an id, and creates the others', () => {
    expect(json.import).toEqual([{ to: 'aws_organizations_account.account_account03', id: '333333333333' }]);
  });

  it('imports an OU that has an id (an organization older than this tool) and creates the others', () => {
    const withOuId = synthYaml(exampleYaml().replace('        - name: Prod\n', '        - name: Prod\n          id: ou-ab12-cd34ef56\n')).json.management;
    const ouImports = withOuId.import.filter((i: { to: string }) => i.to.startsWith('aws_organizations_organizational_unit.'));
    expect(ouImports).toEqual([{ to: 'aws_organizations_organizational_unit.ou_workloads_prod', id: 'ou-ab12-cd34ef56' }]);
    expect(withOuId.resource.aws_organizations_organizational_unit.ou_workloads_prod.lifecycle).toEqual({ prevent_destroy: true });
    expect(json.import.filter((i: { to: string }) => i.to.startsWith('aws_organizations_organizational_unit.'))).toEqual([]);
  });

  it('outputs every account id by account name', () => {
    expect(json.output.account_ids.value).toEqual({
      ACCOUNT01: '${aws_organizations_account.account_account01.id}',
      ACCOUNT02: '${aws_organizations_account.account_account02.id}',
      ACCOUNT03: '${aws_organizations_account.account_account03.id}',
      IAM: '${aws_organizations_account.account_iam.id}',
      Logging: '${aws_organizations_account.account_logging.id}',
    });
  });
});

describe('management stack: account_ids keeps every name', () => {
  // cdktf copies an output's value into plain objects, where "__proto__" set the prototype and
  // vanished, while the trust stack and the identity policies read account_ids["__proto__"].
  const names = ['__proto__', 'constructor', 'hasOwnProperty'];
  const input = exampleYaml().replace('accounts:\n', `accounts:\n${names.map((n, i) => `  - name: ${n}\n    email: special${i}@example.com\n`).join('')}`);
  const special = synthYaml(input);

  it.each(names)('an account named %s is in the output, as its own key (the JSON text says so too)', (name) => {
    const ids = special.json.management.output.account_ids.value as Record<string, string>;
    expect(Object.prototype.hasOwnProperty.call(ids, name)).toBe(true);
    expect(ids[name]).toMatch(/^\$\{aws_organizations_account\.account_[a-z_]+\.id\}$/);
    expect(special.text.management).toContain(`"${name}": "\${aws_organizations_account.`);
    expect(JSON.stringify(special.json['trust-1'])).toContain(`account_ids[\\"${name}\\"]`);
  });

  it('writes the same value as cdktf for every other name, in the same order', () => {
    const ids = special.json.management.output.account_ids.value as Record<string, string>;
    const plain = Object.fromEntries(Object.entries(ids).filter(([n]) => !names.includes(n)));
    expect(plain).toEqual(json.output.account_ids.value);
  });
});

describe('management stack: config variants', () => {
  const variant = synthYaml(
    exampleYaml()
      .replace('crossAccountRoleName: OrganizationAccountAccessRole', 'crossAccountRoleName: OrgAdmin\n  id: o-abc123defg')
      .replace('  ou: Security\n', '  ou: Security\n  id: "222222222222"\n')
      .replace('    iamUserAccessToBilling: DENY', '    iamUserAccessToBilling: DENY\n    closeOnDeletion: true')
      .replace('    ou: Workloads/Dev\n', '    ou: Workloads/Dev\n    id: "444444444402"\n    retired: true\n')
      .replace('accounts: [ACCOUNT02]', 'accounts: [ACCOUNT01]'),
  ).json.management;
  const accounts = resourcesOf(variant, 'aws_organizations_account');

  it('passes crossAccountRoleName as role_name and honours closeOnDeletion', () => {
    expect(accounts.account_account01.role_name).toBe('OrgAdmin');
    expect(accounts.account_logging.close_on_deletion).toBe(true);
    expect(accounts.account_account01.close_on_deletion).toBe(false);
  });

  it('imports the identity account when it has an id', () => {
    expect(variant.import).toContainEqual({ to: 'aws_organizations_account.account_iam', id: '222222222222' });
    expect(variant.import).toHaveLength(2);
  });

  it('forgets a retired account without closing it: no resource, no output, a removed block', () => {
    expect(accounts.account_account02).toBeUndefined();
    expect(variant.output.account_ids.value.ACCOUNT02).toBeUndefined();
    expect(variant.removed).toEqual([{ from: 'aws_organizations_account.account_account02', lifecycle: { destroy: false } }]);
  });

  it('scopes group_orgs_crossaccount to the configured organization id and role', () => {
    const doc = policyOf(resourcesOf(variant, 'aws_iam_policy').group_orgs_crossaccount.policy);
    expect(doc.Statement[0].Resource).toBe('arn:aws:iam::*:role/OrgAdmin');
    expect(doc.Statement[0].Condition?.StringEquals).toEqual({ 'aws:ResourceOrgID': 'o-abc123defg' });
  });
});

describe('management stack: runbook IAM', () => {
  const policies = resourcesOf(json, 'aws_iam_policy');
  const attachments = resourcesOf(json, 'aws_iam_group_policy_attachment');

  it('creates the group with the three policies attached', () => {
    expect(text).toHaveResourceWithProperties(IamGroup, { name: 'crossaccount-admins' });
    expect(Object.keys(policies).sort()).toEqual(['group_create_aws_accounts', 'group_mfa_self_service', 'group_orgs_crossaccount']);
    for (const name of Object.keys(policies)) {
      expect(policies[name].name).toBe(name);
      expect(attachments[name]).toEqual({ group: '${aws_iam_group.management_group.name}', policy_arn: `\${aws_iam_policy.${name}.arn}` });
    }
  });

  it('group_orgs_crossaccount: AssumeRole into the cross-account role of this organization only (the caller\'s own), with MFA', () => {
    const doc = policyOf(policies.group_orgs_crossaccount.policy);
    expect(doc.Statement).toEqual([
      {
        Sid: 'AssumeCrossAccountRoleInOrganization',
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: 'arn:aws:iam::*:role/OrganizationAccountAccessRole',
        // No organization.id in the example: the caller's own organization, as a policy variable.
        Condition: { ...MFA_PRESENT, StringEquals: { 'aws:ResourceOrgID': '${aws:PrincipalOrgID}' } },
      },
    ]);
    // Escaped for Terraform, which would otherwise read it as an interpolation.
    expect(policies.group_orgs_crossaccount.policy).toContain('"aws:ResourceOrgID":"$${aws:PrincipalOrgID}"');
  });

  it('group_create_aws_accounts: AssumeRole into assumerole_create_account, with MFA', () => {
    const doc = policyOf(policies.group_create_aws_accounts.policy);
    expect(doc.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: 'arn:aws:iam::111111111111:role/assumerole_create_account',
        Condition: MFA_PRESENT,
      }),
    ]);
  });

  it('assumerole_create_account is trusted by the management account root, with MFA', () => {
    expect(text).toHaveResourceWithProperties(IamRole, { name: 'assumerole_create_account' });
    const role = resourcesOf(json, 'aws_iam_role').create_account_role;
    const trust = policyOf(role.assume_role_policy);
    expect(trust.Statement).toHaveLength(1);
    expect(trust.Statement[0]).toMatchObject({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole', Condition: MFA_PRESENT });
    expect(role.managed_policy_arns).toBeUndefined();
  });

  it('role_create_accounts: creates and tracks accounts, and cannot close, remove or move them', () => {
    const rolePolicy = resourcesOf(json, 'aws_iam_role_policy').role_create_accounts;
    expect(rolePolicy).toMatchObject({ name: 'role_create_accounts', role: '${aws_iam_role.create_account_role.name}' });
    const doc = policyOf(rolePolicy.policy);
    const actions = actionsOf(doc);
    expect(actions).toEqual(expect.arrayContaining(['organizations:CreateAccount', 'organizations:DescribeCreateAccountStatus', 'iam:CreateServiceLinkedRole']));
    for (const action of actions) {
      expect(action).not.toContain('*');
      expect(action).not.toMatch(/Close|Remove|Move|Delete|Leave|Policy|OrganizationalUnit|Invite|Attach|Detach/);
    }
    // One Deny: no tags on the management account itself; no NotAction anywhere.
    expect(doc.Statement.filter((s) => s.Effect !== 'Allow').map((s) => s.Sid)).toEqual(['NoTagsOnManagementAccount']);
    expect(doc.Statement.every((s) => s.NotAction === undefined)).toBe(true);
    const slr = doc.Statement.find((s) => asList(s.Action as string).includes('iam:CreateServiceLinkedRole'));
    expect(slr?.Condition).toEqual({ StringEquals: { 'iam:AWSServiceName': 'organizations.amazonaws.com' } });
  });

  it('every human path to a role requires MFA', () => {
    for (const name of ['group_orgs_crossaccount', 'group_create_aws_accounts']) {
      for (const s of policyOf(policies[name].policy).Statement) expect(s.Condition).toMatchObject(MFA_PRESENT);
    }
  });

  it('creates users without access keys or console passwords, members of the group', () => {
    expect(text).toHaveResourceWithProperties(IamUser, { name: 'user1' });
    expect(text).toHaveResourceWithProperties(IamUserGroupMembership, { user: '${aws_iam_user.user_user1.name}', groups: ['crossaccount-admins'] });
    expect(Object.keys(resourcesOf(json, 'aws_iam_user'))).toEqual(['user_user1']);
    expect(json.resource.aws_iam_access_key).toBeUndefined();
    expect(json.resource.aws_iam_user_login_profile).toBeUndefined();
  });

  it('MFA self-service: enrol a device without MFA, manage own credentials only with MFA', () => {
    const raw: string = policies.group_mfa_self_service.policy;
    // ${aws:username} is an IAM variable: Terraform must receive it escaped.
    expect(raw).toContain('arn:aws:iam::*:user/$${aws:username}');
    expect(raw).not.toMatch(/(?<!\$)\$\{aws:/);
    const doc = policyOf(raw);
    const deny = doc.Statement.find((s) => s.Sid === 'DenyAllExceptListedIfNoMFA');
    expect(deny).toMatchObject({ Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } });
    expect(deny?.NotAction).toEqual(expect.arrayContaining(['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'sts:GetSessionToken']));
    expect(deny?.NotAction).not.toContain('iam:CreateAccessKey');
    expect(deny?.NotAction).not.toContain('iam:ChangePassword');
    const credentials = doc.Statement.find((s) => asList(s.Action as string[]).includes('iam:CreateAccessKey'));
    expect(credentials).toMatchObject({ Resource: 'arn:aws:iam::*:user/${aws:username}', Condition: MFA_PRESENT });
  });

  it('does not create the organization itself or touch OrganizationAccountAccessRole here', () => {
    expect(text).toHaveResource(OrganizationsAccount);
    expect(json.resource.aws_organizations_organization).toBeUndefined();
    expect(Object.values(resourcesOf(json, 'aws_iam_role')).map((r) => r.name)).toEqual(['assumerole_create_account']);
  });
});

describe('management stack: password policy', () => {
  it('the management account gets the same CIS defaults as the identity account', () => {
    const json = synthYaml(exampleYaml()).json;
    const policy = (stack: string) => json[stack].resource.aws_iam_account_password_policy.password_policy;
    expect(policy('management')).toEqual(policy('identity'));
    expect(policy('management')).toMatchObject({ minimum_password_length: 14, password_reuse_prevention: 24, require_symbols: true });
  });

  it('management.passwordPolicy is its own: a longer minimum there leaves the identity account as it was', () => {
    const yaml = exampleYaml().replace(/^management:\n/m, 'management:\n  passwordPolicy: { minimumLength: 20 }\n');
    const json = synthYaml(yaml).json;
    expect(json.management.resource.aws_iam_account_password_policy.password_policy.minimum_password_length).toBe(20);
    expect(json.identity.resource.aws_iam_account_password_policy.password_policy.minimum_password_length).toBe(14);
  });
});
