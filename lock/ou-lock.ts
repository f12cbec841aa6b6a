import { compareNames } from '../config/iam-names';
import type { OrganizationalUnit } from '../config/model';
import type { ShardLock } from './trust-shards';

/** The lock's record of OU paths, and what changed against the previous lock. */
export interface OuLockPlan {
  /** Paths of the OUs Terraform manages, sorted. */
  readonly organizationalUnits: readonly string[];
  /** Paths of retired OUs (forgotten on the next apply), sorted; they may leave the config afterwards. */
  readonly retiredOrganizationalUnits: readonly string[];
  readonly changes: readonly string[];
  /** Locked paths that left the config without a renamedFrom or retired: true; Terraform would delete them. */
  readonly removedWithoutRetiring: readonly string[];
}

const sortedPaths = (units: readonly OrganizationalUnit[]) => units.map((u) => u.path).sort(compareNames);

/**
 * Records OU paths in the lock. A locked path must stay in the config, be explained by a
 * renamedFrom (of the OU or of one above it), or have been retired in the lock before.
 * A lock written before OUs were recorded takes the current ones as they are.
 */
export function planOrganizationalUnits(units: readonly OrganizationalUnit[], previous: ShardLock): OuLockPlan {
  const organizationalUnits = sortedPaths(units.filter((u) => !u.retired));
  const retiredOrganizationalUnits = sortedPaths(units.filter((u) => u.retired));
  if (previous.organizationalUnits === undefined) {
    const recorded = [...organizationalUnits, ...retiredOrganizationalUnits].sort(compareNames).join(', ') || 'none';
    return { organizationalUnits, retiredOrganizationalUnits, changes: [`OUs recorded: ${recorded}`], removedWithoutRetiring: [] };
  }
  const byPath = new Map(units.map((u) => [u.path, u]));
  const byPreviousPath = new Map(units.filter((u) => u.previousPath).map((u) => [u.previousPath!, u]));
  const wasRetired = new Set(previous.retiredOrganizationalUnits ?? []);
  const locked = [...previous.organizationalUnits, ...wasRetired].sort(compareNames);
  const changes: string[] = [];
  const removedWithoutRetiring: string[] = [];

  for (const path of locked) {
    const unit = byPath.get(path);
    const renamed = byPreviousPath.get(path);
    if (unit) {
      if (unit.retired && !wasRetired.has(path)) changes.push(`OU ${path}: retired`);
      if (!unit.retired && wasRetired.has(path)) changes.push(`OU ${path}: managed again`);
    } else if (renamed) changes.push(`OU ${path}: renamed to ${renamed.path}`);
    else if (wasRetired.has(path)) changes.push(`OU ${path}: dropped (was retired)`);
    else removedWithoutRetiring.push(path);
  }
  const known = new Set(locked);
  for (const unit of [...units].sort((a, b) => compareNames(a.path, b.path))) {
    if (!known.has(unit.path) && !(unit.previousPath && known.has(unit.previousPath))) changes.push(`OU ${unit.path}: added`);
  }
  return { organizationalUnits, retiredOrganizationalUnits, changes, removedWithoutRetiring };
}
