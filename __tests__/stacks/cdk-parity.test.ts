import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cdkPackage, parityConfigs, providerAddress, terraformView } from '../helpers/cdk-parity';
import { synthFilesOnDisk } from '../helpers/synth';

/**
 * cdktf and cdktn write the same Terraform. The comparison runs where a reference of the other
 * CDK exists: scripts/test-cdktn.sh writes the cdktf one and sets CDK_PARITY_REFERENCE for the
 * cdktn copy's npm test (CI step 3). The normalizer it relies on is tested everywhere.
 */
const exampleStack = () => JSON.parse(synthFilesOnDisk(parityConfigs().example).files['trust-1']);

describe('terraformView: what Terraform reads of a stack', () => {
  it.each([
    ['aws', 'registry.terraform.io/hashicorp/aws'],
    ['hashicorp/aws', 'registry.terraform.io/hashicorp/aws'],
    ['HashiCorp/AWS', 'registry.terraform.io/hashicorp/aws'],
    ['registry.terraform.io/hashicorp/aws', 'registry.terraform.io/hashicorp/aws'],
    ['acme/aws', 'registry.terraform.io/acme/aws'],
    ['example.com/hashicorp/aws', 'example.com/hashicorp/aws'],
  ])('provider source %j resolves to %s', (source, address) => expect(providerAddress(source)).toBe(address));

  it('ignores "//" comments at every level and the short provider source', () => {
    const stack = exampleStack();
    const spelled = structuredClone(stack);
    spelled.terraform.required_providers.aws.source = 'hashicorp/aws';
    spelled['//'] = { metadata: { version: '0.24.0' } };
    for (const resources of Object.values(spelled.resource as Record<string, Record<string, Record<string, unknown>>>)) {
      for (const body of Object.values(resources)) body['//'] = { metadata: { path: 'elsewhere' } };
    }
    expect(terraformView(spelled)).toEqual(terraformView(stack));
  });

  // Hostile edits: each changes what Terraform would do, so each must be seen.
  const edits: [string, (s: any) => void][] = [
    ['another provider', (s) => (s.terraform.required_providers.aws.source = 'acme/aws')],
    ['another version constraint', (s) => (s.terraform.required_providers.aws.version = '~> 6.0')],
    ['a trust policy changed', (s) => {
      const role = Object.values(s.resource.aws_iam_role as Record<string, { assume_role_policy: string }>)[0];
      role.assume_role_policy = role.assume_role_policy.replace('"Allow"', '"Deny"');
    }],
    ['prevent_destroy dropped', (s) => {
      const role = Object.values(s.resource.aws_iam_role as Record<string, { lifecycle?: Record<string, unknown> }>)[0];
      delete role.lifecycle;
    }],
    ['an import block removed', (s) => s.import.pop()],
    ['import blocks reordered', (s) => s.import.reverse()],
    ['a provider alias renamed', (s) => (s.provider.aws[1].alias = 'other')],
    ['the backend moved', (s) => (s.terraform.backend = { s3: { bucket: 'x' } })],
    ['an output added', (s) => (s.output = { ...s.output, extra: { value: 'x' } })],
    ['a "//" key smuggled into a value', (s) => (s.terraform.required_providers.aws.version = '//')],
  ];
  it.each(edits)('sees %s', (_, edit) => {
    const stack = exampleStack();
    const edited = structuredClone(stack);
    edit(edited);
    expect(terraformView(edited)).not.toEqual(terraformView(stack));
  });
});

const reference = process.env.CDK_PARITY_REFERENCE;
(reference ? describe : describe.skip)(`the same Terraform as the other CDK (${reference ?? 'CDK_PARITY_REFERENCE not set'})`, () => {
  it('compares with a reference written by the other CDK, not by this one', () => {
    const written = JSON.parse(readFileSync(join(reference!, 'cdk.json'), 'utf8')) as { cdk: string };
    expect(written.cdk).toMatch(/^cdkt[fn]$/);
    expect(written.cdk).not.toBe(cdkPackage());
  });

  it.each(Object.entries(parityConfigs()))('%s: every stack', (name, yaml) => {
    const dir = join(reference!, name);
    expect(existsSync(dir)).toBe(true);
    const mine = synthFilesOnDisk(yaml).files;
    expect(Object.keys(mine).sort()).toEqual(readdirSync(dir).map((f) => f.replace(/\.json$/, '')).sort());
    for (const [stack, text] of Object.entries(mine)) {
      const theirs = JSON.parse(readFileSync(join(dir, `${stack}.json`), 'utf8'));
      expect([stack, terraformView(JSON.parse(text))]).toEqual([stack, terraformView(theirs)]);
    }
  });
});
