import type { Construct } from 'constructs';
import type { Account, BackendConfig } from '../config/model';
import type { TerraformRemoteState } from './cdktf';
import { ACCOUNT_IDS_OUTPUT, MANAGEMENT_STACK, ORGANIZATION_ID_OUTPUT, OU_PATHS_OUTPUT } from '../stacks/stack-names';
import { remoteState } from './state-backend';

/**
 * Ids for a stack other than `management`: the config's where given, else the management
 * stack's outputs read through terraform_remote_state (account ids, the organization id, OU
 * entity paths). Never a resource of the consuming stack, so provider configurations are
 * known at plan time (invariant 3).
 */
export class AccountIdSource {
  private state?: TerraformRemoteState;

  constructor(
    private readonly scope: Construct,
    private readonly backend: BackendConfig,
  ) {}

  idOf(account: Account): string {
    if (account.id) return account.id;
    return `\${${this.outputs()}.${ACCOUNT_IDS_OUTPUT}["${account.name}"]}`;
  }

  /** The organization id: organization.id of the config, else the management stack's data source. */
  organizationId(configured: string | undefined): string {
    return configured ?? `\${${this.outputs()}.${ORGANIZATION_ID_OUTPUT}}`;
  }

  /** Entity path "o-…/r-…/ou-…/" of the OU with Terraform key `ouKey`: OU ids exist only once management is applied. */
  ouPathOf(ouKey: string): string {
    return `\${${this.outputs()}.${OU_PATHS_OUTPUT}["${ouKey}"]}`;
  }

  private outputs(): string {
    return `data.terraform_remote_state.${this.managementState().friendlyUniqueId}.outputs`;
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
