import { Construct } from 'constructs';
import type { Account, BackendConfig } from '../config/model';
import type { TerraformRemoteState } from './cdktf';
import { remoteState } from './state-backend';

export interface AccountIdSourceProps {
  /** The backend of the stack that outputs the ids (every stack of the organization shares one). */
  readonly backend: BackendConfig;
  /** The stack whose state holds the ids; also the logical id of the remote state read. */
  readonly stackName: string;
  /** That stack's output: a map from account name to account id. */
  readonly outputName: string;
}

/**
 * Account ids for a stack other than the one that creates the accounts: the config's id where
 * given, else that stack's output read through terraform_remote_state. Never a resource of the
 * consuming stack, so provider configurations are known at plan time (I3, docs/invariants.md).
 */
export class AccountIdSource extends Construct {
  private state?: TerraformRemoteState;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: AccountIdSourceProps,
  ) {
    super(scope, id);
  }

  idOf(account: Account): string {
    if (account.id) return account.id;
    const state = this.outputsState();
    return `\${data.terraform_remote_state.${state.friendlyUniqueId}.outputs.${this.props.outputName}["${account.name}"]}`;
  }

  /** Created on first use: a stack whose ids all come from the config reads no other state. */
  private outputsState(): TerraformRemoteState {
    if (!this.state) {
      this.state = remoteState(this, 'state', this.props.backend, this.props.stackName);
      this.state.overrideLogicalId(this.props.stackName);
    }
    return this.state;
  }
}
