import { Construct } from 'constructs';
import { DataAwsOrganizationsOrganization } from '@cdktf/provider-aws/lib/data-aws-organizations-organization';
import { OrganizationsOrganizationalUnit } from '@cdktf/provider-aws/lib/organizations-organizational-unit';
import type { OrganizationalUnit } from '../config/model';

export interface OrganizationalUnitsProps {
  /** Parents before children, as the config model lists them. */
  readonly units: readonly OrganizationalUnit[];
  readonly organization: DataAwsOrganizationsOrganization;
}

/** The OU tree under the organization root, addressed by path (ou_workloads_prod). */
export class OrganizationalUnits extends Construct {
  private readonly byPath = new Map<string, OrganizationsOrganizationalUnit>();
  /**
   * Id tokens by path ('' for the root), made once: every `.id` read makes a new token, for
   * which cdktf captures a stack trace (~0.1 s per 1,000 accounts under tsx's source maps).
   */
  private readonly ids = new Map<string, string>();

  constructor(
    scope: Construct,
    id: string,
    private readonly props: OrganizationalUnitsProps,
  ) {
    super(scope, id);
    for (const unit of props.units) {
      const ou = new OrganizationsOrganizationalUnit(this, unit.key, {
        name: unit.name,
        parentId: this.parentIdOf(unit.parentPath),
        lifecycle: { preventDestroy: true },
      });
      ou.overrideLogicalId(`ou_${unit.key}`);
      this.byPath.set(unit.path, ou);
    }
  }

  /** The id of the OU at `path`, or of the organization root when undefined. */
  parentIdOf(path: string | undefined): string {
    const key = path ?? '';
    let id = this.ids.get(key);
    if (id === undefined) {
      if (path === undefined) id = this.props.organization.roots.get(0).id;
      else {
        const ou = this.byPath.get(path);
        if (!ou) throw new Error(`unknown OU path ${path}`);
        id = ou.id;
      }
      this.ids.set(key, id);
    }
    return id;
  }
}
