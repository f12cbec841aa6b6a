import { escapeControls, jsonWithEscapedControls } from '../control-chars';

/**
 * What a live command prints on stdout and the exit code it asks for: a JSON value for
 * machines, or lines for people. Lines hold live names (OU and account names, which anyone
 * allowed to rename them chooses): they are printed through commandOutput only.
 */
export type CommandResult = { readonly exitCode: number; readonly json: unknown } | { readonly exitCode: number; readonly lines: readonly string[] };

/**
 * The one choke point of the live commands' stdout. JSON stays exact: what JSON.stringify
 * leaves raw (C1 controls, U+2028, bidi characters) becomes a \\u escape, the same value to a
 * parser; in human output every control or format character of a line
 * (ESC and CSI sequences, C1 controls, BEL, backspace, CR, a newline inside a name, bidi
 * overrides) is shown as its code, so no name can move the cursor, recolour, erase or forge a line.
 */
export function commandOutput(result: CommandResult): string {
  if ('json' in result) return `${jsonWithEscapedControls(JSON.stringify(result.json, null, 2))}\n`;
  return `${result.lines.map(escapeControls).join('\n')}\n`;
}
