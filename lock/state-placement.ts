import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigIssue } from '../errors/user-errors';
import type { BackendConfig } from '../config/model';
import type { OrgPlan } from './org-plan';
import { isTrustStackName } from './stack-naming';
import { stackOfStateFile } from './state-location';

const MEMBER_ROLE = /^member_(.+)$/;

interface StateResource {
  readonly mode?: string;
  readonly type?: string;
  readonly name?: string;
  readonly instances?: readonly unknown[];
}

/**
 * Member-role key to the trust stack whose local state holds that role, read from
 * terraform.trust-N.tfstate files. Files that are not Terraform state are skipped: this is
 * evidence where it exists, not a state reader.
 */
export function memberRolesInState(stateDirs: readonly string[]): Map<string, { stack: string; file: string }> {
  const found = new Map<string, { stack: string; file: string }>();
  for (const dir of stateDirs.filter((d) => existsSync(d))) {
    for (const name of readdirSync(dir).sort()) {
      const stack = stackOfStateFile(name);
      if (!stack || !isTrustStackName(stack)) continue;
      const file = join(dir, name);
      let resources: readonly StateResource[] = [];
      try {
        resources = (JSON.parse(readFileSync(file, 'utf8')) as { resources?: StateResource[] }).resources ?? [];
      } catch {
        continue;
      }
      for (const r of Array.isArray(resources) ? resources : []) {
        const key = r.mode === 'managed' && r.type === 'aws_iam_role' ? MEMBER_ROLE.exec(r.name ?? '')?.[1] : undefined;
        if (key && r.instances?.length) found.set(key, { stack, file });
      }
    }
  }
  return found;
}

/**
 * Issues for a plan that puts an account in another trust stack than the one whose local state
 * holds its role: Terraform would delete the role from one stack and import it into another.
 * This catches what the lock's seal cannot: a lock of an older version (unsealed) edited by
 * hand, or one rebuilt from scratch. Remote state is not read.
 */
export function placementIssues(plan: OrgPlan, lockPath: string, backend: BackendConfig, stateDirs: readonly string[]): ConfigIssue[] {
  if (backend.type !== 'local') return [];
  const inState = memberRolesInState(stateDirs);
  const issues: ConfigIssue[] = [];
  for (const [stack, accounts] of plan.stacks) {
    for (const account of accounts) {
      const held = inState.get(account.key);
      if (held && held.stack !== stack) {
        issues.push({
          path: ['accounts', account.name],
          message:
            `would move account "${account.name}" to ${stack}, but its role's state is in ${held.stack} (${held.file}): ` +
            `Terraform would delete the role from ${held.stack} and import it into ${stack}. Restore ${lockPath} from version control.`,
        });
      }
    }
  }
  return issues;
}
