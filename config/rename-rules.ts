import { findDuplicates, type Issue } from './find-duplicates';
import type { ParsedOrgConfig } from './schema';

/**
 * Two accounts cannot both come from one previous name: Terraform rejects two moved blocks
 * from the same address, and only one of them can own the old account's state.
 */
export function renameIssues(config: ParsedOrgConfig): Issue[] {
  const all = [config.identityAccount, ...config.accounts];
  return findDuplicates(
    all,
    (a) => a.renamedFrom,
    (i) => (i === 0 ? ['identityAccount', 'renamedFrom'] : ['accounts', i - 1, 'renamedFrom']),
    (v, first) => `"${v}" is already the previous name of the account at ${first}; only one account can be renamed from it`,
  );
}
