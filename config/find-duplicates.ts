import { formatPath, type ConfigIssue } from '../errors/user-errors';

/** A problem found after parsing; the YAML line is added where the issue is reported. */
export type Issue = Omit<ConfigIssue, 'line'>;

/** Collects the first place each value was seen; reports the later ones. */
export function findDuplicates<T>(
  items: readonly T[],
  valueOf: (item: T) => string | undefined,
  pathOf: (index: number) => (string | number)[],
  message: (value: string, firstPath: string) => string,
): Issue[] {
  const seen = new Map<string, (string | number)[]>();
  const issues: Issue[] = [];
  items.forEach((item, index) => {
    const value = valueOf(item);
    if (value === undefined) return;
    const first = seen.get(value);
    if (first) issues.push({ path: pathOf(index), message: message(value, formatPath(first)) });
    else seen.set(value, pathOf(index));
  });
  return issues;
}
