import type { Construct } from 'constructs';
import { TerraformElement, type TerraformProvider, type TerraformResource } from './cdktf';

export interface ImportBlockProps {
  /** The resource to bring under management. */
  readonly to: TerraformResource;
  /** The provider-specific import id (an account id, a role name). */
  readonly id: string;
  /**
   * The provider configuration that reads the resource.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** The Terraform address of a resource, e.g. aws_iam_role.member_prod. */
const addressOf = (resource: TerraformResource) => `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;

/**
 * A Terraform `import` block. cdktf's own `importFrom` runs `terraform version` once per
 * imported resource at synth (53 s at 1,000 imports); the version is checked once for
 * the whole app instead (see toolchain/terraform-version.ts).
 */
export class ImportBlock extends TerraformElement {
  constructor(
    scope: Construct,
    id: string,
    private readonly props: ImportBlockProps,
  ) {
    super(scope, id, 'import');
  }

  override toTerraform(): unknown {
    const { to, id, provider } = this.props;
    return { import: [{ to: addressOf(to), id, ...(provider ? { provider: provider.fqn } : {}) }] };
  }
}
