/** One problem in org.yaml: where it is and what would be accepted. */
export interface ConfigIssue {
  /** Field path, e.g. ["accounts", 1, "id"]. Empty for the document itself. */
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** 1-based YAML line, where the parser knows it. */
  readonly line?: number;
}

/** "accounts[1].id" for ["accounts", 1, "id"]. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((out, part) => {
    if (typeof part === 'number') return `${out}[${part}]`;
    return out === '' ? part : `${out}.${part}`;
  }, '');
}

/** Thrown for invalid input. main.ts and the CLI print its message alone, without a stack trace. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly issues: readonly ConfigIssue[],
  ) {
    super(renderIssues(file, issues));
    this.name = 'ConfigError';
  }
}

function renderIssues(file: string, issues: readonly ConfigIssue[]): string {
  const lines = issues.map((issue) => {
    const where = issue.line ? `${file}:${issue.line}` : file;
    const field = issue.path.length ? `${formatPath(issue.path)}: ` : '';
    return `  ${where}: ${field}${issue.message}`;
  });
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  return `Invalid config ${file} (${count}):\n${lines.join('\n')}`;
}
