import { ConfigError } from '../../errors/user-errors';
import { parseConfig } from '../../config/load-config';
import { exampleYaml } from '../helpers/example';
import { refusal } from '../helpers/refusal';

/**
 * Account tags follow AWS Organizations' tag rules (TagResource / CreateAccount Tags): keys
 * 1-128 and values 0-256 characters of letters, digits, white space and _ . : / = + - @; keys
 * not starting with aws: in any case; at most 50 tags. validate refuses what AWS would (I11).
 */
const withTags = (tags: Record<string, string>) =>
  exampleYaml().replace('tags: { CostCenter: "42" }', `tags: ${JSON.stringify(tags)}`);
const parse = (tags: Record<string, string>) => () => parseConfig(withTags(tags));

const ALLOWED = ['a', 'Cost Center', 'team_name', 'a.b', 'k:v', 'path/x', 'a=b', 'a+b', 'a-b', 'me@x', 'Kostenstelle', 'コスト', 'центр', '42', 'x\u00a0y'];
const FORBIDDEN_CHARS = [...'$%{}<>#;!"\'`\\|*?&^~[](),'];

describe('account tag rules', () => {
  it('the example has a tag to replace (the table below is not vacuous)', () => {
    expect(exampleYaml()).toContain('tags: { CostCenter: "42" }');
  });

  it.each(ALLOWED)('accepts %j as a key and as a value', (text) => {
    expect(parse({ [text]: text })).not.toThrow();
  });

  it.each(['aws:', 'aws:cost', 'AWS:cost', 'Aws:Cost', 'aWs:x'])('refuses the reserved key %j, naming the field', (key) => {
    const message = refusal(parse({ [key]: 'x' }), ConfigError);
    expect(message).toContain(`accounts[0].tags.${key}: tag key "${key}" starts with "aws:"`);
  });

  it.each(['awsx', 'aws-cost', 'my:aws:x'])('accepts %j (not the reserved prefix)', (key) => {
    expect(parse({ [key]: 'x' })).not.toThrow();
  });

  it.each(FORBIDDEN_CHARS)('refuses %j in a key and in a value', (ch) => {
    expect(refusal(parse({ [`a${ch}b`]: 'x' }), ConfigError)).toMatch(/tag key .* must hold only letters, digits, spaces/);
    expect(refusal(parse({ k: `a${ch}b` }), ConfigError)).toMatch(/accounts\[0\]\.tags\.k: tag value "a.b" must hold only/);
  });

  it('accepts 50 tags and refuses 51, naming the account', () => {
    const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));
    expect(parse(tags(50))).not.toThrow();
    expect(refusal(parse(tags(51)), ConfigError)).toContain('accounts[0].tags: has 51 tags; AWS Organizations allows at most 50');
  });

  it('accepts a 128-character key and a 256-character value, refuses one more', () => {
    expect(parse({ ['k'.repeat(128)]: 'v'.repeat(256) })).not.toThrow();
    expect(refusal(parse({ ['k'.repeat(129)]: 'v' }), ConfigError)).toContain('tag keys must be 1-128 characters');
    expect(refusal(parse({ k: 'v'.repeat(257) }), ConfigError)).toContain('tag values must be at most 256 characters');
  });
});
