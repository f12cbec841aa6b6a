import type { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { roleArn } from '../policies/document';

export interface CrossAccountProviderProps {
  /** Literal id, or an expression on another stack's outputs: never a resource of this stack. */
  readonly accountId: string;
  readonly roleName: string;
  readonly region: string;
  /** Set for a provider alias; the default provider of the stack otherwise. */
  readonly alias?: string;
}

/**
 * The AWS provider without its ~200 unset arguments: cdktf drops them from the JSON anyway,
 * but only after converting and resolving each one, for every alias (10,000 at 10,000
 * members). The JSON is the same.
 */
class LeanAwsProvider extends AwsProvider {
  protected override synthesizeAttributes(): Record<string, unknown> {
    return Object.fromEntries(Object.entries(super.synthesizeAttributes()).filter(([, v]) => v !== undefined));
  }
}

/** An AWS provider that works inside another account by assuming its cross-account role. */
export function crossAccountProvider(scope: Construct, id: string, props: CrossAccountProviderProps): AwsProvider {
  return new LeanAwsProvider(scope, id, {
    alias: props.alias,
    region: props.region,
    // Named so that CloudTrail in the member account shows which tool made a change.
    assumeRole: [{ roleArn: roleArn(props.accountId, props.roleName), sessionName: 'org-trust' }],
  });
}
