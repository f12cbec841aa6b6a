import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../errors/user-errors';
import { loadConfig } from '../../config/load-config';

/**
 * Each file in __tests__/invalid-configs is a whole org.yaml with one defect. Its first
 * line says which message must appear (`# expect: field.path: message`); the line marked
 * `# <- defect` is the line that message must point at.
 */
const DIR = join(__dirname, '..', 'invalid-configs');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

interface Case {
  readonly file: string;
  readonly expect: string;
  readonly defectLine?: number;
}

function readCase(name: string): Case {
  const file = join(DIR, name);
  const lines = readFileSync(file, 'utf8').split('\n');
  const expect = /^# expect: (.+)$/.exec(lines[0])?.[1];
  if (!expect) throw new Error(`${name}: first line must be "# expect: <message>"`);
  const marked = lines.findIndex((l) => l.includes('# <- defect'));
  return { file, expect, defectLine: marked >= 0 ? marked + 1 : undefined };
}

function errorOf(file: string): ConfigError {
  try {
    loadConfig(file);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error(`${file} was accepted`);
}

describe('invalid config corpus', () => {
  it('holds at least 35 configs, each with an expectation', () => {
    expect(files.length).toBeGreaterThanOrEqual(35);
    for (const f of files) expect(readCase(f).expect.length).toBeGreaterThan(5);
  });

  it('marks the defect line in all but the files with no line to point at', () => {
    const unmarked = files.filter((f) => readCase(f).defectLine === undefined);
    expect(unmarked).toEqual(['52-empty-file.yaml', '53-top-level-list.yaml']);
  });

  it.each(files)('%s is rejected with its message, on its line', (name) => {
    const { file, expect: expected, defectLine } = readCase(name);
    const error = errorOf(file);
    const issueLines = error.message.split('\n').slice(1);
    const hit = issueLines.find((l) => l.includes(expected));
    if (!hit) throw new Error(`expected "${expected}" in:\n${error.message}`);
    // "  FILE:N: field.path: message", N being the YAML line the parser found.
    const located = new RegExp(`^  ${escape(file)}:(\\d+): `).exec(hit);
    expect(located).not.toBeNull();
    if (defectLine !== undefined) expect(Number(located![1])).toBe(defectLine);
    expect(error.message).not.toMatch(/\n\s+at /);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
