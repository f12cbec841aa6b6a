import { ConfigError } from '../../errors/user-errors';
import { parseConfig } from '../../config/load-config';
import { literalPrefix, subjectOwnerProblem } from '../../config/oidc-subject-rule';
import { exampleYaml } from '../helpers/example';
import { candidatePatterns, PROVIDERS, stringLike } from '../helpers/oidc-owners';
import { refusal } from '../helpers/refusal';

/**
 * Invariant 13: a subject pattern is judged by what it can match. For every provider, a
 * generated table of patterns is split by the rule into accepted and refused; no accepted
 * pattern matches a token of another owner (IAM StringLike semantics), and every pattern that
 * can match another owner's token is refused.
 */
describe.each(PROVIDERS)('OIDC subjects of $provider', (c) => {
  const candidates = candidatePatterns(c);
  const accepted = candidates.filter((p) => subjectOwnerProblem(c.provider, p) === undefined);
  const refused = candidates.filter((p) => subjectOwnerProblem(c.provider, p) !== undefined);
  const tokens = [c.owner, ...c.others].map((o) => ({ owner: o, sub: c.token(o) }));

  it('the table is not vacuous: some patterns are accepted, more are refused, and the own token passes', () => {
    expect(accepted.length).toBeGreaterThanOrEqual(4);
    expect(refused.length).toBeGreaterThanOrEqual(20);
    expect(accepted.some((p) => stringLike(p, c.token(c.owner)))).toBe(true);
  });

  it('no accepted pattern matches a token of another owner', () => {
    const leaks = accepted.flatMap((p) => tokens.filter((t) => t.owner !== ownerPinnedBy(p) && stringLike(p, t.sub)).map((t) => `${p} ~ ${t.sub}`));
    expect(leaks).toEqual([]);
  });

  it('every pattern whose wildcards can reach another owner is refused', () => {
    const reaching = candidates.filter((p) => tokens.some((t) => t.owner !== c.owner && stringLike(p, t.sub)) && /[*?]/.test(literalPrefixUpToOwner(p)));
    for (const p of reaching) expect([p, subjectOwnerProblem(c.provider, p)]).toEqual([p, expect.any(String)]);
  });

  it.each(['*', 'r*', '?*'])('refuses %s with a message that says what would be accepted', (p) => {
    expect(subjectOwnerProblem(c.provider, p)).toMatch(/must (pin|start with a literal segment)[^]*(e\.g\.|such as)/);
  });

  /** The owner a pinned pattern names, found by matching its pinned start against each candidate owner. */
  function ownerPinnedBy(pattern: string): string | undefined {
    const prefix = literalPrefix(pattern);
    return [c.owner, ...c.others].find((o) => prefix.startsWith(c.pinned(o))) ?? prefix;
  }

  /** The part of the pattern where the owner and its delimiter must be: as long as the pinned start. */
  function literalPrefixUpToOwner(pattern: string): string {
    return pattern.slice(0, c.pinned(c.owner).length);
  }
});

describe('the rule in validate: field path, line, and what would be accepted', () => {
  const withSubject = (provider: string, subject: string) =>
    exampleYaml().replace(
      'trust:\n  shardSize: 10',
      `trust:\n  shardSize: 10\n  principals:\n    - name: Deploy\n      kind: oidc\n      provider: ${provider}\n      audiences: [sts.amazonaws.com]\n      subjects: [${JSON.stringify(subject)}]\n      scope: { organization: true }\n`,
    );

  it.each([
    ['token.actions.githubusercontent.com', 'rep?:*', /GitHub Actions owner/],
    ['token.actions.githubusercontent.com', 'repo:acme*', /GitHub Actions owner/],
    ['gitlab.com', 'p*', /GitLab top-level group/],
    ['app.terraform.io', 'organization:*', /HCP Terraform organization/],
    ['idp.example.com', 'x*', /not a provider whose sub format org-trust knows/],
  ])('%s %s is refused at trust.principals[0].subjects[0]', (provider, subject, message) => {
    const text = refusal(() => parseConfig(withSubject(provider, subject)), ConfigError);
    expect(text).toMatch(/trust\.principals\[0\]\.subjects\[0\]: must/);
    expect(text).toMatch(message);
    expect(text).not.toMatch(/\n\s+at /);
  });

  it.each(PROVIDERS.map((c) => [c.provider, `${c.pinned(c.owner)}*`]))('%s %s is accepted', (provider, subject) => {
    expect(() => parseConfig(withSubject(provider, subject))).not.toThrow();
  });
});
