import { generateOrgYaml } from '../../fixtures/generate-org';
import { IamEvaluator, type PolicyDocument } from '../helpers/iam-evaluator';
import { synthYaml, type StackJson } from '../helpers/synth';

/** IAM quotas (IAM User Guide, "IAM and AWS STS quotas"). */
const MANAGED_POLICY_CHARS = 6144;
const TRUST_POLICY_CHARS = 2048;
const ROLE_INLINE_POLICY_CHARS = 10240;
const MANAGED_POLICIES_PER_GROUP = 10;
const GROUPS_PER_USER = 10;
const MEMBERS = 1000;
/** The longest organization id AWS issues (o- and 32 characters): the worst case for length. */
const LONGEST_ORG_ID = `o-${'a1'.repeat(16)}`;

type Resource = Record<string, unknown>;
const resources = (stack: StackJson, type: string): [string, Resource][] => Object.entries(stack.resource?.[type] ?? {});
/** IAM counts policy characters without whitespace. */
const iamLength = (text: string) => text.replace(/\s/g, '').length;

describe(`I7: IAM limits at ${MEMBERS} member accounts`, () => {
  let ev: IamEvaluator;
  let json: Record<string, StackJson>;
  let starGroup: string;

  beforeAll(() => {
    const result = synthYaml(generateOrgYaml({ members: MEMBERS }));
    json = result.json;
    starGroup = result.config.identity.groups.find((g) => g.allAccounts)!.name;
    // Fake ids are 12 digits, like the real ones that replace the Terraform expressions.
    ev = new IamEvaluator(result, { orgId: LONGEST_ORG_ID });
  });

  /** Resolved text of every `attribute` of resources of `type`, across all stacks. */
  const resolvedTexts = (type: string, attribute: string) =>
    Object.entries(json).flatMap(([stack, s]) =>
      resources(s, type).map(([key, r]) => ({ where: `${stack}: ${type}.${key}`, text: ev.resolve(String(r[attribute])) })),
    );

  const overLimit = (items: { where: string; text: string }[], limit: number) =>
    items.filter((i) => iamLength(i.text) > limit).map((i) => `${i.where}: ${iamLength(i.text)} > ${limit}`);

  it('every managed policy fits in 6,144 characters once ids are substituted', () => {
    const policies = resolvedTexts('aws_iam_policy', 'policy');
    expect(policies.length).toBeGreaterThanOrEqual(8);
    expect(overLimit(policies, MANAGED_POLICY_CHARS)).toEqual([]);
    // Not vacuous: the substituted ids are in, and the big lists come close to the limit.
    expect(policies.every((p) => !p.text.includes('terraform_remote_state'))).toBe(true);
    expect(Math.max(...policies.map((p) => iamLength(p.text)))).toBeGreaterThan(MANAGED_POLICY_CHARS / 2);
  });

  it('every trust policy fits in 2,048 characters', () => {
    const trusts = resolvedTexts('aws_iam_role', 'assume_role_policy');
    expect(trusts.length).toBe(MEMBERS + 1);
    expect(overLimit(trusts, TRUST_POLICY_CHARS)).toEqual([]);
  });

  it('inline role policies fit in 10,240 characters', () => {
    expect(overLimit(resolvedTexts('aws_iam_role_policy', 'policy'), ROLE_INLINE_POLICY_CHARS)).toEqual([]);
  });

  it('no group has more than 10 managed policies attached; no user is in more than 10 groups', () => {
    const perGroup = new Map<string, number>();
    for (const [stack, s] of Object.entries(json)) {
      for (const [, a] of resources(s, 'aws_iam_group_policy_attachment')) {
        const group = `${stack}/${String(a.group)}`;
        perGroup.set(group, (perGroup.get(group) ?? 0) + 1);
      }
    }
    expect(perGroup.size).toBeGreaterThanOrEqual(4);
    expect([...perGroup].filter(([, n]) => n > MANAGED_POLICIES_PER_GROUP)).toEqual([]);
    const memberships = Object.values(json).flatMap((s) => resources(s, 'aws_iam_user_group_membership'));
    expect(memberships.filter(([, m]) => (m.groups as unknown[]).length > GROUPS_PER_USER)).toEqual([]);
  });

  describe(`the group on "*"`, () => {
    /** The resolved policies attached to the identity group named `name`. */
    const groupPolicies = (name: string): PolicyDocument[] => {
      const identity = json.identity;
      const [groupKey] = resources(identity, 'aws_iam_group').find(([, g]) => g.name === name)!;
      return resources(identity, 'aws_iam_group_policy_attachment')
        .filter(([, a]) => a.group === `\${aws_iam_group.${groupKey}.name}`)
        .map(([, a]) => String(a.policy_arn).match(/^\$\{aws_iam_policy\.(.+)\.arn\}$/)![1])
        .map((key) => JSON.parse(ev.resolve(String(identity.resource.aws_iam_policy[key].policy))) as PolicyDocument);
    };

    /** Per allowing statement: the aws:ResourceAccount ids it names. */
    const accountLists = (docs: PolicyDocument[]): string[][] =>
      docs
        .flatMap((d) => d.Statement as PolicyDocument[])
        .filter((s) => s.Effect === 'Allow')
        .map((s) => [s.Condition?.StringEquals?.['aws:ResourceAccount'] ?? []].flat() as string[]);

    it('lists every one of the 1,000 member accounts across its policies, each once', () => {
      const lists = accountLists(groupPolicies(starGroup));
      expect(lists.length).toBeGreaterThan(1);
      const all = lists.flat();
      expect(new Set(all).size).toBe(all.length);
      expect([...all].sort()).toEqual([...ev.memberAccounts.values()].sort());
    });

    it('each of its policies is effective: iam-simulate allows the first and last account of every list', async () => {
      const lists = accountLists(groupPolicies(starGroup));
      for (const id of lists.flatMap((l) => [l[0], l[l.length - 1]])) {
        expect(await ev.canAssume({ principal: { account: 'identity', userName: 'alice', groups: [starGroup] }, targetAccountId: id, mfa: true })).toBe(true);
      }
    });
  });
});
