import { ConfigError, formatPath } from '../../errors/user-errors';
import { parseConfig } from '../../config/load-config';
import { orgConfigSchema } from '../../config/schema';
import { casesFor } from '../helpers/config-payloads';
import { stringFields } from '../helpers/schema-strings';

/**
 * Invisible and control characters are refused in every string of the config, with the
 * field's path and line: each free-string field of the schema (read from the schema) gets
 * one, whole and inside its usual value.
 */
const CHARACTERS = ['\u200B', '\u200D', '\u202E', '\uFEFF', '\u0007', '\u0000', '\u001B', '\u007F', '\u0085', '\u00AD', '\u2028', '\u2066'];

const cases = stringFields(orgConfigSchema).flatMap((steps) => CHARACTERS.flatMap((c) => casesFor(steps, c)));

describe('invisible and control characters in any config string', () => {
  it.each(cases.map((c) => [c.pattern, JSON.stringify(formatPath(c.path)), c] as const))('%s (%s) is refused with its path and line', (_p, _f, c) => {
    let error: unknown;
    try {
      parseConfig(c.yaml);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const issue = (error as ConfigError).issues.find((i) => formatPath(i.path) === formatPath(c.path));
    expect(issue?.message).toMatch(/invisible or control character U\+[0-9A-F]{4}/);
    expect(issue?.line).toBeGreaterThan(0);
  });
});
