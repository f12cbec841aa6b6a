import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { parseConfig } from '../../config/load-config';
import { generateOrgYaml } from '../../fixtures/generate-org';
import { exampleYaml } from '../helpers/example';
import { synthConfig, synthYaml } from '../helpers/synth';
import { MFA_PRESENT, policyOf, remoteId, remoteIdExpression, resourcesOf } from './stack-json';

const example = synthYaml(exampleYaml());
const json = example.json['trust-1'];
const MEMBERS = { account01: 'ACCOUNT01', account02: 'ACCOUNT02', account03: 'ACCOUNT03', logging: 'Logging' } as const;

describe('trust stacks: example org', () => {
  it('puts the four member accounts in trust-1', () => {
    expect(Object.keys(example.json).sort()).toEqual(['identity', 'management', 'trust-1']);
  });

  it('has one provider alias per member assuming arn:aws:iam::ID:role/<crossAccountRoleName>, and no default provider', () => {
    const providers = json.provider.aws as { alias?: string; assume_role: { role_arn: string }[]; region: string }[];
    expect(providers.map((p) => p.alias)).toEqual(Object.keys(MEMBERS).map((k) => `member_${k}`));
    const arns = Object.fromEntries(providers.map((p) => [p.alias, p.assume_role[0].role_arn]));
    expect(arns).toEqual({
      member_account01: `arn:aws:iam::${remoteIdExpression('ACCOUNT01')}:role/OrganizationAccountAccessRole`,
      member_account02: `arn:aws:iam::${remoteIdExpression('ACCOUNT02')}:role/OrganizationAccountAccessRole`,
      member_account03: 'arn:aws:iam::333333333333:role/OrganizationAccountAccessRole',
      member_logging: `arn:aws:iam::${remoteIdExpression('Logging')}:role/OrganizationAccountAccessRole`,
    });
    for (const p of providers) expect(p.region).toBe('us-east-1');
  });

  it('manages only the trust policy of the imported role: no inline or managed policies, prevent_destroy', () => {
    const roles = resourcesOf(json, 'aws_iam_role');
    expect(Object.keys(roles)).toEqual(Object.keys(MEMBERS).map((k) => `member_${k}`));
    for (const [key, role] of Object.entries(roles)) {
      expect(Object.keys(role).sort()).toEqual(['assume_role_policy', 'lifecycle', 'name', 'provider']);
      expect(role).toMatchObject({ name: 'OrganizationAccountAccessRole', provider: `aws.${key}`, lifecycle: { prevent_destroy: true } });
      // Only the trust policy is managed: what someone set by hand on the role is left alone.
      expect(role.lifecycle.ignore_changes).toEqual(['description', 'max_session_duration', 'permissions_boundary', 'tags']);
    }
    expect(example.text['trust-1']).toHaveResourceWithProperties(IamRole, { provider: 'aws.member_logging', name: 'OrganizationAccountAccessRole' });
    expect(json.resource.aws_iam_role_policy).toBeUndefined();
    expect(json.resource.aws_iam_role_policy_attachment).toBeUndefined();
  });

  it('trusts the management root without conditions and identity-account users with MFA (and its age limit)', () => {
    for (const role of Object.values(resourcesOf(json, 'aws_iam_role'))) {
      expect(policyOf(role.assume_role_policy).Statement).toEqual([
        { Sid: 'ManagementAccount', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole' },
        {
          Sid: 'IdentityAccount',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${remoteId('IAM')}:root` },
          Action: 'sts:AssumeRole',
          Condition: {
            ...MFA_PRESENT,
            NumericLessThanEquals: { 'aws:MultiFactorAuthAge': '43200' },
            ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${remoteId('IAM')}:user/*` },
          },
        },
      ]);
    }
  });

  it('imports each role through its own provider alias, by role name', () => {
    expect(json.import).toEqual(
      Object.keys(MEMBERS).map((k) => ({ to: `aws_iam_role.member_${k}`, id: 'OrganizationAccountAccessRole', provider: `aws.member_${k}` })),
    );
  });
});

describe('trust stacks: config variants', () => {
  const base = exampleYaml().replace('  ou: Security\n', '  ou: Security\n  id: "222222222222"\n');

  const usersOnly = { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::222222222222:user/*' } };

  it('does not gate the identity statement with MFA when requireMfa is false, but still admits users only', () => {
    const stack = synthYaml(base.replace('  requireMfa: true\n  mfaMaxAgeSeconds: 43200\n', '  requireMfa: false\n')).json['trust-1'];
    for (const role of Object.values(resourcesOf(stack, 'aws_iam_role'))) {
      const [management, identity] = policyOf(role.assume_role_policy).Statement;
      expect(management.Condition).toBeUndefined();
      expect(identity).toEqual({
        Sid: 'IdentityAccount',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::222222222222:root' },
        Action: 'sts:AssumeRole',
        Condition: usersOnly,
      });
    }
  });

  it('gates with MFA but no age when mfaMaxAgeSeconds is unset', () => {
    const stack = synthYaml(base.replace('  mfaMaxAgeSeconds: 43200\n', '')).json['trust-1'];
    const identity = policyOf(stack.resource.aws_iam_role.member_account01.assume_role_policy).Statement[1];
    expect(identity.Condition).toEqual({ ...MFA_PRESENT, ...usersOnly });
  });

  it('uses a custom crossAccountRoleName for provider, role and import id', () => {
    const stack = synthYaml(base.replace('crossAccountRoleName: OrganizationAccountAccessRole', 'crossAccountRoleName: OrgAdmin')).json['trust-1'];
    expect(stack.provider.aws[2].assume_role[0].role_arn).toBe('arn:aws:iam::333333333333:role/OrgAdmin');
    expect(stack.resource.aws_iam_role.member_account03.name).toBe('OrgAdmin');
    expect(stack.import.map((i: { id: string }) => i.id)).toEqual(['OrgAdmin', 'OrgAdmin', 'OrgAdmin', 'OrgAdmin']);
  });

  it('forgets the role of a retired account (removed block, destroy = false) and keeps its provider', () => {
    const stack = synthYaml(base.replace('    ou: Workloads/Dev\n', '    ou: Workloads/Dev\n    id: "444444444402"\n    retired: true\n').replace('accounts: [ACCOUNT02]', 'accounts: [ACCOUNT01]')).json['trust-1'];
    expect(stack.resource.aws_iam_role.member_account02).toBeUndefined();
    expect(stack.removed).toEqual([{ from: 'aws_iam_role.member_account02', lifecycle: { destroy: false } }]);
    expect(stack.provider.aws.map((p: { alias: string }) => p.alias)).toContain('member_account02');
    expect(stack.import.map((i: { to: string }) => i.to)).not.toContain('aws_iam_role.member_account02');
  });
});

describe('trust stacks: sharding', () => {
  const result = synthConfig(parseConfig(generateOrgYaml({ members: 25, shardSize: 10 })));

  it('splits 25 members with shardSize 10 into trust-1..3 holding 10, 10 and 5 accounts', () => {
    expect(Object.keys(result.json).sort()).toEqual(['identity', 'management', 'trust-1', 'trust-2', 'trust-3']);
    const counts = ['trust-1', 'trust-2', 'trust-3'].map((s) => [
      result.json[s].provider.aws.length,
      Object.keys(resourcesOf(result.json[s], 'aws_iam_role')).length,
      result.json[s].import.length,
    ]);
    expect(counts).toEqual([
      [10, 10, 10],
      [10, 10, 10],
      [5, 5, 5],
    ]);
  });

  it('places every member in exactly one trust stack', () => {
    const aliases = ['trust-1', 'trust-2', 'trust-3'].flatMap((s) => result.json[s].provider.aws.map((p: { alias: string }) => p.alias));
    expect(aliases).toHaveLength(25);
    expect(new Set(aliases)).toEqual(new Set(result.config.accounts.map((a) => `member_${a.key}`)));
  });
});
