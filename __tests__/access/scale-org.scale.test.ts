import { generateOrgYaml } from '../../fixtures/generate-org';
import { IamEvaluator } from '../helpers/iam-evaluator';
import { synthYaml } from '../helpers/synth';

const MEMBERS = 1000;
const OUTSIDER = '444455556666';

/** About `count` names spread over the list, first and last included. */
function spread(names: readonly string[], count: number): string[] {
  const step = Math.max(1, Math.floor((names.length - 1) / (count - 1)));
  const picked = names.filter((_, i) => i % step === 0);
  return [...new Set([...picked, names[names.length - 1]])];
}

describe(`access in a generated org of ${MEMBERS} members (mix of imported and created accounts)`, () => {
  let ev: IamEvaluator;
  let names: string[];
  let sample: string[];
  /** Names the generator puts in group "some": every tenth account. */
  let someAccounts: string[];

  beforeAll(() => {
    ev = new IamEvaluator(synthYaml(generateOrgYaml({ members: MEMBERS })), { orgId: 'o-scale12345' });
    names = [...ev.memberAccounts.keys()];
    sample = spread(names, 50);
    someAccounts = names.filter((_, i) => i % 10 === 0);
  });

  const assumable = async (principal: Parameters<IamEvaluator['canAssume']>[0]['principal'], among: readonly string[], mfa: boolean | 'absent') => {
    const allowed: string[] = [];
    for (const name of among) {
      if (await ev.canAssume({ principal, targetAccountId: ev.memberAccounts.get(name)!, mfa })) allowed.push(name);
    }
    return allowed;
  };

  it('has a managed role in every member, imported (id in config) and created (id after apply) alike', () => {
    expect(names).toHaveLength(MEMBERS);
    const imported = names.filter((n) => ev.memberAccounts.get(n)!.startsWith('1000000'));
    expect(imported.length).toBe(MEMBERS / 2);
    expect(sample.length).toBeGreaterThanOrEqual(50);
    expect(sample.some((n) => imported.includes(n)) && sample.some((n) => !imported.includes(n))).toBe(true);
  });

  it('I1: the management root can assume the member role in all 1,000 accounts', async () => {
    expect(await assumable({ account: 'management' }, names, 'absent')).toEqual(names);
  });

  it('a user of the "*" group with MFA can assume the role in every one of the 1,000 accounts', async () => {
    expect(await assumable({ account: 'identity', userName: 'alice' }, names, true)).toEqual(names);
  });

  it('a user of the OU group with MFA reaches exactly the 500 accounts in Workloads/Prod', async () => {
    const prod = names.filter((_, i) => i % 2 === 0);
    const allowed = await assumable({ account: 'identity', userName: 'dan' }, names, true);
    expect(allowed).toHaveLength(MEMBERS / 2);
    expect(allowed).toEqual(prod);
  });

  it('a user of the partial group with MFA reaches exactly its 100 accounts of the 1,000', async () => {
    const allowed = await assumable({ account: 'identity', userName: 'carol' }, names, true);
    expect(allowed).toHaveLength(100);
    expect(allowed).toEqual(someAccounts);
  });

  it('identity users without MFA reach no account (sampled)', async () => {
    for (const userName of ev.userNames('identity')) {
      expect(await assumable({ account: 'identity', userName }, sample, false)).toEqual([]);
    }
  });

  it('management users with MFA reach the members, without MFA none (sampled)', async () => {
    for (const userName of ev.userNames('management')) {
      expect(await assumable({ account: 'management', userName }, sample, true)).toEqual(sample);
      expect(await assumable({ account: 'management', userName }, sample, 'absent')).toEqual([]);
    }
  });

  it('principals outside the organization reach no account, even as admins with MFA (sampled)', async () => {
    expect(await assumable({ account: OUTSIDER }, sample, true)).toEqual([]);
    expect(await assumable({ account: OUTSIDER, userName: 'alice' }, sample, true)).toEqual([]);
  });
});
