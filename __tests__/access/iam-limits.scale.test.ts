import { generateOrgYaml, SOME_GROUP_MAX } from '../../fixtures/generate-org';
import type { OrgConfig } from '../../config/model';
import { IamEvaluator, type PolicyDocument } from '../helpers/iam-evaluator';
import { synthOnDisk, synthYaml, type StackJson } from '../helpers/synth';

/** IAM quotas (IAM User Guide, "IAM and AWS STS quotas"). */
const MANAGED_POLICY_CHARS = 6144;
const TRUST_POLICY_CHARS = 2048;
const ROLE_INLINE_POLICY_CHARS = 10240;
const MANAGED_POLICIES_PER_GROUP = 10;
const GROUPS_PER_USER = 10;
const MEMBERS = 10_000;
/**
 * The longest ids Organizations may issue (its API patterns): organization o- and 32
 * characters, root r- and 32, OU ou-, 32, -, 32. The worst case for every policy's length.
 */
const LONGEST_ORG_ID = `o-${'a1'.repeat(16)}`;
const LONGEST_ROOT_ID = `r-${'b2'.repeat(16)}`;
const longestOuId = (n: number) => `ou-${'c3'.repeat(16)}-${String(n).padStart(32, '0')}`;

type Resource = Record<string, unknown>;
const resources = (stack: StackJson, type: string): [string, Resource][] => Object.entries(stack.resource?.[type] ?? {});
/** IAM counts policy characters without whitespace. */
const iamLength = (text: string) => text.replace(/\s/g, '').length;

/** An evaluator whose every organization id is as long as AWS allows. */
function longestIds(synth: Pick<ReturnType<typeof synthOnDisk>, 'config' | 'json'>): IamEvaluator {
  const ouKeys = Object.keys(synth.json.management.resource.aws_organizations_organizational_unit ?? {});
  return new IamEvaluator(synth, { orgId: LONGEST_ORG_ID, rootId: LONGEST_ROOT_ID, ouIds: Object.fromEntries(ouKeys.map((k, i) => [k, longestOuId(i)])) });
}

/** The identity group policies of `name`, Terraform expressions resolved by `ev`. */
function groupPolicies(json: Record<string, StackJson>, ev: IamEvaluator, name: string): PolicyDocument[] {
  const identity = json.identity;
  const [groupKey] = resources(identity, 'aws_iam_group').find(([, g]) => g.name === name)!;
  return resources(identity, 'aws_iam_group_policy_attachment')
    .filter(([, a]) => a.group === `\${aws_iam_group.${groupKey}.name}`)
    .map(([, a]) => String(a.policy_arn).match(/^\$\{aws_iam_policy\.(.+)\.arn\}$/)![1])
    .map((key) => JSON.parse(ev.resolve(String(identity.resource.aws_iam_policy[key].policy))) as PolicyDocument);
}

describe(`I7: IAM limits at ${MEMBERS.toLocaleString('en')} member accounts`, () => {
  let ev: IamEvaluator;
  let json: Record<string, StackJson>;
  let config: OrgConfig;

  beforeAll(() => {
    const result = synthOnDisk(generateOrgYaml({ members: MEMBERS }));
    json = result.json;
    config = result.config;
    ev = longestIds(result);
  }, 120_000);

  /** Resolved text of every `attribute` of resources of `type`, across all stacks. */
  const resolvedTexts = (type: string, attribute: string) =>
    Object.entries(json).flatMap(([stack, s]) =>
      resources(s, type).map(([key, r]) => ({ where: `${stack}: ${type}.${key}`, text: ev.resolve(String(r[attribute])) })),
    );

  const overLimit = (items: { where: string; text: string }[], limit: number) =>
    items.filter((i) => iamLength(i.text) > limit).map((i) => `${i.where}: ${iamLength(i.text)} > ${limit}`);

  it('every managed policy fits in 6,144 characters once ids are substituted at their longest', () => {
    const policies = resolvedTexts('aws_iam_policy', 'policy');
    expect(policies.length).toBeGreaterThanOrEqual(6);
    expect(overLimit(policies, MANAGED_POLICY_CHARS)).toEqual([]);
    // Not vacuous: the substituted ids are in, and the list of a few hundred accounts is large.
    expect(policies.every((p) => !p.text.includes('terraform_remote_state'))).toBe(true);
    expect(policies.some((p) => p.text.includes(`${LONGEST_ORG_ID}/${LONGEST_ROOT_ID}/${longestOuId(0).slice(0, 10)}`))).toBe(true);
    expect(Math.max(...policies.map((p) => iamLength(p.text)))).toBeGreaterThan(MANAGED_POLICY_CHARS / 2);
  });

  it('every trust policy fits in 2,048 characters', () => {
    const trusts = resolvedTexts('aws_iam_role', 'assume_role_policy');
    expect(trusts.length).toBe(MEMBERS + 1);
    expect(overLimit(trusts, TRUST_POLICY_CHARS)).toEqual([]);
  });

  it('inline role policies fit in 10,240 characters', () => {
    const inline = resolvedTexts('aws_iam_role_policy', 'policy');
    expect(inline.length).toBeGreaterThanOrEqual(1);
    expect(overLimit(inline, ROLE_INLINE_POLICY_CHARS)).toEqual([]);
  });

  it('no group has more than 10 managed policies attached; no user is in more than 10 groups', () => {
    const perGroup = new Map<string, number>();
    for (const [stack, s] of Object.entries(json)) {
      for (const [, a] of resources(s, 'aws_iam_group_policy_attachment')) {
        const group = `${stack}/${String(a.group)}`;
        perGroup.set(group, (perGroup.get(group) ?? 0) + 1);
      }
    }
    expect(perGroup.size).toBeGreaterThanOrEqual(5);
    expect([...perGroup].filter(([, n]) => n > MANAGED_POLICIES_PER_GROUP)).toEqual([]);
    const memberships = Object.values(json).flatMap((s) => resources(s, 'aws_iam_user_group_membership'));
    expect(memberships.filter(([, m]) => (m.groups as unknown[]).length > GROUPS_PER_USER)).toEqual([]);
  });

  describe('group policies that do not grow with the organization', () => {
    /** The same generated org at 1,000 members, for comparison. */
    let small: { json: Record<string, StackJson> };
    beforeAll(() => {
      small = { json: synthYaml(generateOrgYaml({ members: 1000 })).json };
    });

    /** The synthesized policy texts of a group's policies, Terraform expressions and all. */
    const synthesized = (stacks: Record<string, StackJson>, group: string) =>
      resources(stacks.identity, 'aws_iam_policy').filter(([key]) => key.startsWith(`group_${group.replace('-', '_')}_assume_`)).map(([, p]) => p.policy);

    it.each(['admins', 'prod-ops'])('group %s ("*", an OU) has one policy, the same text at 1,000 and 10,000 members', (name) => {
      const large = groupPolicies(json, ev, name);
      expect(large).toHaveLength(1);
      expect(synthesized(json, name)).toEqual(synthesized(small.json, name));
      expect(iamLength(JSON.stringify(large[0]))).toBeLessThan(1000);
    });

    it(`the group of named accounts lists its ${SOME_GROUP_MAX} accounts by id, each once`, () => {
      const ids = groupPolicies(json, ev, 'some').flatMap((d) => (d.Statement as PolicyDocument[]).flatMap((s) => [s.Condition.StringEquals['aws:ResourceAccount']].flat() as string[]));
      expect(ids).toHaveLength(SOME_GROUP_MAX);
      expect(new Set(ids).size).toBe(SOME_GROUP_MAX);
      expect(ids.every((i) => [...ev.memberAccounts.values()].includes(i))).toBe(true);
    });
  });

  describe('access at 10,000 members (iam-simulate, a spread of 200 accounts, Prod and Dev)', () => {
    let sample: [string, string][];
    beforeAll(() => {
      const all = [...ev.memberAccounts];
      sample = all.filter((_, i) => i % 100 < 2 || i === all.length - 1);
    });
    const reach = async (principal: Parameters<IamEvaluator['canAssume']>[0]['principal'], mfa: boolean) => {
      const allowed: string[] = [];
      for (const [name, id] of sample) if (await ev.canAssume({ principal, targetAccountId: id, mfa })) allowed.push(name);
      return allowed;
    };

    it('the "*" group reaches every sampled account; the OU group those in Workloads/Prod; the list group its own', async () => {
      const names = sample.map(([n]) => n);
      expect(await reach({ account: 'identity', userName: 'alice' }, true)).toEqual(names);
      const inProd = new Set(config.accounts.filter((a) => a.ou === 'Workloads/Prod').map((a) => a.name));
      const prod = names.filter((n) => inProd.has(n));
      expect(prod.length).toBeGreaterThan(50);
      expect(prod.length).toBeLessThan(names.length - 50);
      expect(await reach({ account: 'identity', userName: 'dan' }, true)).toEqual(prod);
      const listed = new Set(config.identity.groups.find((g) => g.name === 'some')!.namedAccounts);
      expect(listed.size).toBe(SOME_GROUP_MAX);
      expect(await reach({ account: 'identity', userName: 'carol' }, true)).toEqual(names.filter((n) => listed.has(n)));
    });

    it('without MFA no identity user reaches any sampled account', async () => {
      for (const userName of ['alice', 'dan', 'carol']) expect(await reach({ account: 'identity', userName }, false)).toEqual([]);
    });
  });
});
