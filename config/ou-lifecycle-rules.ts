import { findDuplicates, type Issue } from './find-duplicates';
import { flattenUnits } from './ou-tree';
import type { OrganizationalUnitInput, ParsedOrgConfig } from './schema';

type Path = (string | number)[];

/**
 * Rules for OUs that are being renamed (renamedFrom) or retired. Retiring an OU retires
 * every OU below it, so no account that is still managed may sit anywhere in that subtree.
 */
export function organizationalUnitLifecycleIssues(config: ParsedOrgConfig): Issue[] {
  return [...treeIssues(config.organization.organizationalUnits, ['organization', 'organizationalUnits'], false), ...accountsInRetiredUnits(config)];
}

function treeIssues(units: readonly OrganizationalUnitInput[], path: Path, parentRetired: boolean): Issue[] {
  const siblings = new Set(units.map((u) => u.name.toLowerCase()));
  const issues = findDuplicates(units, (u) => u.renamedFrom?.toLowerCase(), (i) => [...path, i, 'renamedFrom'], (v, first) =>
    `"${v}" is already the renamedFrom of ${first}; two OUs cannot come from one`);
  units.forEach((ou, i) => {
    const at = (field: string): Path => [...path, i, field];
    if (ou.renamedFrom !== undefined) {
      if (ou.renamedFrom === ou.name) {
        issues.push({ path: at('renamedFrom'), message: `is the OU's current name; remove it` });
      } else if (siblings.has(ou.renamedFrom.toLowerCase()) && ou.renamedFrom.toLowerCase() !== ou.name.toLowerCase()) {
        issues.push({ path: at('renamedFrom'), message: `"${ou.renamedFrom}" is the name of another OU under the same parent` });
      }
      if (ou.retired || parentRetired) {
        issues.push({ path: at('renamedFrom'), message: 'cannot be combined with retired: true (here or above); apply the rename first, then retire' });
      }
    }
    if (parentRetired && ou.retired === false) {
      issues.push({ path: at('retired'), message: 'is false, but an OU above it is retired, which retires every OU under it' });
    }
    issues.push(...treeIssues(ou.children ?? [], [...path, i, 'children'], parentRetired || ou.retired === true));
  });
  return issues;
}

function accountsInRetiredUnits(config: ParsedOrgConfig): Issue[] {
  const retired = new Set(flattenUnits(config.organization.organizationalUnits).filter((u) => u.retired).map((u) => u.path));
  const accounts: { ou?: string; retired?: boolean; path: Path }[] = [
    { ...config.identityAccount, path: ['identityAccount', 'ou'] },
    ...config.accounts.map((a, i) => ({ ...a, path: ['accounts', i, 'ou'] })),
  ];
  return accounts
    .filter((a) => a.ou !== undefined && retired.has(a.ou) && !a.retired)
    .map((a) => ({
      path: a.path,
      message:
        `OU "${a.ou}" is retired (it or an OU above it says retired: true); move the account to a managed OU` +
        (a.path[0] === 'accounts' ? ', or retire the account too' : ''),
    }));
}
