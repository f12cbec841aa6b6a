import type { Construct } from 'constructs';
import { policyJson, type PolicyDocument } from '../policies/document';
import type { Account, BackendConfig } from '../config/model';
import type { TerraformRemoteState } from './cdktf';
import { remoteState } from './state-backend';

export const MANAGEMENT_STACK = 'management';
/** The management stack's output: a map from account name to account id. */
export const ACCOUNT_IDS_OUTPUT = 'account_ids';

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

/** Escapes IAM policy variables such as ${aws:username} so Terraform does not interpolate them. */
export function escapePolicyVariables(json: string): string {
  // A function replacement: in a replacement string "$$" would collapse to a single "$".
  return json.replace(/\$\{aws:/g, () => '$${aws:');
}

/**
 * A policy document as a Terraform string. IAM variables are escaped; and inside each
 * Terraform expression the quotes that JSON.stringify escaped (account_ids[\"NAME\"]) are
 * restored, since HCL rejects a backslash inside ${...} ("Invalid character").
 */
export function terraformPolicyJson(doc: PolicyDocument): string {
  return escapePolicyVariables(policyJson(doc)).replace(/(?<!\$)\$\{[^}]*\}/g, (expr) => expr.replace(/\\"/g, '"'));
}
