import { literalPrefix, subjectOwnerProblem } from '../../config/oidc-subject-rule';
import { parseConfig } from '../../config/load-config';
import { exampleYaml } from '../helpers/example';
import { IamEvaluator } from '../helpers/iam-evaluator';
import { candidatePatterns, PROVIDERS } from '../helpers/oidc-owners';
import { synthConfig } from '../helpers/synth';

/**
 * Invariant 13, judged by iam-simulate over the synthesized trust: every pattern of the
 * generated table that validate accepts is declared at once; a token of any other owner is
 * denied, with the right audience and through the account's own provider, and the declared
 * owner's token gets in. "Other" means named by none of the declared patterns: the table also
 * declares "repo:ACME/..." (case variants are owners of their own to StringLike).
 */
describe.each(PROVIDERS)('declared OIDC principal of $provider, every accepted pattern', (c) => {
  const accepted = candidatePatterns(c).filter((p) => subjectOwnerProblem(c.provider, p) === undefined);
  const named = new Set([c.owner, ...c.others].filter((o) => accepted.some((p) => literalPrefix(p).startsWith(c.pinned(o)))));
  const others = c.others.filter((o) => !named.has(o));
  let ev: IamEvaluator;
  let target: string;

  beforeAll(() => {
    const yaml = exampleYaml().replace(
      'trust:\n  shardSize: 10',
      `trust:\n  shardSize: 10\n  principals:\n    - name: Deploy\n      kind: oidc\n      provider: ${c.provider}\n      audiences: [sts.amazonaws.com]\n      subjects: ${JSON.stringify(accepted)}\n      scope: { accounts: [ACCOUNT03] }\n`,
    );
    ev = new IamEvaluator(synthConfig(parseConfig(yaml)));
    target = ev.memberAccounts.get('ACCOUNT03')!;
  });

  const token = (sub: string, aud = 'sts.amazonaws.com') => ev.canAssumeFederated({ kind: 'oidc', targetAccountId: target, providerAccountId: target, provider: c.provider, sub, aud });

  it('the owner’s token gets in (so the denials below are not vacuous)', async () => {
    expect(accepted.length).toBeGreaterThanOrEqual(4);
    expect(await token(c.token(c.owner))).toBe(true);
  });

  it('most hostile owners are named by no accepted pattern', () => {
    expect(others.length).toBeGreaterThanOrEqual(c.others.length - 2);
  });

  it.each(others)('a token of owner %j is denied', async (other) => {
    expect(await token(c.token(other))).toBe(false);
  });

  it('the owner’s token for another audience is denied', async () => {
    expect(await token(c.token(c.owner), 'https://example.com')).toBe(false);
  });
});
