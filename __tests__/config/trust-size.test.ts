import { ConfigError } from '../../errors/user-errors';
import { parseConfig } from '../../config/load-config';
import { exampleYaml } from '../helpers/example';
import { IamEvaluator } from '../helpers/iam-evaluator';
import { synthConfig } from '../helpers/synth';

/**
 * The trust policy size rule measures what synth writes: at exactly 2,048 characters (IAM's
 * default "Role trust policy length") a declaration is accepted, one character more is
 * refused, naming the account. Measured on the synthesized JSON with its ids substituted.
 */
const TRUST_POLICY_CHARS = 2048;

/** The example with one OIDC declaration on ACCOUNT03 (an imported account: its id is literal) whose subject is `length` long. */
function yamlWithSubject(length: number): string {
  const subject = `repo:acme/${'x'.repeat(length - 'repo:acme/'.length)}`;
  return exampleYaml().replace(
    'trust:\n  shardSize: 10',
    `trust:\n  shardSize: 10\n  principals:\n    - name: Deploy\n      kind: oidc\n      provider: token.actions.githubusercontent.com\n      audiences: [sts.amazonaws.com]\n      subjects: ["${subject}"]\n      scope: { accounts: [ACCOUNT03] }\n`,
  );
}

/** IAM's length of ACCOUNT03's synthesized trust policy, ids substituted. */
function synthesizedLength(yaml: string): number {
  const result = synthConfig(parseConfig(yaml));
  const ev = new IamEvaluator(result);
  const role = Object.values<Record<string, string>>(result.json['trust-1'].resource.aws_iam_role).find((r) => r.provider === 'aws.member_account03')!;
  return ev.resolve(role.assume_role_policy).replace(/\s/g, '').length;
}

describe('trust policy size rule', () => {
  const base = synthesizedLength(yamlWithSubject(100));
  const fits = 100 + (TRUST_POLICY_CHARS - base);

  it('accepts a declaration that makes the policy exactly 2,048 characters, as synthesized', () => {
    expect(synthesizedLength(yamlWithSubject(fits))).toBe(TRUST_POLICY_CHARS);
  });

  it('refuses one character more, naming the account and the declarations, at the declaration', () => {
    let error: unknown;
    try {
      parseConfig(yamlWithSubject(fits + 1));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const issues = (error as ConfigError).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toEqual(['trust', 'principals', 0]);
    expect(issues[0].message).toContain(`account "ACCOUNT03" would be ${(TRUST_POLICY_CHARS + 1).toLocaleString('en-US')} characters with the principals declared for it (Deploy)`);
  });
});
