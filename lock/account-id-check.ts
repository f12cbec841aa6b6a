import { readFileSync } from 'node:fs';
import type { ConfigIssue } from '../errors/user-errors';
import type { OrgConfig } from '../config/model';
import { YamlSource } from '../config/yaml-source';
import { lockedEntryOf, type ShardLock } from './lock-format';

/**
 * A config that gives a locked account another id than the lock records. Terraform's state
 * holds the first account at the account's addresses (its `aws_organizations_account`, its
 * role in the trust stack): a new id would point the same addresses at another AWS account,
 * whose role the trust stack would then rewrite while the state still describes the first.
 * An id that the config leaves out is no change: the lock keeps it. Issues are the config's,
 * with YAML lines.
 */
export function accountIdIssues(configPath: string, config: OrgConfig, previous: ShardLock, lockPath: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  config.accounts.forEach((account, i) => {
    const locked = lockedEntryOf(account, previous)?.id;
    if (account.id === undefined || locked === undefined || locked === account.id) return;
    issues.push({
      path: ['accounts', i, 'id'],
      message:
        `is ${account.id}, but ${lockPath} records account "${account.name}" as ${locked}, and Terraform's state holds that account: ` +
        'a new id would point its addresses at another AWS account. An account keeps its id; to manage the other account instead, ' +
        `retire this one (id ${locked}, \`retired: true\`), synth and apply, delete its entry and synth, then add the other account as a new entry ` +
        '(docs/change-safety.md, "Point a name at another account").',
    });
  });
  if (!issues.length) return issues;
  // Lines only on this path: the config was valid, so it parses again.
  const source = YamlSource.parse(readFileSync(configPath, 'utf8')).source;
  return issues.map((issue) => ({ ...issue, line: source?.lineOf(issue.path) }));
}
