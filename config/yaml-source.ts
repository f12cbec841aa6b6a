import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';

/** Aliases one document may expand; a few hundred nodes, far from an alias bomb's billions. */
const MAX_ALIAS_COUNT = 100;

type LineError = { line?: number; message: string };

/** A parsed YAML document that can say on which line a field path stands. */
export class YamlSource {
  private constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  /**
   * Parses text; returns syntax errors with their lines instead of throwing. YAML 1.2 core
   * schema only: a `%YAML 1.1` directive (where `off` is a boolean), tags the schema does not
   * know (`!!js/function`, `!foo`, silently strings otherwise) and YAML 1.1's `!!set`, `!!omap`,
   * `!!pairs`, `!!binary`, `!!timestamp` (a set or an ordered map reads as an empty mapping, its
   * content silently lost), keys that are aliases or collections (`*a : false` repeats a key
   * behind the duplicate-key check; a collection key is stringified), unresolved aliases and
   * alias bombs are errors too.
   */
  static parse(text: string): { source?: YamlSource; errors: LineError[] } {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: sameKey, prettyErrors: false, version: '1.2', schema: 'core', merge: false, resolveKnownTags: false });
    const lineAt = (offset: number | undefined) => (offset === undefined ? undefined : lines.linePos(offset).line);
    // One syntax error usually causes the ones after it: report the first, and how many follow.
    const syntax: LineError[] = [...doc.errors, ...doc.warnings]
      .map((e) => ({ line: e.linePos?.[0]?.line ?? lineAt(e.pos?.[0]), message: `YAML syntax: ${syntaxHint(e.message.split('\n')[0])}` }))
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    const problems: LineError[] = syntax.slice(0, 1);
    if (syntax.length > 1) problems[0] = { ...problems[0], message: `${problems[0].message} (and ${syntax.length - 1} more YAML error${syntax.length > 2 ? 's' : ''} after it, most likely caused by this one)` };
    if (doc.directives?.yaml.explicit && doc.directives.yaml.version !== '1.2') {
      const at = text.search(/^%YAML/m);
      problems.push({ line: at < 0 ? 1 : lineAt(at), message: `YAML syntax: %YAML ${doc.directives.yaml.version} is not supported; org.yaml is YAML 1.2 (remove the directive)` });
    }
    if (!problems.length) problems.push(...keyProblems(doc, lineAt), ...aliasProblems(doc, lineAt));
    if (problems.length) return { errors: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
    return { source: new YamlSource(doc, lines), errors: [] };
  }

  toJS(): unknown {
    return this.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  }

  /**
   * The line of the deepest node on the path. `key` names an unknown key to point at
   * (it is not part of the path because the schema never accepted it).
   */
  lineOf(path: readonly (string | number)[], key?: string): number | undefined {
    let node: unknown = this.doc.contents;
    let line = this.lineOfNode(node);
    for (const part of key === undefined ? path : [...path, key]) {
      const next = this.child(node, part);
      if (next === undefined) break;
      line = this.lineOfNode(next.at) ?? line;
      node = next.value;
    }
    return line;
  }

  private child(node: unknown, part: string | number): { at: unknown; value: unknown } | undefined {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(part));
      return pair ? { at: pair.key, value: pair.value } : undefined;
    }
    if (isSeq(node) && typeof part === 'number') {
      const item = node.items[part];
      return item === undefined ? undefined : { at: item, value: item };
    }
    return undefined;
  }

  private lineOfNode(node: unknown): number | undefined {
    const range = (node as Node | null | undefined)?.range;
    return range ? this.lines.linePos(range[0]).line : undefined;
  }
}

/** Keys as JavaScript sees them: `1` and `"1"` (or `true` and `"true"`) are one key once parsed. */
function sameKey(a: unknown, b: unknown): boolean {
  return a === b || (isScalar(a) && isScalar(b) && String(a.value) === String(b.value));
}

/** Map keys that are not plain scalars: an alias key (`*a : false`) overrides `a` unseen by the duplicate-key check. */
function keyProblems(doc: Document.Parsed, lineAt: (offset: number | undefined) => number | undefined): LineError[] {
  const problems: LineError[] = [];
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key as Node | null;
      if (isAlias(key)) problems.push({ line: lineAt(key.range?.[0]), message: `YAML syntax: the alias *${key.source} is used as a key; write the key out` });
      else if (isCollection(key)) problems.push({ line: lineAt(key.range?.[0]), message: 'YAML syntax: a list or mapping is used as a key; keys must be plain strings' });
    },
  });
  return problems;
}

/** Aliases that name no earlier anchor, and documents whose aliases would expand too far. */
function aliasProblems(doc: Document.Parsed, lineAt: (offset: number | undefined) => number | undefined): LineError[] {
  const problems: LineError[] = [];
  let first: number | undefined;
  visit(doc, {
    Alias(_, alias) {
      first ??= alias.range?.[0];
      if (!alias.resolve(doc)) problems.push({ line: lineAt(alias.range?.[0]), message: `YAML syntax: alias *${alias.source} names no anchor (&${alias.source}) before it` });
    },
  });
  if (problems.length || first === undefined) return problems;
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    return [{ line: lineAt(first), message: `YAML syntax: aliases expand too far (${(e as Error).message.split('\n')[0]}); write the values out` }];
  }
  return [];
}

/** The YAML library's message, with what to do where the usual cause is known. */
function syntaxHint(message: string): string {
  if (/^Tabs are not allowed/.test(message)) return `${message}: indent with spaces`;
  if (/^Alias cannot be an empty string/.test(message)) return `* begins an alias in YAML: quote it, as "*" (for example accounts: ["*"])`;
  return message;
}
