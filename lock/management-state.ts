import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateFileName } from './state-location';

const ACCOUNT = /^account_(.+)$/;

/**
 * Account keys whose aws_organizations_account the management stack's local state holds, or
 * undefined where no local state file exists (state is remote, or nothing was applied here).
 * Evidence where it exists, not a state reader: a file that is not state counts as none.
 */
export function accountsInManagementState(stateDirs: readonly string[], managementStack: string): Set<string> | undefined {
  let found: Set<string> | undefined;
  for (const dir of stateDirs) {
    const file = join(dir, stateFileName(managementStack));
    if (!existsSync(file)) continue;
    found ??= new Set();
    try {
      const resources = (JSON.parse(readFileSync(file, 'utf8')) as { resources?: { mode?: string; type?: string; name?: string; instances?: unknown[] }[] }).resources ?? [];
      for (const r of resources) {
        const key = r.mode === 'managed' && r.type === 'aws_organizations_account' ? ACCOUNT.exec(r.name ?? '')?.[1] : undefined;
        if (key && r.instances?.length) found.add(key);
      }
    } catch {
      // not Terraform state: no evidence
    }
  }
  return found;
}
