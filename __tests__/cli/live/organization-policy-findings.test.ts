import { organizationPolicyFindings } from '../../../cli/live/organization-policy-findings';
import type { LiveContext, MatchedAccount } from '../../../cli/live/live-context';
import type { AttachedScp, OrganizationPolicyType, ScpReader } from '../../../cli/live/scp-reader';
import { AwsCallError } from '../../../cli/live/aws-error';

/**
 * SCPs and RCPs on the way to a member role, as preflight judges them: a Deny that holds
 * blocks, an undecidable one is not checked, an allow-list level without an Allow blocks, and
 * a policy type that cannot be read is not checked. Never "ok" for what was not seen.
 */
const ROLE = 'OrganizationAccountAccessRole';
const ctx = { config: { organization: { memberRoleName: ROLE } }, org: { id: 'o-abc' } } as unknown as LiveContext;
const m = { account: { name: 'Prod' }, id: '333333333333', live: { id: '333333333333' } } as unknown as MatchedAccount;
const FULL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const policy = (target: string, document: unknown, name = 'p'): AttachedScp => ({ name, id: `p-${name}`, target, document });
const reader = (byType: Partial<Record<OrganizationPolicyType, AttachedScp[] | Error>>) =>
  ({
    forAccount: async (_a: unknown, type: OrganizationPolicyType) => {
      const v = byType[type] ?? [];
      if (v instanceof Error) throw v;
      return v;
    },
  }) as unknown as ScpReader;
const run = (type: OrganizationPolicyType, attached: AttachedScp[] | Error) => organizationPolicyFindings(ctx, m, reader({ [type]: attached }), type);
const summary = async (type: OrganizationPolicyType, attached: AttachedScp[] | Error) => (await run(type, attached)).map((f) => `${f.severity} ${f.check}`);

describe('organizationPolicyFindings', () => {
  it('FullAWSAccess at every level: nothing to say', async () => {
    expect(await summary('SERVICE_CONTROL_POLICY', [policy('root', FULL), policy('OU Prod', FULL), policy('account', FULL)])).toEqual([]);
  });

  it('a Deny of UpdateAssumeRolePolicy on the role blocks', async () => {
    const deny = { Statement: [{ Effect: 'Deny', Action: 'iam:Update*', Resource: `arn:aws:iam::*:role/${ROLE}` }] };
    expect(await summary('SERVICE_CONTROL_POLICY', [policy('root', FULL), policy('root', deny)])).toEqual(['blocks scp']);
  });

  it('a Deny on a condition it cannot decide is NOT CHECKED, not a warning', async () => {
    const deny = { Statement: [{ Effect: 'Deny', NotAction: 's3:*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'platform' } } }] };
    expect(await summary('SERVICE_CONTROL_POLICY', [policy('root', FULL), policy('root', deny)])).toEqual(['not-checked scp', 'not-checked scp']);
  });

  it('an allow-list OU whose SCPs allow no IAM call blocks (every level must allow)', async () => {
    const s3Only = { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] };
    expect(await summary('SERVICE_CONTROL_POLICY', [policy('root', FULL), policy('OU Prod', s3Only)])).toEqual(['blocks scp', 'blocks scp']);
  });

  it('an allow-list level whose Allow has conditions is NOT CHECKED', async () => {
    const conditional = { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }] };
    expect(await summary('SERVICE_CONTROL_POLICY', [policy('root', FULL), policy('account', conditional)])).toEqual(['not-checked scp', 'not-checked scp']);
  });

  it('an RCP that denies sts:AssumeRole into the role blocks; RCPFullAWSAccess does not', async () => {
    const rcpFull = { Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] };
    const deny = { Statement: [{ Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Resource: '*' }] };
    expect(await summary('RESOURCE_CONTROL_POLICY', [policy('root', rcpFull)])).toEqual([]);
    expect(await summary('RESOURCE_CONTROL_POLICY', [policy('root', rcpFull), policy('OU Prod', deny)])).toEqual(['blocks rcp', 'blocks rcp']);
  });

  it('policies that cannot be read are NOT CHECKED, naming the failed call', async () => {
    const findings = await run('RESOURCE_CONTROL_POLICY', new AwsCallError('organizations:ListPoliciesForTarget', 'AccessDenied', 'not allowed'));
    expect(findings.map((f) => f.severity)).toEqual(['not-checked']);
    expect(findings[0].message).toContain('could not be read');
  });
});
