import { compareNames, terraformKey } from '../config/iam-names';
import type { OrganizationalUnit } from '../config/model';
import { EMPTY_HISTORY, nextOuHistory, type KeyMove, type LockHistory } from './history';
import type { ShardLock } from './lock-format';

/** The lock's record of OU paths, and what changed against the previous lock. */
export interface OuLockPlan {
  /** Paths of the OUs Terraform manages, sorted. */
  readonly organizationalUnits: readonly string[];
  /** Paths of retired OUs (forgotten on the next apply), sorted; they may leave the config afterwards. */
  readonly retiredOrganizationalUnits: readonly string[];
  readonly changes: readonly string[];
  /** Locked paths that left the config without a renamedFrom or retired: true; Terraform would delete them. */
  readonly removedWithoutRetiring: readonly string[];
  /** The OU part of the lock's history: renames and forgotten OUs. */
  readonly history: Pick<LockHistory, 'ouMoves' | 'forgottenOus'>;
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
  const before = previous.history ?? EMPTY_HISTORY;
  const declared = new Set(units.map((u) => u.key));
  const wasRetired = new Set(previous.retiredOrganizationalUnits ?? []);
  const locked = [...(previous.organizationalUnits ?? []), ...wasRetired].sort(compareNames);
  const previousPaths = resolvePreviousPaths(units, new Set(locked));
  const moves: KeyMove[] = units
    .map((u) => ({ from: terraformKey(previousPaths.get(u.path)!), to: u.key }))
    .filter((m) => m.from !== m.to && (previous.organizationalUnits === undefined || locked.some((p) => terraformKey(p) === m.from)));
  if (previous.organizationalUnits === undefined) {
    const recorded = [...organizationalUnits, ...retiredOrganizationalUnits].sort(compareNames).join(', ') || 'none';
    const history = nextOuHistory(before, moves, [], declared);
    return { organizationalUnits, retiredOrganizationalUnits, changes: [`OUs recorded: ${recorded}`], removedWithoutRetiring: [], history };
  }
  const byPath = new Map(units.map((u) => [u.path, u]));
  const byPreviousPath = new Map(units.filter((u) => previousPaths.get(u.path) !== u.path).map((u) => [previousPaths.get(u.path)!, u]));
  const changes: string[] = [];
  const removedWithoutRetiring: string[] = [];
  const forgotten: string[] = [];

  for (const path of locked) {
    const unit = byPath.get(path);
    const renamed = byPreviousPath.get(path);
    if (unit) {
      if (unit.retired && !wasRetired.has(path)) changes.push(`OU ${path}: retired`);
      if (!unit.retired && wasRetired.has(path)) changes.push(`OU ${path}: managed again`);
    } else if (renamed) changes.push(`OU ${path}: renamed to ${renamed.path}`);
    else if (wasRetired.has(path)) {
      changes.push(`OU ${path}: dropped (was retired)`);
      forgotten.push(terraformKey(path));
    } else removedWithoutRetiring.push(path);
  }
  const known = new Set(locked);
  for (const unit of [...units].sort((a, b) => compareNames(a.path, b.path))) {
    if (!known.has(unit.path) && !known.has(previousPaths.get(unit.path)!)) changes.push(`OU ${unit.path}: added`);
  }
  for (const m of before.ouMoves) if (declared.has(m.from)) changes.push(`history: OU move ${m.from} to ${m.to} dropped (${m.from} is declared again)`);
  for (const k of before.forgottenOus) if (declared.has(k)) changes.push(`history: forgotten OU ${k} dropped (${k} is declared again)`);
  const history = nextOuHistory(before, moves, forgotten, declared);
  return { organizationalUnits, retiredOrganizationalUnits, changes, removedWithoutRetiring, history };
}

/**
 * Each OU's path before this change, parents first. The OU's own renamedFrom counts only
 * where it explains a locked path: a leftover renamedFrom of an applied rename is ignored
 * when the path under the current name is the locked one.
 */
function resolvePreviousPaths(units: readonly OrganizationalUnit[], locked: ReadonlySet<string>): Map<string, string> {
  const resolved = new Map<string, string>();
  for (const unit of units) {
    const parent = unit.parentPath === undefined ? undefined : (resolved.get(unit.parentPath) ?? unit.parentPath);
    const under = (name: string) => (parent === undefined ? name : `${parent}/${name}`);
    const oldName = unit.previousPath === undefined ? unit.name : unit.previousPath.slice(unit.previousPath.lastIndexOf('/') + 1);
    const renamed = under(oldName);
    const current = under(unit.name);
    resolved.set(unit.path, locked.has(renamed) || !locked.has(current) ? renamed : current);
  }
  return resolved;
}
