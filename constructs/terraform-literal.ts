/**
 * Terraform reads every string of its JSON as a template: `${...}` is evaluated and `%{...}`
 * is a directive, at plan time, with access to functions such as file() and the runner's
 * environment. Strings from org.yaml are data, never code (I8, docs/invariants.md), so each
 * reaches the JSON with both sequences escaped: Terraform turns `$${` back into `${` and
 * `%%{` into `%{`, whatever precedes them (`$$${x}` reads as `$${x}`).
 */
export function terraformLiteral(text: string): string {
  // Function replacements: in a replacement string "$$" would collapse to a single "$".
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/**
 * A deep copy of `value` in which every string, map keys included, is a Terraform literal.
 * Applied once, where the config enters the construct tree (stacks/org-app.ts), so that no
 * construct has to remember which of its fields came from the config.
 */
export function terraformLiterals<T>(value: T): T {
  return literalCopy(value) as T;
}

function literalCopy(value: unknown): unknown {
  if (typeof value === 'string') return terraformLiteral(value);
  if (Array.isArray(value)) return value.map(literalCopy);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [literalCopy(k), literalCopy(v)]));
  if (value instanceof Set) return new Set([...value].map(literalCopy));
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = Object.create(Object.getPrototypeOf(value) === null ? null : Object.prototype);
    for (const [k, v] of Object.entries(value)) copy[terraformLiteral(k)] = literalCopy(v);
    return copy;
  }
  return value;
}
