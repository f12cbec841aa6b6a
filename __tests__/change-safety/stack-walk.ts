import type { StackJson } from '../helpers/synth';

/** Every [address, block] of one kind ("resource" or "data") in a stack. */
export function blocksOf(stack: StackJson, kind: 'resource' | 'data'): [string, StackJson][] {
  return Object.entries((stack[kind] ?? {}) as Record<string, Record<string, StackJson>>).flatMap(([type, byName]) =>
    Object.entries(byName).map(([name, block]): [string, StackJson] => [`${type}.${name}`, block]),
  );
}

/** Every object key anywhere in a JSON value, with its path. */
export function keysDeep(value: unknown, path = ''): { key: string; path: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => keysDeep(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [{ key: k, path: `${path}.${k}` }, ...keysDeep(v, `${path}.${k}`)]);
}
