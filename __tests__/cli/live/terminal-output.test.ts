import { discoverLines } from '../../../cli/commands/discover';
import { verifyLines } from '../../../cli/commands/verify';
import { escapeControls } from '../../../cli/control-chars';
import { commandOutput } from '../../../cli/live/command-result';
import { blocks, ok, renderFindings, warning } from '../../../cli/live/findings';
import { runBin } from '../temp-org';

/**
 * Live names (OU and account names, chosen by whoever may rename them) through the human
 * renderers of verify, preflight and discover: no control or format character reaches the
 * terminal, no name adds or hides a line, and --format json keeps every name exact.
 */
const CONTROLS = [
  '\x1b[2K\r', // erase the line, back to its start
  '\x1b[1A\x1b[2K', // up one line and erase it
  '\x1b]0;title\x07', // OSC: set the window title, BEL
  '\x9b2K', // CSI as one C1 character
  '\x1b[8m', // concealed text
  '\x08\x08\x08', // backspaces
  '\r', '\n', '\r\n', '\x0b', '\x0c', '\x85', '\x00', '\x7f', '\t',
  '\u2028', '\u2029', // line and paragraph separators
  '\u202e', '\u202d', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c', // bidi
  '\u200b', '\ufeff', // zero width
  '\u{e0041}', // a tag character, beyond U+FFFF
];
const FORGED = 'verify: 12 accounts in organization o-abc; no drift';
const NAMES = CONTROLS.flatMap((c) => [`Prod${c}`, `${c}Prod`, `a${c}${FORGED}`]);

/** Any character a terminal would act on, or that reorders text, other than the line breaks between lines. */
const RAW = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

function expectInert(text: string, lineCount: number) {
  const lines = text.slice(0, -1).split('\n');
  expect(lines).toHaveLength(lineCount);
  for (const line of lines) expect([line, RAW.test(line)]).toEqual([line, false]);
}

describe('live commands: human output escapes every control character at one point', () => {
  it('escapeControls shows each character as its code, and leaves other text alone', () => {
    expect(escapeControls('\x1b[2K')).toBe('\\x1b[2K');
    expect(escapeControls('a\u202eb\nc')).toBe('a\\u{202e}b\\x0ac');
    expect(escapeControls('Workloads/Prod (é, 中, 🙂)')).toBe('Workloads/Prod (é, 中, 🙂)');
  });

  it.each(NAMES.map((n) => [escapeControls(n), n]))('verify, OU %s: one line per drift, nothing raw, the summary last', (_shown, name) => {
    const drifted = [{ account: `ACC${name}`, kind: 'member' as const, id: '333333333333', drift: [`in the root; the config says OU ${name}`, `group ${name}: members (none)`] }];
    const lines = verifyLines(`Verify of org.yaml against organization o-x`, drifted, 'verify: 2 accounts in organization o-x; 1 with drift');
    const text = commandOutput({ exitCode: 1, lines });
    expectInert(text, lines.length);
    expect(text.trimEnd().split('\n').at(-1)).toBe('verify: 2 accounts in organization o-x; 1 with drift');
    expect(text).toContain(escapeControls(name));
    // JSON stays exact: the name comes back as it is.
    const json = JSON.parse(commandOutput({ exitCode: 1, json: { accounts: drifted } })) as { accounts: typeof drifted };
    expect(json.accounts[0].drift[0]).toBe(`in the root; the config says OU ${name}`);
    // ... and carries no raw control character either: JSON escapes them all.
    const raw = commandOutput({ exitCode: 1, json: { name } });
    expect(RAW.test(raw.replace(/\n/g, ''))).toBe(false);
    expect(JSON.parse(raw)).toEqual({ name });
  });

  it.each(NAMES.map((n) => [escapeControls(n), n]))('preflight, account %s: one line per finding, nothing raw', (_shown, name) => {
    const findings = [blocks('role', `cannot read the role in ${name}`, name), warning('account', `account 1 is in ${name}`, name), ok('org', 'all features')];
    const lines = renderFindings('Preflight of org.yaml', findings, 'preflight: 1 blocking');
    expectInert(commandOutput({ exitCode: 1, lines }), lines.length);
  });

  it.each(NAMES.map((n) => [escapeControls(n), n]))('discover, accounts named %s: one line each, nothing raw', (_shown, name) => {
    const account = (id: string, status: string) => ({ id, name: `${name}-${id}`, email: `${id}@example.com`, status, parentId: 'r-1', ou: name });
    const lines = discoverLines({
      config: 'org.yaml', lockPath: 'org.lock.json', orgId: 'o-x', ous: 3, identity: account('222222222222', 'ACTIVE'), members: 2, stacks: 1,
      role: { memberRoleName: 'OrganizationAccountAccessRole', without: [`${name}-333333333333`], checked: 3 }, leftOut: [account('444444444444', 'SUSPENDED')],
    });
    expectInert(commandOutput({ exitCode: 0, lines }), lines.length);
  });

  it('the renderers put one element per line: a name with a newline stays on its line', () => {
    const lines = renderFindings('t', [warning('ou', `moved to Prod\n${FORGED}`, 'A')], 'preflight: 0 blocking');
    const text = commandOutput({ exitCode: 0, lines });
    expect(text.split('\n').filter((l) => l === FORGED)).toEqual([]);
    expect(text).toContain(`moved to Prod\\x0a${FORGED}`);
  });

  it.each(['verify', 'preflight'])('bin %s: an error naming a path with escape sequences prints them escaped (exit 2)', (command) => {
    const r = runBin([command, '--config', '/tmp/no\x1b[2Kpe\u202e\x9b.yaml']);
    expect(r.status).toBe(2);
    expect(RAW.test(r.stderr.replace(/\n/g, ''))).toBe(false);
    expect(r.stderr).toContain('/tmp/no\\x1b[2Kpe\\u{202e}\\x9b.yaml');
  });
});
