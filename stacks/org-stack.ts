import type { Construct } from 'constructs';
import type { Account, BackendConfig } from '../config/model';
import { AccountIdSource } from '../constructs/account-id-source';
import { LeanStack } from '../constructs/lean-stack';
import { requireAwsProvider } from '../constructs/provider-version';
import { configureStateBackend } from '../constructs/state-backend';
import { ACCOUNT_IDS_OUTPUT, MANAGEMENT_STACK, ORGANIZATION_ID_OUTPUT, OU_PATHS_OUTPUT } from './stack-names';

/** What every stack of the organization is given. */
export interface OrgStackProps {
  /** Where the stack keeps its state; the identity and trust stacks read the management stack's outputs through it too. */
  readonly backend: BackendConfig;
  /** The hashicorp/aws version constraint written into the stack's required_providers. */
  readonly awsProviderVersion: string;
  /** The region of every AWS provider of the stack. */
  readonly region: string;
  /**
   * The config's organization.crossAccountRoleName: the role Organizations creates in every
   * account, which the identity and trust stacks assume and whose trust the trust stacks rewrite.
   */
  readonly memberRoleName: string;
  /** The identity ("IAM") account, where people live. */
  readonly identityAccount: Account;
}

/**
 * A stack of the organization: its state backend and its hashicorp/aws version constraint,
 * synthesized by the lean base (constructs/lean-stack.ts).
 */
export abstract class OrgStack extends LeanStack {
  constructor(scope: Construct, id: string, props: OrgStackProps) {
    super(scope, id);
    configureStateBackend(this, props.backend);
    requireAwsProvider(this, props.awsProviderVersion);
  }

  /** Account ids, the organization id and OU paths: from the config, else from the management stack's outputs (for the identity and trust stacks). */
  protected managementAccountIds(backend: BackendConfig): AccountIdSource {
    return new AccountIdSource(this, 'account-ids', {
      backend,
      stackName: MANAGEMENT_STACK,
      outputs: { accountIds: ACCOUNT_IDS_OUTPUT, organizationId: ORGANIZATION_ID_OUTPUT, ouPaths: OU_PATHS_OUTPUT },
    });
  }
}
