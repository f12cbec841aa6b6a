import type { TerraformStack } from './cdktf';

/**
 * Replaces the exact hashicorp/aws version that @cdktf/provider-aws writes into
 * required_providers (the one its bindings were generated from) with the configured
 * constraint, so that stacks init against the provider an organization pins or mirrors.
 */
export function requireAwsProvider(stack: TerraformStack, versionConstraint: string): void {
  stack.addOverride('terraform.required_providers.aws.version', versionConstraint);
}
