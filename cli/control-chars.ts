/**
 * Characters that end a line, move the cursor or reorder text where our output is read: C0 and
 * C1 controls (newline, CR, ESC, BEL, backspace, NEL U+0085 ...), DEL, Unicode line and
 * paragraph separators (YAML 1.1 readers and some terminals break lines at them), and format
 * characters (bidi overrides and isolates, zero-width characters), which can make text read
 * differently from what it is.
 */
export const CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const CONTROL_OR_FORMAT_ALL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/** `\x1b` for ESC, `\u202e` for RIGHT-TO-LEFT OVERRIDE: every such character shown as its code, inert. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL_OR_FORMAT_ALL, (c) => {
    const code = c.codePointAt(0)!;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/** What JSON.stringify leaves raw in strings (it escapes C0 itself; the line breaks left are its own layout). */
const RAW_IN_JSON = /[\x7f-\x9f\p{Cf}\p{Zl}\p{Zp}]/gu;

/**
 * JSON text with every such character as a \uXXXX escape: the same value to any JSON parser
 * (JSON.stringify leaves C1 controls, U+2028 and bidi characters raw, which a terminal acts on).
 */
export function jsonWithEscapedControls(json: string): string {
  // Per UTF-16 unit: a character beyond U+FFFF (a tag character) is two escapes, as JSON spells it.
  return json.replace(RAW_IN_JSON, (c) => [...Array(c.length).keys()].map((i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''));
}
