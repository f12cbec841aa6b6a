import { IAM_LIMITS, policyJson } from '../../policies/document';
import { accountsPerPolicy, planGroupPolicies, type GroupAssumePolicyProps } from '../../policies/identity-group-policy';
import { MFA_ALWAYS } from '../../policies/mfa-condition';

/** Named accounts only: the plan's documents, each of scope 'accounts'. */
const groupAssumePolicies = (props: GroupAssumePolicyProps) => planGroupPolicies(props).documents.map((d) => d.document);
const ids = (n: number) => Array.from({ length: n }, (_, i) => String(100000000000 + i));
const accountsOf = (doc: ReturnType<typeof groupAssumePolicies>[number]) => doc.Statement[0].Condition!.StringEquals['aws:ResourceAccount'] as string[];

describe('identity group assume policies', () => {
  it('allow the role in exactly the listed accounts, with MFA, through aws:ResourceAccount', () => {
    const [doc, ...rest] = groupAssumePolicies({ memberRoleName: 'OrganizationAccountAccessRole', accountIds: ['333333333333', '222222222222'], mfaRule: MFA_ALWAYS });
    expect(rest).toEqual([]);
    expect(doc.Statement).toEqual([
      {
        Sid: 'AssumeCrossAccountRole',
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: 'arn:aws:iam::*:role/OrganizationAccountAccessRole',
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, StringEquals: { 'aws:ResourceAccount': ['222222222222', '333333333333'] } },
      },
    ]);
  });

  it('are none for a group of no accounts (an empty aws:ResourceAccount list would match nothing anyway)', () => {
    expect(groupAssumePolicies({ memberRoleName: 'r', accountIds: [], mfaRule: MFA_ALWAYS })).toEqual([]);
  });

  it('split at the managed-policy quota, each account in exactly one part, whatever the input order', () => {
    const memberRoleName = 'OrganizationAccountAccessRole';
    const per = accountsPerPolicy(memberRoleName, MFA_ALWAYS);
    const all = ids(per * 2 + 1);
    const docs = groupAssumePolicies({ memberRoleName, accountIds: [...all].reverse(), mfaRule: MFA_ALWAYS });
    expect(docs.map((d) => accountsOf(d).length)).toEqual([per, per, 1]);
    expect(docs.flatMap(accountsOf)).toEqual(all);
    for (const d of docs) expect(policyJson(d).length).toBeLessThanOrEqual(IAM_LIMITS.managedPolicyChars);
  });

  it('fit fewer accounts a policy for a longer role name, and a full part stays under the quota', () => {
    const long = 'r'.repeat(64);
    expect(accountsPerPolicy(long, MFA_ALWAYS)).toBeLessThanOrEqual(accountsPerPolicy('r', MFA_ALWAYS));
    const [full] = groupAssumePolicies({ memberRoleName: long, accountIds: ids(accountsPerPolicy(long, MFA_ALWAYS)), mfaRule: { denyWithoutMfa: true, maxAgeSeconds: 43200 } });
    expect(policyJson(full).length).toBeLessThanOrEqual(IAM_LIMITS.managedPolicyChars);
  });
});
