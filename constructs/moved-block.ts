import type { Construct } from 'constructs';
import { TerraformElement } from './cdktf';

export interface MovedBlockProps {
  /** The old address, e.g. aws_iam_role.member_old. */
  readonly from: string;
  /** The address the state now belongs to. */
  readonly to: string;
}

/** A Terraform `moved` block: state at `from` now belongs to `to`; nothing is replaced. */
export class MovedBlock extends TerraformElement {
  constructor(
    scope: Construct,
    id: string,
    private readonly props: MovedBlockProps,
  ) {
    super(scope, id, 'moved');
  }

  override toTerraform(): unknown {
    return { moved: [{ from: this.props.from, to: this.props.to }] };
  }
}
