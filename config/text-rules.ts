import type { Issue } from './find-duplicates';

/**
 * Characters no AWS name, email or tag accepts and no reviewer can see: controls (C0, DEL,
 * C1), format characters (zero-width space and joiners, bidirectional overrides, the BOM,
 * soft hyphen), the other code points Unicode says to render as nothing (variation selectors,
 * the combining grapheme joiner, Hangul fillers: Default_Ignorable_Code_Point) and line or
 * paragraph separators. A name holding one looks like another name
 * in a pull request, so they are refused in every string of the config, keys included.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2028\u2029]/u;

/** Whether `text` holds none of those characters (for names read from elsewhere than the YAML: the lock). */
export const isVisibleText = (text: string): boolean => !INVISIBLE.test(text);

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Issues for every string (map keys included) of the parsed YAML that holds such a character. */
export function invisibleCharacterIssues(raw: unknown): Issue[] {
  const issues: Issue[] = [];
  const check = (text: string, path: (string | number)[], what: string) => {
    const m = INVISIBLE.exec(text);
    if (m) issues.push({ path, message: `${what} contains the invisible or control character ${codePoint(m[0])} at position ${m.index + 1}; remove it` });
  };
  const walk = (value: unknown, path: (string | number)[]) => {
    if (typeof value === 'string') check(value, path, 'value');
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        check(k, [...path, k], 'key');
        walk(v, [...path, k]);
      }
    }
  };
  walk(raw, []);
  return issues;
}
