/**
 * Names and other text from the config or the synthesized JSON, placed in Markdown for a pull
 * request. An account or OU name may hold `<img ...>`, a link or a backtick: as written it would
 * become HTML, a link or a code span in the comment. These show it as the characters it is.
 * Table cells escape their pipes on top (the renderers' `cell`).
 *
 * GitHub also links bare `www.x`, `http://x`, `a@b.x` (GFM extended autolinks), and linkify
 * renderers link more (`x.com`, `//host`). Each needs a literal `.`, `:`, `/` or `@`: these are
 * backslash-escaped (rendered as themselves; `/` only where two meet, so OU paths stay readable), so no autolink sees its trigger.
 */
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '`': '&#96;', '<': '&lt;', '>': '&gt;', '&': '&amp;', '[': '\\[', ']': '\\]' };

/** Literal text: no HTML, entity, link, autolink, image or code span can start in it; one line. */
export const mdText = (text: string): string =>
  text.replace(/[\\`<>&[\].:@]|\/(?=\/)|(?<=\/)\//g, (c) => ESCAPES[c] ?? `\\${c}`).replace(/\r?\n/g, ' ');

/** A code span showing `text` as it is, whatever backticks it holds (a longer fence, as CommonMark allows); one line. */
export function mdCode(text: string): string {
  const line = text.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // CommonMark strips one space on each side when both are there: the padding only separates the fence from a backtick.
  const pad = line.startsWith('`') || line.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}
