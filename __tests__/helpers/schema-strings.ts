import type { z } from 'zod';
import { nameTableParts } from '../../config/name-table';

/**
 * One step of a path pattern over the config: a key, `[]` for any list element, `{key}` /
 * `{value}` for a map's keys or values, or `<variant>` for one option of a discriminated union.
 */
export type Step =
  | string
  | { readonly element: true }
  | { readonly mapPart: 'key' | 'value' }
  /** One option of a discriminated union: its tag's value, and the tag's key. */
  | { readonly variant: string; readonly discriminator?: string };

interface Def {
  readonly type: string;
  readonly shape?: Record<string, z.core.$ZodType>;
  readonly element?: z.core.$ZodType;
  readonly innerType?: z.core.$ZodType;
  readonly getter?: () => z.core.$ZodType;
  readonly keyType?: z.core.$ZodType;
  readonly valueType?: z.core.$ZodType;
  readonly options?: readonly z.core.$ZodType[];
  readonly discriminator?: string;
  readonly in?: z.core.$ZodType;
  readonly values?: readonly unknown[];
}

const defOf = (t: z.core.$ZodType) => t._zod.def as unknown as Def;

/**
 * Every place where the schema accepts a free string, read from the schema itself: a field
 * added to it later is listed without anyone remembering to. Enums and literals are left
 * out (they accept only fixed words); recursive schemas (OU children) are entered twice.
 */
export function stringFields(schema: z.core.$ZodType): Step[][] {
  const out: Step[][] = [];
  const walk = (t: z.core.$ZodType, path: Step[], lazyDepth: Map<z.core.$ZodType, number>): void => {
    const def = defOf(t);
    const table = nameTableParts(t);
    if (table) {
      walk(table.key, [...path, { mapPart: 'key' }], lazyDepth);
      walk(table.value, [...path, { mapPart: 'value' }], lazyDepth);
      return;
    }
    switch (def.type) {
      case 'string':
        out.push(path);
        return;
      case 'object':
        for (const [k, v] of Object.entries(def.shape ?? {})) walk(v, [...path, k], lazyDepth);
        return;
      case 'array':
        walk(def.element!, [...path, { element: true }], lazyDepth);
        return;
      case 'record':
        walk(def.keyType!, [...path, { mapPart: 'key' }], lazyDepth);
        walk(def.valueType!, [...path, { mapPart: 'value' }], lazyDepth);
        return;
      case 'union':
        for (const option of def.options ?? []) {
          const tag = defOf(option).shape?.[def.discriminator ?? ''];
          const variant = tag ? String(defOf(tag).values?.[0]) : String(def.options!.indexOf(option));
          walk(option, [...path, { variant, discriminator: def.discriminator }], lazyDepth);
        }
        return;
      case 'lazy': {
        const depth = lazyDepth.get(t) ?? 0;
        if (depth < 2) walk(def.getter!(), path, new Map(lazyDepth).set(t, depth + 1));
        return;
      }
      case 'pipe':
        walk(def.in!, path, lazyDepth);
        return;
      default:
        if (def.innerType) walk(def.innerType, path, lazyDepth);
    }
  };
  walk(schema, [], new Map());
  return out;
}

/** "accounts[].tags{key}", "backend<s3>.bucket". */
export function describePattern(steps: readonly Step[]): string {
  return steps
    .map((s, i) =>
      typeof s === 'string' ? (i ? `.${s}` : s) : 'element' in s ? '[]' : 'mapPart' in s ? `{${s.mapPart}}` : `<${s.variant}>`,
    )
    .join('');
}
