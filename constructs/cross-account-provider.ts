import type { Construct } from 'constructs';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { LeanAwsProvider } from './lean-elements';
import { roleArn } from '../policies/document';
import { RUNNER_SESSION_NAME } from '../policies/runner-session';

export interface CrossAccountProviderProps {
  /** Literal id, or an expression on another stack's outputs: never a resource of this stack. */
  readonly accountId: string;
  /** The role the provider assumes in that account (the member role, organization.crossAccountRoleName). */
  readonly assumeRoleName: string;
  /** The provider's region. */
  readonly region: string;
  /**
   * The provider alias, where a stack has one provider per account.
   * @default none: the stack's default AWS provider
   */
  readonly alias?: string;
}

/** An AWS provider that works inside another account by assuming its cross-account role. */
export function crossAccountProvider(scope: Construct, id: string, props: CrossAccountProviderProps): AwsProvider {
  return new LeanAwsProvider(scope, id, {
    alias: props.alias,
    region: props.region,
    // Named so that CloudTrail in the member account shows which tool made a change; the trust guard recognises the runner by it.
    assumeRole: [{ roleArn: roleArn(props.accountId, props.assumeRoleName), sessionName: RUNNER_SESSION_NAME }],
  });
}
