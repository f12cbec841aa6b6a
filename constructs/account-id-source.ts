import { Construct } from 'constructs';
import type { Account, BackendConfig } from '../config/model';
import type { TerraformRemoteState } from './cdktf';
import { remoteState } from './state-backend';

/** The outputs of the stack that creates the accounts, by name. */
export interface ManagementOutputNames {
  /** A map from account name to account id. */
  readonly accountIds: string;
  /** The organization id (o-…). */
  readonly organizationId: string;
  /** A map from OU key to its entity path "o-…/r-…/ou-…/". */
  readonly ouPaths: string;
}

export interface AccountIdSourceProps {
  /** The backend of the stack that outputs the ids (every stack of the organization shares one). */
  readonly backend: BackendConfig;
  /** The stack whose state holds the ids; also the logical id of the remote state read. */
  readonly stackName: string;
  /** That stack's outputs. */
  readonly outputs: ManagementOutputNames;
}

/**
 * Ids for a stack other than the one that creates the accounts: the config's where given, else
 * that stack's outputs read through terraform_remote_state (account ids, the organization id,
 * OU entity paths). Never a resource of the consuming stack, so provider configurations are
 * known at plan time (I3, docs/invariants.md).
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
    return `\${${this.outputs()}.${this.props.outputs.accountIds}["${account.name}"]}`;
  }

  /** The organization id: organization.id of the config, else the management stack's output. */
  organizationId(configured: string | undefined): string {
    return configured ?? `\${${this.outputs()}.${this.props.outputs.organizationId}}`;
  }

  /** Entity path "o-…/r-…/ou-…/" of the OU with Terraform key `ouKey`: OU ids exist only once management is applied. */
  ouPathOf(ouKey: string): string {
    return `\${${this.outputs()}.${this.props.outputs.ouPaths}["${ouKey}"]}`;
  }

  private outputs(): string {
    return `data.terraform_remote_state.${this.outputsState().friendlyUniqueId}.outputs`;
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
