import { mapPool } from '../../cli/live/pool';
import type { PlanOutcome } from './terraform';
import type { RunResult } from './run';
import type { OrgWorkspace } from './workspace';

export interface StackPlan {
  readonly stack: string;
  readonly outcome: PlanOutcome;
  readonly result: RunResult;
}

/**
 * Stacks run two at a time by default: the machine has two cores, and a trust stack's plan
 * starts one ~520 MiB provider process per member account (docs/terraform-memory.md).
 */
export const DEFAULT_STACK_CONCURRENCY = 2;

export interface ApplyOptions {
  /** Extra init arguments for every stack. */
  readonly initArgs?: readonly string[];
  /** Only the stacks this accepts, e.g. (s) => s === 'management' to stop after the accounts exist. */
  readonly only?: (stack: string) => boolean;
  /** How many stacks after management run at once. */
  readonly concurrency?: number;
}

/**
 * Runs `work` over `stacks`, at most `limit` at once, and waits for all of them even when one
 * fails (no terraform is left running behind a failed test); then throws the first failure.
 */
async function eachStack<R>(stacks: readonly string[], limit: number, work: (stack: string) => Promise<R>): Promise<R[]> {
  const settled = await mapPool(stacks, limit, (stack) => work(stack).then((value) => ({ value }), (error: unknown) => ({ error })));
  const failed = settled.find((s): s is { error: unknown } => 'error' in s);
  if (failed) throw failed.error;
  return settled.map((s) => (s as { value: R }).value);
}

/**
 * terraform init (once per stack folder) and apply in rollout order: management alone first
 * (it creates the accounts; the other stacks read their ids from its state), then identity
 * and the trust stacks, which depend only on management, `concurrency` at a time.
 */
export async function applyAll(ws: OrgWorkspace, options: ApplyOptions = {}): Promise<void> {
  const stacks = ws.stackNames().filter((s) => !options.only || options.only(s));
  const apply = async (stack: string) => {
    const tf = ws.terraform(stack);
    await tf.ensureInit(options.initArgs);
    await tf.apply();
  };
  if (stacks.includes('management')) await apply('management');
  await eachStack(
    stacks.filter((s) => s !== 'management'),
    options.concurrency ?? DEFAULT_STACK_CONCURRENCY,
    apply,
  );
}

/** Plans every stack (after init, once per folder) with -detailed-exitcode, `concurrency` at a time, in rollout order. */
export async function planAll(ws: OrgWorkspace, options: { initArgs?: readonly string[]; concurrency?: number } = {}): Promise<StackPlan[]> {
  return eachStack(ws.stackNames(), options.concurrency ?? DEFAULT_STACK_CONCURRENCY, async (stack) => {
    const tf = ws.terraform(stack);
    await tf.ensureInit(options.initArgs);
    return { stack, ...(await tf.plan()) };
  });
}

/** Stacks whose plan is not "no changes", with the plan text: an empty object is what a clean plan looks like in a failed assertion. */
export function unclean(plans: readonly StackPlan[]): Record<string, string> {
  return Object.fromEntries(
    plans.filter((p) => p.outcome !== 'no-changes').map((p) => [p.stack, `${p.outcome}\n${p.result.stderr}\n${p.result.stdout.slice(-4000)}`]),
  );
}
