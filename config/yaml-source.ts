import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

/** A parsed YAML document that can say on which line a field path stands. */
export class YamlSource {
  private constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  /** Parses text; returns syntax errors with their lines instead of throwing. */
  static parse(text: string): { source?: YamlSource; errors: { line?: number; message: string }[] } {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
    const problems = [...doc.errors];
    if (problems.length) {
      return {
        errors: problems.map((e) => ({
          line: e.linePos?.[0]?.line ?? (e.pos ? lines.linePos(e.pos[0]).line : undefined),
          message: `YAML syntax: ${e.message.split('\n')[0]}`,
        })),
      };
    }
    return { source: new YamlSource(doc, lines), errors: [] };
  }

  toJS(): unknown {
    return this.doc.toJS({ maxAliasCount: 100 });
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
