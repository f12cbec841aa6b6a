import { mdText } from './markdown-text';

/**
 * Long tables for people: rows that say the same thing (the same OU and access cells, the same
 * trust) are one row with the accounts it covers, counted. Up to UNGROUPED_ROWS accounts a
 * table keeps one row per account, as small organizations read it best; the JSON report always
 * keeps every row.
 */
export const UNGROUPED_ROWS = 50;
/** Accounts named in a grouped row before "… and N more". */
const NAMED = 5;

export interface RowGroup<T> {
  /** The first row of the group: what every row of it says. */
  readonly sample: T;
  readonly accounts: readonly string[];
}

/** Rows grouped by `key`, in order of first appearance. */
export function groupRows<T>(rows: readonly T[], key: (row: T) => string, account: (row: T) => string): RowGroup<T>[] {
  const groups = new Map<string, { sample: T; accounts: string[] }>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k) ?? { sample: row, accounts: [] };
    group.accounts.push(account(row));
    groups.set(k, group);
  }
  return [...groups.values()];
}

/** "12 accounts: a, b, c, d, e, … and 7 more" (names as Markdown text). */
export function accountsCell(accounts: readonly string[]): string {
  const named = accounts.slice(0, NAMED).map(mdText).join(', ');
  if (accounts.length === 1) return named;
  return `${accounts.length} accounts: ${named}${accounts.length > NAMED ? `, … and ${accounts.length - NAMED} more` : ''}`;
}

/** "identity, management, trust-1 … trust-100 (102 stacks)" for long stack lists. */
export function stacksText(stacks: readonly string[]): string {
  if (stacks.length <= 10) return stacks.map(mdText).join(', ');
  return `${stacks.slice(0, 3).map(mdText).join(', ')}, … ${mdText(stacks[stacks.length - 1])} (${stacks.length} stacks)`;
}
