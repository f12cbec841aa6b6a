import { rolloutOrder } from '../stacks/stack-names';
import type { StackJson } from './synth-output';

/** Stacks whose synthesized JSON differs between two synths: what CI must plan. */
export interface StackChanges {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
}

/** Compares stack by stack; JSON is compared as parsed, so formatting alone is no change. */
export function stackChanges(base: Readonly<Record<string, StackJson>>, head: Readonly<Record<string, StackJson>>): StackChanges {
  const same = (a: StackJson, b: StackJson) => JSON.stringify(a) === JSON.stringify(b);
  return {
    added: rolloutOrder(Object.keys(head).filter((s) => !(s in base))),
    removed: rolloutOrder(Object.keys(base).filter((s) => !(s in head))),
    changed: rolloutOrder(Object.keys(head).filter((s) => s in base && !same(base[s], head[s]))),
  };
}
