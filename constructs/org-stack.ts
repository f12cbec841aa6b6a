import { TerraformStack } from './cdktf';

/**
 * A stack of this app. cdktf's `prepareStack` resolves every element once more before synth,
 * only to find references to another stack's resources and turn them into outputs and remote
 * state; this app makes no such references (ids cross stacks through explicit remote state,
 * constructs/account-ids.ts), and that run cost ~3 s of ~12 s CPU at 10,000 members. The
 * output is the same byte for byte (__tests__/stacks/org-stack.test.ts).
 */
export class OrgStack extends TerraformStack {
  override prepareStack(): void {
    this.ensureBackendExists();
  }
}
