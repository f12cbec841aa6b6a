import type { Construct } from 'constructs';
import { TerraformElement, type TerraformProvider, type TerraformResource } from './cdktf';

/** The Terraform address of a resource, e.g. aws_iam_role.member_prod. */
export function addressOf(resource: TerraformResource): string {
  return `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
}

/**
 * Logical ids and addresses of one resource type whose instances are named by a stable key
 * (account01 -> account_account01), so that import, moved and removed blocks agree with
 * the resources they point at.
 */
export function keyedNames(type: string, prefix: string) {
  const logicalId = (key: string) => `${prefix}_${key}`;
  return { logicalId, address: (key: string) => `${type}.${logicalId(key)}` };
}

export interface ImportBlockProps {
  /** The resource to bring under management. */
  readonly to: TerraformResource;
  /** The provider-specific import id (an account id, a role name). */
  readonly id: string;
  /** The provider configuration that reads the resource; the default one if omitted. */
  readonly provider?: TerraformProvider;
}

/**
 * A Terraform `import` block. cdktf's own `importFrom` runs `terraform version` once per
 * imported resource at synth (53 s at 1,000 imports); the version is checked once for
 * the whole app instead (see terraform-version.ts).
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

/**
 * A Terraform `removed` block with `destroy = false` (Terraform >= 1.7): Terraform forgets
 * the resource and leaves the real object as it is.
 */
export class ForgetBlock extends TerraformElement {
  constructor(
    scope: Construct,
    id: string,
    private readonly from: string,
  ) {
    super(scope, id, 'removed');
  }

  override toTerraform(): unknown {
    return { removed: [{ from: this.from, lifecycle: { destroy: false } }] };
  }
}

/** A Terraform `moved` block: state at `from` now belongs to `to`; nothing is replaced. */
export class MovedBlock extends TerraformElement {
  constructor(
    scope: Construct,
    id: string,
    private readonly addresses: { readonly from: string; readonly to: string },
  ) {
    super(scope, id, 'moved');
  }

  override toTerraform(): unknown {
    return { moved: [{ from: this.addresses.from, to: this.addresses.to }] };
  }
}
