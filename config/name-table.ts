import { z } from 'zod';

/**
 * A table keyed by user-chosen names (tags, lock entries, ids by account name). A plain `{}`
 * treats some names as special (`__proto__` replaces its prototype when assigned, and zod's
 * own record drops that key on purpose), so such tables have no prototype: every name is an
 * ordinary key.
 */
export type NameTable<V> = Record<string, V>;

/** A null-prototype table of `entries`. */
export function nameTable<V>(entries: Iterable<readonly [string, V]> = []): NameTable<V> {
  const table = Object.create(null) as NameTable<V>;
  for (const [name, value] of entries) table[name] = value;
  return table;
}

/** Whether `table` holds `name` itself (not through a prototype). */
export const hasName = (table: object, name: string): boolean => Object.prototype.hasOwnProperty.call(table, name);

/**
 * Like z.record(key, value), but keeps every key, `__proto__` included, and returns a
 * null-prototype table. Issues name the entry (`[key, ...]`) as z.record does.
 */
export function nameTableSchema<K extends z.ZodType<string>, V extends z.ZodType>(
  key: K,
  value: V,
  options: { readonly error: string; readonly maxEntries?: { readonly count: number; readonly error: (count: number) => string } },
) {
  const schema = z.unknown().transform((raw, ctx): NameTable<z.output<V>> => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      ctx.addIssue({ code: 'custom', message: options.error, input: raw });
      return z.NEVER;
    }
    const limit = options.maxEntries;
    const size = Object.keys(raw).length;
    if (limit && size > limit.count) ctx.addIssue({ code: 'custom', message: limit.error(size), input: raw });
    const table = nameTable<z.output<V>>();
    for (const [name, entry] of Object.entries(raw)) {
      const k = key.safeParse(name);
      const v = value.safeParse(entry);
      for (const issue of [...(k.success ? [] : k.error.issues), ...(v.success ? [] : v.error.issues)]) {
        ctx.addIssue({ ...issue, path: [name, ...issue.path] } as Parameters<typeof ctx.addIssue>[0]);
      }
      if (v.success) table[name] = v.data;
    }
    return table;
  });
  tableParts.set(schema, { key, value });
  return schema;
}

const tableParts = new WeakMap<z.core.$ZodType, { readonly key: z.core.$ZodType; readonly value: z.core.$ZodType }>();

/**
 * The key and value schemas of a table made by nameTableSchema (its transform hides them), so
 * that code walking the schema (the every-string-field tests) sees the table's strings.
 */
export const nameTableParts = (schema: z.core.$ZodType) => tableParts.get(schema);
