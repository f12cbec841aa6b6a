import type { PlanOutcome } from './terraform';
import type { RunResult } from './run';
import type { OrgWorkspace } from './workspace';

export interface StackPlan {
  readonly stack: string;
  readonly outcome: PlanOutcome;
  readonly result: RunResult;
}

export interface ApplyOptions {
  /** Extra init arguments for every stack. */
  readonly initArgs?: readonly string[];
  /** Only the stacks this accepts, e.g. (s) => s === 'management' to stop after the accounts exist. */
  readonly only?: (stack: string) => boolean;
}

/**
 * terraform init and apply of every stack in rollout order (management, identity,
 * trust-N): each later stack reads account ids from the management stack's state.
 */
export async function applyAll(ws: OrgWorkspace, options: ApplyOptions = {}): Promise<void> {
  const initArgs = options.initArgs ?? [];
  for (const stack of ws.stackNames().filter((s) => !options.only || options.only(s))) {
    const tf = ws.terraform(stack);
    await tf.init(initArgs);
    await tf.apply();
  }
}

/** Plans every stack (after init, which is idempotent) with -detailed-exitcode. */
export async function planAll(ws: OrgWorkspace, initArgs: readonly string[] = []): Promise<StackPlan[]> {
  const plans: StackPlan[] = [];
  for (const stack of ws.stackNames()) {
    const tf = ws.terraform(stack);
    await tf.init(initArgs);
    plans.push({ stack, ...(await tf.plan()) });
  }
  return plans;
}

/** Stacks whose plan is not "no changes", with the plan text: an empty object is what a clean plan looks like in a failed assertion. */
export function unclean(plans: readonly StackPlan[]): Record<string, string> {
  return Object.fromEntries(
    plans.filter((p) => p.outcome !== 'no-changes').map((p) => [p.stack, `${p.outcome}\n${p.result.stderr}\n${p.result.stdout.slice(-4000)}`]),
  );
}
