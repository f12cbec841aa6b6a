import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../errors/user-errors';
import { crossFieldIssues } from './cross-field-rules';
import { policyLimitIssues } from './policy-limit-rules';
import { trustPolicySizeIssues } from './trust-size-rules';
import { invisibleCharacterIssues } from './text-rules';
import { toModel } from './to-model';
import type { OrgConfig } from './model';
import { orgConfigSchema } from './schema';
import { YamlSource } from './yaml-source';

/** Reads and validates org.yaml. Throws ConfigError, with every problem found, on bad input. */
export function loadConfig(file: string): OrgConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String((e as Error).message);
    throw new ConfigError(file, [{ path: [], message: `cannot read the config: ${reason} (set ORG_CONFIG or --config to its path)` }]);
  }
  return parseConfig(text, file);
}

/** Validates YAML text; `file` names it in messages. */
export function parseConfig(text: string, file = 'org.yaml'): OrgConfig {
  const { source, errors } = YamlSource.parse(text);
  if (!source) throw new ConfigError(file, errors.map((e) => ({ path: [], ...e })));
  const raw = source.toJS();
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(file, [{ path: [], line: 1, message: 'must be a YAML mapping with organization, identityAccount and accounts' }]);
  }
  const invisible = invisibleCharacterIssues(raw);
  if (invisible.length) throw new ConfigError(file, invisible.map((issue) => ({ ...issue, line: source.lineOf(issue.path) })));
  const parsed = orgConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(file, parsed.error.issues.flatMap((issue) => schemaIssues(issue, source, raw)));
  }
  const crossIssues = crossFieldIssues(parsed.data);
  if (crossIssues.length) {
    throw new ConfigError(file, crossIssues.map((issue) => ({ ...issue, line: source.lineOf(issue.path) })));
  }
  const model = toModel(parsed.data);
  const limitIssues = [...policyLimitIssues(model), ...trustPolicySizeIssues(model)];
  if (limitIssues.length) {
    throw new ConfigError(file, limitIssues.map((issue) => ({ ...issue, line: source.lineOf(issue.path) })));
  }
  return model;
}

function schemaIssues(issue: z.core.$ZodIssue, source: YamlSource, raw: object): ConfigIssue[] {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: [...path, key],
      line: source.lineOf(path, key),
      message: `unknown key "${key}"${suggestion(key, issue)}`,
    }));
  }
  let message = issue.message;
  // zod leaves issue.input unset unless asked, so presence is read from the document itself.
  if (issue.code === 'invalid_type' && !isPresent(raw, path)) message = /^Invalid input/.test(message) ? 'is required' : `is required; it ${message}`;
  else if (issue.code === 'invalid_type' && issue.expected === 'boolean' && YAML11_BOOLEANS.test(String(valueAt(raw, path)))) {
    message = `${message}: YAML 1.2 (what org.yaml is) reads ${String(valueAt(raw, path))} as a string, not a boolean; write true or false`;
  }
  else if (issue.code === 'invalid_union' && 'note' in issue && issue.note === 'No matching discriminator') {
    // "must have type local, s3 or cloud", "must have kind aws, oidc, ...": the union's tag and its values.
    const { discriminator, options } = issue as { discriminator?: string; options?: unknown[] };
    if (discriminator && options?.length) message = `must have ${discriminator} ${options.slice(0, -1).join(', ')}${options.length > 1 ? ' or ' : ''}${String(options[options.length - 1])}`;
  }
  return [{ path, line: source.lineOf(path), message }];
}

/** Whether the parsed YAML holds a value (even a wrongly typed one) at `path`. */
/** Words YAML 1.1 read as booleans and YAML 1.2 reads as strings. */
const YAML11_BOOLEANS = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

function valueAt(raw: unknown, path: readonly (string | number)[]): unknown {
  let node = raw;
  for (const part of path) node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[part] : undefined;
  return node;
}

function isPresent(raw: unknown, path: readonly (string | number)[]): boolean {
  let node = raw;
  for (const part of path) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, part)) return false;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node !== undefined;
}

/** Names the accepted keys; a typo is the usual reason for an unknown key. */
function suggestion(key: string, issue: z.core.$ZodIssue): string {
  const accepted = acceptedKeys(issue);
  if (!accepted.length) return '';
  // The nearest accepted key, allowing more edits in longer keys (closeOnDelete -> closeOnDeletion).
  const limit = Math.max(2, Math.floor(key.length / 4));
  const prefix = (k: string) => k.toLowerCase().startsWith(key.toLowerCase()) || key.toLowerCase().startsWith(k.toLowerCase());
  const close = accepted
    .map((k) => ({ k, d: prefix(k) ? 0 : editDistance(k, key) }))
    .filter((c) => c.d <= limit)
    .sort((a, b) => a.d - b.d)[0]?.k;
  const hint = close ? ` (did you mean "${close}"?)` : '';
  return `${hint}; accepted keys: ${accepted.join(', ')}`;
}

function acceptedKeys(issue: z.core.$ZodIssue): string[] {
  const path = issue.path.map(String).filter((p) => !/^\d+$/.test(p));
  let shape: z.core.$ZodType | undefined = orgConfigSchema;
  for (const part of path) shape = fieldOf(unwrap(shape), part);
  const def = unwrap(shape)?._zod.def as { shape?: object } | undefined;
  return def?.shape ? Object.keys(def.shape) : [];
}

function unwrap(type: z.core.$ZodType | undefined): z.core.$ZodType | undefined {
  let t = type;
  for (let i = 0; t && i < 10; i++) {
    const def = t._zod.def as { type: string; innerType?: z.core.$ZodType; element?: z.core.$ZodType; getter?: () => z.core.$ZodType };
    if (def.innerType) t = def.innerType;
    else if (def.type === 'array' && def.element) t = def.element;
    else if (def.type === 'lazy' && def.getter) t = def.getter();
    else break;
  }
  return t;
}

function fieldOf(type: z.core.$ZodType | undefined, key: string): z.core.$ZodType | undefined {
  const def = type?._zod.def as { shape?: Record<string, z.core.$ZodType> } | undefined;
  return def?.shape?.[key];
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
