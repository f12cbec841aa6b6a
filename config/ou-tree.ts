import { terraformKey } from './iam-names';
import type { OrganizationalUnit } from './model';
import type { OrganizationalUnitInput } from './schema';

/** The OU tree as a list, parents before children, each with its path from the root ("Workloads/Prod"). */
export function flattenUnits(units: readonly OrganizationalUnitInput[], parentPath?: string): OrganizationalUnit[] {
  return units.flatMap((ou) => {
    const path = parentPath ? `${parentPath}/${ou.name}` : ou.name;
    return [{ name: ou.name, path, key: terraformKey(path), parentPath }, ...flattenUnits(ou.children ?? [], path)];
  });
}
