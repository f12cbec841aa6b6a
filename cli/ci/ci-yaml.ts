import { Document } from 'yaml';
import { CliError } from '../../errors/user-errors';
import { CONTROL_OR_FORMAT } from '../control-chars';

/**
 * Refuses a value from the command line or the config that would land in generated CI YAML
 * holding a control or format character: a newline or CR (or NEL, U+2028, which YAML 1.1
 * readers such as GitHub's treat as line breaks) would end the header comment and start keys
 * of its own (`defaults: run: shell: ...`).
 */
export function refuseControlsInCi(value: string, field: string): void {
  if (CONTROL_OR_FORMAT.test(value)) {
    throw new CliError(`ci: ${field} ${JSON.stringify(value)} holds a control or format character (a line break, tab, escape or bidi override); it would break out of the generated YAML. Rename it.`);
  }
}

/**
 * The YAML text of `value` with `header` as its leading comment, through the yaml library's
 * document API: the library writes the comment marks and quotes every scalar that needs it,
 * so no input is spliced into YAML text by hand.
 */
export function yamlWithHeader(header: readonly string[], value: unknown): string {
  for (const line of header) if (CONTROL_OR_FORMAT.test(line)) throw new Error(`a CI header line holds a control character: ${JSON.stringify(line)}`);
  // Values come from the config (region, backend) through its patterns; this catches any path that skipped them. Scripts keep their line breaks.
  for (const text of strings(value)) if (CONTROL_OR_FORMAT.test(text.replace(/\n/g, ''))) throw new Error(`a CI value holds a control character: ${JSON.stringify(text)}`);
  const doc = new Document(value);
  doc.commentBefore = header.map((l) => (l ? ` ${l}` : '')).join('\n');
  return doc.toString({ lineWidth: 0 });
}

/** Every string in a plain value, keys included. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)]);
  return [];
}
