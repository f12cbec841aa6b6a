import type { Construct } from 'constructs';
import type { Account, BackendConfig } from '../config/model';
import type { TerraformRemoteState } from './cdktf';
import { ACCOUNT_IDS_OUTPUT, MANAGEMENT_STACK } from '../stacks/stack-names';
import { remoteState } from './state-backend';


/**
 * Account ids for a stack other than `management`: the config's id where given, else the
 * management stack's output read through terraform_remote_state. Never a resource of the
 * consuming stack, so provider configurations are known at plan time (invariant 3).
 */
export class AccountIdSource {
  private state?: TerraformRemoteState;

  constructor(
    private readonly scope: Construct,
    private readonly backend: BackendConfig,
  ) {}

  idOf(account: Account): string {
    if (account.id) return account.id;
    const state = this.managementState();
    return `\${data.terraform_remote_state.${state.friendlyUniqueId}.outputs.${ACCOUNT_IDS_OUTPUT}["${account.name}"]}`;
  }

  /** Created on first use: a stack whose ids all come from the config reads no other state. */
  private managementState(): TerraformRemoteState {
    if (!this.state) {
      this.state = remoteState(this.scope, 'management-state', this.backend, MANAGEMENT_STACK);
      this.state.overrideLogicalId(MANAGEMENT_STACK);
    }
    return this.state;
  }
}
