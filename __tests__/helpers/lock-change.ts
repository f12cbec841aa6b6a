import { throwIfIssues } from '../../errors/user-errors';
import { lockChangeIssues, type LockChangeOptions } from '../../lock/lock-check';
import type { OrgPlan } from '../../lock/org-plan';

/** The lock-change issues as synth reports them: one ConfigError for `lockPath` listing every one, or nothing. */
export function checkLockChange(plan: OrgPlan, lockPath: string, options: LockChangeOptions): void {
  throwIfIssues(lockPath, lockChangeIssues(plan, lockPath, options));
}
