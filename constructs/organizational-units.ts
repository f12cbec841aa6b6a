import { Construct } from 'constructs';
import { DataAwsOrganizationsOrganization } from '@cdktf/provider-aws/lib/data-aws-organizations-organization';
import { OrganizationsOrganizationalUnit } from '@cdktf/provider-aws/lib/organizations-organizational-unit';
import { compareNames } from '../config/iam-names';
import type { OrganizationalUnit } from '../config/model';
import { keyedConstructId } from './construct-ids';
import { ImportBlock } from './import-block';
import { keyedNames } from './keyed-names';
import { RemovedBlock } from './removed-block';

export interface OrganizationalUnitsProps {
  /** Parents before children, as the config model lists them. */
  readonly units: readonly OrganizationalUnit[];
  /** The organization, whose root holds the top-level OUs. */
  readonly organization: DataAwsOrganizationsOrganization;
}

/** Addresses of OUs by key (from the path); moved blocks for renames come from the lock's history. */
export const ouNames = keyedNames('aws_organizations_organizational_unit', 'ou');

/**
 * The OU tree under the organization root, addressed by path (ou_workloads_prod). A retired
 * OU is forgotten by Terraform, not deleted. Renames (moved blocks) come from the lock's
 * history, written by the management stack.
 */
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
    // Path order keeps parents first and the moved and removed arrays independent of YAML order.
    for (const unit of [...props.units].sort((a, b) => compareNames(a.path, b.path))) {
      if (unit.retired) {
        new RemovedBlock(this, keyedConstructId('forget', unit.key), { from: ouNames.address(unit.key) });
        continue;
      }
      const ou = new OrganizationsOrganizationalUnit(this, keyedConstructId('ou', unit.key), {
        name: unit.name,
        parentId: this.parentIdOf(unit.parentPath),
        lifecycle: { preventDestroy: true },
      });
      ou.overrideLogicalId(ouNames.logicalId(unit.key));
      // An OU that exists already (the organization predates this tool, or a retired OU comes back).
      if (unit.id) new ImportBlock(this, keyedConstructId('import', unit.key), { to: ou, id: unit.id });
      this.byPath.set(unit.path, ou);
    }
  }

  /**
   * The entity path of the managed OU at `path`, as IAM's aws:ResourceOrgPaths writes it for
   * accounts in it: "o-…/r-…/ou-…/ou-…/" (every id from the root down, "/" after each).
   */
  entityPathOf(path: string): string {
    const unit = this.props.units.find((u) => u.path === path);
    const above = unit?.parentPath === undefined ? `${this.organizationId()}/${this.parentIdOf(undefined)}/` : this.entityPathOf(unit.parentPath);
    return `${above}${this.parentIdOf(path)}/`;
  }

  /** Entity paths of every managed OU by Terraform key, for identity groups by OU. */
  entityPaths(): Record<string, string> {
    const paths: Record<string, string> = {};
    for (const unit of [...this.props.units].sort((a, b) => compareNames(a.path, b.path))) {
      if (!unit.retired) paths[unit.key] = this.entityPathOf(unit.path);
    }
    return paths;
  }

  private orgId?: string;
  /** The organization id token, made once (see `ids`). */
  organizationId(): string {
    return (this.orgId ??= this.props.organization.id);
  }

  /** The id of the OU at `path`, or of the organization root when undefined. */
  parentIdOf(path: string | undefined): string {
    const key = path ?? '';
    let id = this.ids.get(key);
    if (id === undefined) {
      if (path === undefined) id = this.props.organization.roots.get(0).id;
      else {
        const ou = this.byPath.get(path);
        if (!ou) throw new Error(`unknown or retired OU path ${path}`);
        id = ou.id;
      }
      this.ids.set(key, id);
    }
    return id;
  }
}
