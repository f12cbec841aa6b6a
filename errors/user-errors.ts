/**
 * Every error a user can cause, in one place: bad config and lock input (ConfigError, a list of
 * issues with field paths and lines), a command that cannot do what was asked (CliError), and
 * bad options of a live command (UsageError). Each is printed alone, without a stack trace, by
 * the one reporter (errors/report-failure.ts).
 */

/** One problem in org.yaml or its lock: where it is and what would be accepted. */
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

/** An error written for the person at the keyboard: its message is printed alone. */
export class UserFacingError extends Error {
  /**
   * The exit code this error asks for, where the entry point's convention does not decide it.
   * @default the entry point's code for user errors (ExitCodes.userError)
   */
  readonly exitCode?: number;
}

/** Invalid input: every problem found in one file (the config or the lock). */
export class ConfigError extends UserFacingError {
  constructor(
    readonly file: string,
    readonly issues: readonly ConfigIssue[],
  ) {
    super(renderIssues(file, issues));
    this.name = 'ConfigError';
  }
}

/** Throws one ConfigError for `file` listing every issue, if there are any. */
export function throwIfIssues(file: string, issues: readonly ConfigIssue[]): void {
  if (issues.length) throw new ConfigError(file, issues);
}

/** A command cannot do what was asked (no synth output, an unknown user, ...). */
export class CliError extends UserFacingError {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** Bad options or arguments of a live command. */
export class UsageError extends UserFacingError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Longest run without white space shown whole (field paths stay well below it), and longest line. */
const WORD_LIMIT = 200;
const LINE_LIMIT = 2000;

/**
 * Bounds what a message echoes back from the input: a 5 MB name is shown by its start and
 * its length, not whole. Applied to every line a user-facing error prints.
 */
export function boundEchoes(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      // Split, not a counted-repetition regex: V8 overflows its stack on a 5 MB run of \S{201,}.
      const short = line
        .split(/(\s+)/)
        .map((w) => (w.length > WORD_LIMIT ? `${w.slice(0, 60)}… (${w.length.toLocaleString('en-US')} characters)` : w))
        .join('');
      return short.length <= LINE_LIMIT ? short : `${short.slice(0, LINE_LIMIT)}… (${(short.length - LINE_LIMIT).toLocaleString('en-US')} more characters)`;
    })
    .join('\n');
}

function renderIssues(file: string, issues: readonly ConfigIssue[]): string {
  const lines = issues.map((issue) => {
    const where = issue.line ? `${file}:${issue.line}` : file;
    const field = issue.path.length ? `${formatPath(issue.path)}: ` : '';
    return `  ${where}: ${boundEchoes(`${field}${issue.message}`)}`;
  });
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  return `Invalid config ${file} (${count}):\n${lines.join('\n')}`;
}
