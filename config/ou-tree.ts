import { terraformKey } from './iam-names';
import type { OrganizationalUnit } from './model';
import type { OrganizationalUnitInput } from './schema';

interface Parent {
  readonly path: string;
  readonly previousPath: string;
  readonly retired: boolean;
}

/**
 * The OU tree as a list, parents before children, each with its path from the root
 * ("Workloads/Prod"). A rename (renamedFrom) changes the path of every OU below it, and
 * `retired` holds for every OU below a retired one.
 */
export function flattenUnits(units: readonly OrganizationalUnitInput[], parent?: Parent): OrganizationalUnit[] {
  return units.flatMap((ou) => {
    const path = parent ? `${parent.path}/${ou.name}` : ou.name;
    const oldName = ou.renamedFrom ?? ou.name;
    const previousPath = parent ? `${parent.previousPath}/${oldName}` : oldName;
    const retired = (parent?.retired ?? false) || ou.retired === true;
    const unit: OrganizationalUnit = {
      name: ou.name,
      path,
      key: terraformKey(path),
      parentPath: parent?.path,
      ...(ou.id ? { id: ou.id } : {}),
      retired,
      ...(previousPath === path ? {} : { previousPath }),
    };
    return [unit, ...flattenUnits(ou.children ?? [], { path, previousPath, retired })];
  });
}
