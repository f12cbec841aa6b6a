/**
 * A generic diff of two synthesized stacks, as a set of paths. Terraform gives no meaning
 * to the order of `import`, `removed` and `moved` blocks or of provider configurations,
 * so those arrays are compared as maps keyed by their target or alias; every other value
 * is walked as it is.
 */
type Json = unknown;

/** Top-level block arrays and the field that identifies each block. */
const KEYED_BLOCKS: Record<string, string> = { import: 'to', removed: 'from', moved: 'to' };

export function normalizeStack(stack: Record<string, Json>): Record<string, Json> {
  const out: Record<string, Json> = { ...stack };
  for (const [block, key] of Object.entries(KEYED_BLOCKS)) {
    if (Array.isArray(stack[block])) out[block] = keyBy(stack[block] as Record<string, Json>[], (b) => String(b[key]));
  }
  const providers = stack.provider as Record<string, Record<string, Json>[]> | undefined;
  if (providers) {
    out.provider = Object.fromEntries(
      Object.entries(providers).map(([type, list]) => [type, keyBy(list, (p) => String(p.alias ?? '(default)'))]),
    );
  }
  return out;
}

function keyBy(list: Record<string, Json>[], keyOf: (item: Record<string, Json>) => string): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const item of list) {
    const key = keyOf(item);
    if (key in out) throw new Error(`two blocks share the key ${key}`);
    out[key] = item;
  }
  return out;
}

const isObject = (v: Json): v is Record<string, Json> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Paths (a.b[c]) where `before` and `after` differ: the deepest point of each difference. */
export function diffPaths(before: Json, after: Json, path = ''): string[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => {
      const child = path ? `${path}.${k}` : k;
      if (!(k in before) || !(k in after)) return [child];
      return diffPaths(before[k], after[k], child);
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, i) => (i < before.length && i < after.length ? diffPaths(before[i], after[i], `${path}[${i}]`) : [`${path}[${i}]`])).flat();
  }
  return Object.is(before, after) ? [] : [path];
}

/** Stack name to its changed paths, for every stack present before or after. */
export function diffStacks(before: Record<string, Record<string, Json>>, after: Record<string, Record<string, Json>>): Record<string, string[]> {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const out: Record<string, string[]> = {};
  for (const name of names) {
    if (!before[name] || !after[name]) out[name] = ['(whole stack)'];
    else {
      const paths = diffPaths(normalizeStack(before[name]), normalizeStack(after[name]));
      if (paths.length) out[name] = paths.sort();
    }
  }
  return out;
}
