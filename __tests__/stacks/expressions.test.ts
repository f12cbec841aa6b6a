import { parseConfig } from '../../config/load-config';
import { generateOrgYaml } from '../../fixtures/generate-org';
import { exampleYaml } from '../helpers/example';
import { synthConfig, type StackJson } from '../helpers/synth';
import { interpolations, stringsIn } from './stack-json';

/**
 * Terraform parses every string of the JSON as a template. Each ${...} must be a plain
 * reference (a.b.c, [0], ["name"]): a backslash left by JSON.stringify inside a policy
 * ("Invalid character") or an unescaped IAM variable such as ${aws:username} fails
 * `terraform plan`, which tests here cannot run.
 */
const REFERENCE = /^[A-Za-z_][\w-]*(\.[\w-]+|\[\d+\]|\["[^"\\$]+"\])*$/;

function badTemplates(json: StackJson): string[] {
  return stringsIn(json).flatMap(({ path, value }) => interpolations(value).filter((e) => !REFERENCE.test(e)).map((e) => `${path}: \${${e}}`));
}

describe('Terraform template expressions in the synthesized JSON', () => {
  it('the check catches an escaped quote and an IAM variable', () => {
    expect(badTemplates({ a: '{"P":"arn:${data.x.outputs.ids[\\"IAM\\"]}:root"}' })).toHaveLength(1);
    expect(badTemplates({ a: 'arn:aws:iam::*:user/${aws:username}' })).toEqual(['a: ${aws:username}']);
    expect(badTemplates({ a: 'arn:aws:iam::*:user/$${aws:username}', b: '${data.x.outputs.ids["a b"]}' })).toEqual([]);
  });

  const orgs = {
    example: exampleYaml(),
    'generated, 12 members without ids': generateOrgYaml({ members: 12, importEvery: 0 }),
  };
  for (const [name, yaml] of Object.entries(orgs)) {
    it(`${name}: every interpolation in every stack is a plain reference`, () => {
      const { json } = synthConfig(parseConfig(yaml));
      for (const [stack, content] of Object.entries(json)) expect({ stack, bad: badTemplates(content) }).toEqual({ stack, bad: [] });
      // The policies that embed another stack's outputs are among those checked.
      expect(JSON.stringify(json.identity.resource.aws_iam_policy)).toContain('terraform_remote_state');
      expect(JSON.stringify(json['trust-1'].resource.aws_iam_role)).toContain('terraform_remote_state');
    });
  }
});
