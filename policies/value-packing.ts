/** A string that goes into a policy list, and the most characters it can take once Terraform has substituted it. */
export interface SizedValue {
  readonly value: string;
  readonly maxLength: number;
}

/**
 * Splits `values` into runs whose JSON list fits in `room` characters besides `fixedChars`
 * (the document with an empty list, `[]` included). Each value costs its quotes and a comma;
 * values are ids and entity paths, which JSON writes without escapes. Greedy, in the given
 * order, so that the split is a pure function of the values.
 */
export function packValues(values: readonly SizedValue[], fixedChars: number, room: number): SizedValue[][] {
  const runs: SizedValue[][] = [];
  let run: SizedValue[] = [];
  let size = fixedChars;
  for (const v of values) {
    const cost = v.maxLength + 2 + (run.length ? 1 : 0);
    if (run.length && size + cost > room) {
      runs.push(run);
      run = [];
      size = fixedChars;
      size += v.maxLength + 2;
    } else size += cost;
    run.push(v);
  }
  if (run.length) runs.push(run);
  return runs;
}

/** Placeholder of the longest form of a value, for measuring a document before its values are known. */
export const longest = (v: SizedValue) => 'x'.repeat(v.maxLength);
