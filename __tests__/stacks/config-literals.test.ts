import { ConfigError, formatPath } from '../../errors/user-errors';
import { parseConfig } from '../../config/load-config';
import { orgConfigSchema } from '../../config/schema';
import { terraformLiteral } from '../../constructs/terraform-literal';
import { casesFor } from '../helpers/config-payloads';
import { describePattern, stringFields } from '../helpers/schema-strings';
import { synthConfig } from '../helpers/synth';

/**
 * I8 (docs/invariants.md): nothing from org.yaml is evaluated by Terraform. Every free-string field of
 * the schema (read from the schema, so a new field is covered without being listed) gets
 * Terraform template payloads; each config is either refused with that field's path or
 * synthesized into JSON where no payload is left for Terraform to evaluate.
 */
const PAYLOADS = ['${file("x")}', '%{if true}x%{endif}', '${env}%{ for x in [1] }${x}%{ endfor }'];

/**
 * Template sequences Terraform would evaluate in `text`, scanned as HCL does: `$${` and `%%{`
 * are escapes; any other `${` must be one of our plain references, and no `%{` may remain.
 */
/** What our constructs interpolate on purpose: plain references (a.b.c, [0], ["NAME"]), no calls. */
const REFERENCE = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*|\[\d+\]|\["[^"\\$%{}]+"\])*$/;

function liveTemplates(text: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith('$${', i) || text.startsWith('%%{', i)) i += 2;
    else if (text.startsWith('%{', i)) found.push(text.slice(i, i + 40));
    else if (text.startsWith('${', i)) {
      const end = text.indexOf('}', i);
      const expr = text.slice(i + 2, end < 0 ? undefined : end);
      if (!REFERENCE.test(expr)) {
        found.push(text.slice(i, i + 40));
      }
    }
  }
  return found;
}

/** Every string in a JSON value, object keys included (Terraform reads both as templates). */
function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...allStrings(v)]);
  return [];
}

const patterns = stringFields(orgConfigSchema);
const cases = patterns.flatMap((steps) => PAYLOADS.flatMap((p) => casesFor(steps, p)));

describe('config strings reach Terraform as literals (I8)', () => {
  it('the schema walk finds the fields, including ones nobody listed by hand', () => {
    const names = patterns.map(describePattern);
    expect(names).toEqual(expect.arrayContaining(['accounts[].tags{key}', 'accounts[].tags{value}', 'identityAccount.email', 'backend<s3>.bucket', 'organization.organizationalUnits[].children[].name', 'trust.principals[]<oidc>.subjects[]', 'trust.principals[]<service>.sourceArns[]']));
    expect(names.length).toBeGreaterThanOrEqual(30);
  });

  it('the scanner reads escapes as Terraform does (checked against terraform 1.11 output)', () => {
    expect(liveTemplates('a${file("x")}')).toHaveLength(1);
    expect(liveTemplates('%{if true}x%{endif}')).toHaveLength(2);
    expect(liveTemplates('$${file("x")} %%{if} $$${x}')).toEqual([]);
    expect(liveTemplates(terraformLiteral('$${x}${y}%{z}%%{w}$'))).toEqual([]);
    expect(liveTemplates('${aws_iam_group.x.name}')).toEqual([]);
  });

  let accepted = 0;
  it.each(cases.map((c) => [c.pattern, formatPath(c.path), c] as const))('%s (%s): refused with its path, or literal in every stack', (_p, _f, c) => {
    let config;
    try {
      config = parseConfig(c.yaml);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      const where = formatPath(c.path);
      expect(e.issues.map((i) => formatPath(i.path)).filter((p) => p === where || where.startsWith(`${p}.`) || p.startsWith(where))).not.toEqual([]);
      return;
    }
    // Backend blocks take no expressions, so escaping would change the value: refusal is the only answer there.
    expect(c.pattern.startsWith('backend')).toBe(false);
    accepted++;
    const { json } = synthConfig(config);
    const live = Object.entries(json).flatMap(([stack, content]) => allStrings(content).flatMap((s) => liveTemplates(s).map((t) => `${stack}: ${t}`)));
    expect(live).toEqual([]);
  });

  it('some payloads were accepted and synthesized (the test is not all refusals)', () => {
    expect(accepted).toBeGreaterThan(10);
  });
});
