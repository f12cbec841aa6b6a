import { parseConfig } from '../../config/load-config';
import { DEFAULT_AWS_PROVIDER_VERSION } from '../../config/schema';
import { exampleYaml } from '../helpers/example';
import { synthConfig } from '../helpers/synth';

/** terraform.awsProviderVersion reaches every stack's required_providers, replacing the bindings' exact 6.25.0. */
describe('hashicorp/aws version constraint', () => {
  const requiredAws = (yaml: string) => {
    const { json } = synthConfig(parseConfig(yaml));
    return Object.fromEntries(Object.entries(json).map(([name, stack]) => [name, withFullSource((stack as any).terraform.required_providers.aws)]));
  };
  // cdktf writes the short source "aws", cdktn "hashicorp/aws": Terraform reads both as registry.terraform.io/hashicorp/aws.
  const withFullSource = (aws: { source: string; version: string }) => ({ ...aws, source: aws.source.includes('/') ? aws.source : `hashicorp/${aws.source}` });

  it('defaults to a range that admits 5.100.0 and 6.x in every stack', () => {
    expect(DEFAULT_AWS_PROVIDER_VERSION).toBe('>= 5.100.0, < 7.0.0');
    const byStack = requiredAws(exampleYaml());
    expect(Object.keys(byStack).sort()).toEqual(['identity', 'management', 'trust-1']);
    for (const aws of Object.values(byStack)) expect(aws).toEqual({ source: 'hashicorp/aws', version: DEFAULT_AWS_PROVIDER_VERSION });
  });

  it('takes the configured constraint, literally', () => {
    const byStack = requiredAws(`${exampleYaml()}\nterraform:\n  awsProviderVersion: "~> 6.25"\n`);
    for (const aws of Object.values(byStack)) expect(aws).toEqual({ source: 'hashicorp/aws', version: '~> 6.25' });
  });

  it.each(['6.25.0', '>= 5.100.0, < 7.0.0', '~> 6.0', '!= 6.1.0, >= 6', '= 6.25.0-beta1'])('accepts %s', (constraint) => {
    expect(() => parseConfig(`${exampleYaml()}\nterraform:\n  awsProviderVersion: "${constraint}"\n`)).not.toThrow();
  });

  it.each(['latest', '>= 6.0 < 7.0', '6.x', '', '${var.v}'])('refuses %j with the field path', (constraint) => {
    expect(() => parseConfig(`${exampleYaml()}\nterraform:\n  awsProviderVersion: "${constraint}"\n`)).toThrow(/terraform\.awsProviderVersion: must be a Terraform version constraint/);
  });
});
