import type { Construct } from 'constructs';
import { TerraformElement } from './cdktf';

export interface RemovedBlockProps {
  /** The address Terraform forgets, e.g. aws_organizations_account.account_old. */
  readonly from: string;
}

/**
 * A Terraform `removed` block with `destroy = false` (Terraform >= 1.7): Terraform forgets
 * the resource and leaves the real object as it is. Nothing here ever asks for a destroy.
 */
export class RemovedBlock extends TerraformElement {
  constructor(
    scope: Construct,
    id: string,
    private readonly props: RemovedBlockProps,
  ) {
    super(scope, id, 'removed');
  }

  override toTerraform(): unknown {
    return { removed: [{ from: this.props.from, lifecycle: { destroy: false } }] };
  }
}
