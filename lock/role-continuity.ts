import { terraformKey } from '../config/iam-names';
import type { ConfigIssue } from '../errors/user-errors';
import { EMPTY_HISTORY } from './history';
import type { ShardLock } from './lock-format';
import type { OrgPlan } from './org-plan';

/**
 * Issues for a plan that drops a member role from the trust stack that holds its state without
 * a word (I4). The previous lock names where each role's state lives: an account's entry, a
 * rename's old address (history.accountMoves) and a forgotten account (history.forgottenAccounts),
 * each with its stack. That stack must still declare the address (the role, or the removed
 * block of a retired account), or carry it as a moved or removed block. Anything else, and the
 * stack's next apply destroys the role: `prevent_destroy` leaves with the resource block. The
 * planner never does this; the check holds whatever produced the plan.
 */
export function roleContinuityIssues(previous: ShardLock, plan: OrgPlan, lockPath: string): ConfigIssue[] {
  const next = plan.lock.history ?? EMPTY_HISTORY;
  const before = previous.history ?? EMPTY_HISTORY;
  const keyed = (key: string, stack: string) => (plan.stacks.get(stack) ?? []).some((a) => a.key === key);
  const continued = (key: string, stack: string) =>
    keyed(key, stack) || next.accountMoves.some((m) => m.from === key && m.stack === stack) || next.forgottenAccounts.some((f) => f.key === key && f.stack === stack);
  const elsewhere = (key: string) => [...plan.stacks.keys()].find((s) => keyed(key, s));
  const reported = new Set(plan.removedWithoutRetiring);
  const held = [
    ...Object.entries(previous.accounts)
      .filter(([name]) => !reported.has(name))
      .map(([name, { stack }]) => ({ key: terraformKey(name), stack, path: ['accounts', name], what: `the role of account "${name}"` })),
    ...before.accountMoves.flatMap((m) => (m.stack ? [{ key: m.from, stack: m.stack, path: ['history', 'accountMoves'], what: `the role renamed from ${m.from}` }] : [])),
    ...before.forgottenAccounts.map((f) => ({ key: f.key, stack: f.stack, path: ['history', 'forgottenAccounts'], what: `the forgotten role ${f.key}` })),
  ];
  return held
    .filter(({ key, stack }) => !continued(key, stack))
    .map(({ key, stack, path, what }) => {
      const to = elsewhere(key);
      return {
        path,
        message:
          `${what} is in ${stack}, but this synth would leave aws_iam_role.member_${key} out of ${stack}${to ? ` (and put it into ${to})` : ''} ` +
          `without a moved or removed block: Terraform would destroy the role there. Nothing was written; restore ${lockPath} from version control.`,
      };
    });
}
