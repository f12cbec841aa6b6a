/**
 * The name of every stack synth writes. They are defined at the lock's layer because the lock
 * records trust stack names; stacks/stack-names.ts re-exports them for the stacks, the CLI and
 * the tests. Kept free of imports so that reading them loads no cdktf.
 */
export const MANAGEMENT_STACK = 'management';
export const IDENTITY_STACK = 'identity';

/** trust-1, trust-2, ...: no zero, no leading zeros (`trust-007` can only come from a hand edit). */
export const TRUST_STACK_PATTERN = /^trust-([1-9]\d*)$/;

/** The n-th trust stack (n >= 1). */
export const trustStackName = (n: number): string => `trust-${n}`;

export const isTrustStackName = (name: string): boolean => TRUST_STACK_PATTERN.test(name);

/** The number of a trust stack, or undefined where `name` is not one. */
export function trustStackNumber(name: string): number | undefined {
  const match = TRUST_STACK_PATTERN.exec(name);
  return match ? Number(match[1]) : undefined;
}

/** Rollout order: management first (it creates the accounts), then identity, then trust-1, trust-2, ...; any other name last. */
export function rolloutOrder(stacks: Iterable<string>): string[] {
  const rank = (s: string) => (s === MANAGEMENT_STACK ? -2 : s === IDENTITY_STACK ? -1 : (trustStackNumber(s) ?? Infinity));
  return [...stacks].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}
