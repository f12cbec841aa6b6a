import { generateOrgYaml } from '../../fixtures/generate-org';
import { exampleYaml } from '../helpers/example';
import { resolveTemplate, templateProblems } from '../helpers/iam-evaluator';
import { synthYaml, type StackJson } from '../helpers/synth';

/** Every string value of a stack with its path, cdktf's "//" metadata left out. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => (k === '//' ? [] : strings(v, path ? `${path}.${k}` : k)));
  }
  return [];
}

const problemsIn = (json: Record<string, StackJson>) =>
  Object.entries(json).flatMap(([stack, s]) => strings(s).flatMap(([path, text]) => templateProblems(text).map((p) => `${stack} ${path}: ${p}`)));

const values = {
  idByName: (n: string) => `id(${n})`,
  idByAccountKey: (k: string) => `key(${k})`,
  ouIdByKey: (k: string) => `ou(${k})`,
  ouPathOutput: (k: string) => `\${data.aws_organizations_organization.this.id}/\${data.aws_organizations_organization.this.roots[0].id}/\${aws_organizations_organizational_unit.ou_${k}.id}/`,
  orgId: 'o-org',
  rootId: 'r-root',
};

describe('the evaluator substitutes only what Terraform would', () => {
  it('keeps escaped IAM variables literal and resolves the references we emit', () => {
    const text = '{"R":"user/$${aws:username}","A":"${data.terraform_remote_state.management.outputs.account_ids["ACC 1"]}","O":"${data.aws_organizations_organization.this.id}","K":"${aws_organizations_account.account_x.id}"}';
    expect(templateProblems(text)).toEqual([]);
    expect(JSON.parse(resolveTemplate(text, values))).toEqual({ R: 'user/${aws:username}', A: 'id(ACC 1)', O: 'o-org', K: 'key(account_x)' });
  });

  it('resolves the organization id and OU entity paths of the management outputs', () => {
    const text = '{"O":"${data.terraform_remote_state.management.outputs.organization_id}","P":"${data.terraform_remote_state.management.outputs.ou_org_paths["prod"]}*"}';
    expect(templateProblems(text)).toEqual([]);
    expect(JSON.parse(resolveTemplate(text, values))).toEqual({ O: 'o-org', P: 'o-org/r-root/ou(ou_prod)/*' });
  });

  it('flags what Terraform rejects: unescaped IAM variables, JSON-escaped quotes in expressions, non-references', () => {
    expect(templateProblems('user/${aws:username}')).toHaveLength(1);
    expect(templateProblems('${data.terraform_remote_state.management.outputs.account_ids[\\"A\\"]}')).toHaveLength(1);
    expect(templateProblems('${aws:username} ${1 + }')).toHaveLength(2);
    // A valid reference the evaluator has no value for is an error, never silently kept.
    expect(templateProblems('${aws_iam_role.x.arn}')).toEqual([]);
    expect(() => resolveTemplate('${aws_iam_role.x.arn}', values)).toThrow(/cannot resolve/);
  });
});

describe('every string in the synthesized JSON is a template Terraform accepts', () => {
  it.each([
    ['the example org', exampleYaml],
    ['a generated org of 30 members, half imported', () => generateOrgYaml({ members: 30 })],
  ])('%s', (_, yaml) => {
    const { json } = synthYaml(yaml());
    expect(problemsIn(json)).toEqual([]);
    // Not vacuous: the policies do carry both escaped IAM variables and account-id references.
    const all = Object.values(json).flatMap((s) => strings(s).map(([, t]) => t));
    expect(all.some((t) => t.includes('$${aws:username}'))).toBe(true);
    expect(all.some((t) => t.includes('"${data.terraform_remote_state.management.outputs.account_ids["'))).toBe(true);
  });
});
