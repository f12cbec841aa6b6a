import { stringify } from 'yaml';
import { ConfigError, formatPath } from '../../config/config-error';
import { parseConfig } from '../../config/load-config';
import { orgConfigSchema } from '../../config/schema';
import { terraformLiteral } from '../../constructs/terraform-literal';
import { describePattern, stringFields, type Step } from '../helpers/schema-strings';
import { synthConfig } from '../helpers/synth';

/**
 * Invariant 8: nothing from org.yaml is evaluated by Terraform. Every free-string field of
 * the schema (read from the schema, so a new field is covered without being listed) gets
 * Terraform template payloads; each config is either refused with that field's path or
 * synthesized into JSON where no payload is left for Terraform to evaluate.
 */
const PAYLOADS = ['${file("x")}', '%{if true}x%{endif}', '${env}%{ for x in [1] }${x}%{ endfor }'];

/** A config holding every optional string field, so that every pattern lands on a value. */
const FULL = {
  organization: {
    managementAccountId: '111111111111',
    id: 'o-abcdefghij',
    region: 'us-east-1',
    crossAccountRoleName: 'OrganizationAccountAccessRole',
    organizationalUnits: [
      { name: 'Spare', id: 'ou-abcd-efghijkl', renamedFrom: 'OldSpare', children: [{ name: 'Inner', id: 'ou-abcd-mnopqrst', renamedFrom: 'OldInner' }] },
      { name: 'Workloads', children: [{ name: 'Prod' }] },
    ],
  },
  identityAccount: { name: 'IAM', email: 'aws-iam@example.com', id: '222222222222', ou: 'Workloads', renamedFrom: 'OldIAM', tags: { Team: 'identity' } },
  accounts: [
    { name: 'ACCOUNT01', email: 'aws-account01@example.com', id: '333333333333', ou: 'Workloads/Prod', renamedFrom: 'OLD01', tags: { CostCenter: '42' } },
    { name: 'ACCOUNT02', email: 'aws-account02@example.com' },
  ],
  management: { groupName: 'crossaccount-admins', createAccountRoleName: 'assumerole_create_account', users: ['user1'] },
  identity: { groups: [{ name: 'admins', users: ['alice'], accounts: ['ACCOUNT01'] }] },
};
const BACKENDS: Record<string, object> = {
  local: { type: 'local' },
  s3: { type: 's3', bucket: 'acme-terraform-state', region: 'us-east-1', keyPrefix: 'org-trust' },
  cloud: { type: 'cloud', organization: 'acme', hostname: 'app.terraform.io', workspacePrefix: 'org-trust-' },
};

interface Case {
  readonly pattern: string;
  /** The concrete field path the payload went into. */
  readonly path: (string | number)[];
  readonly yaml: string;
}

/** Configs with `payload` put at `steps` into FULL, whole and inside the value that was there. */
function casesFor(steps: readonly Step[], payload: string): Case[] {
  const variant = steps.find((s): s is { variant: string } => typeof s === 'object' && 'variant' in s)?.variant ?? 'local';
  const forms = (v: string) => [payload, `${v.slice(0, 1)}${payload}${v.slice(1)}`];
  const build = (form: (old: string) => string): Case => {
    const config = structuredClone({ ...FULL, backend: BACKENDS[variant] }) as Record<string, unknown>;
    let node: unknown = config;
    const path: (string | number)[] = [];
    steps.forEach((step, i) => {
      const last = i === steps.length - 1;
      const record = node as Record<string | number, unknown>;
      if (typeof step === 'object' && 'variant' in step) return;
      if (typeof step === 'object' && 'mapPart' in step) {
        const key = Object.keys(record)[0] ?? fail(steps, 'an empty map');
        if (step.mapPart === 'key') {
          const renamed = form(key);
          record[renamed] = record[key];
          delete record[key];
          path.push(renamed);
        } else {
          record[key] = form(String(record[key]));
          path.push(key);
        }
        return;
      }
      const at = typeof step === 'string' ? step : 0;
      if (record[at] === undefined) fail(steps, `nothing at ${formatPath([...path, at])}`);
      path.push(at);
      if (last) record[at] = form(String(record[at]));
      else node = record[at];
    });
    return { pattern: describePattern(steps), path, yaml: stringify(config) };
  };
  return forms('x').map((_, i) => build((old) => forms(old)[i]));
}

function fail(steps: readonly Step[], what: string): never {
  throw new Error(`FULL has ${what} for ${describePattern(steps)}: add a value there so the field is tested`);
}

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

describe('config strings reach Terraform as literals (invariant 8)', () => {
  it('the schema walk finds the fields, including ones nobody listed by hand', () => {
    const names = patterns.map(describePattern);
    expect(names).toEqual(expect.arrayContaining(['accounts[].tags{key}', 'accounts[].tags{value}', 'identityAccount.email', 'backend<s3>.bucket', 'organization.organizationalUnits[].children[].name']));
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
