import MarkdownIt from 'markdown-it';
import { Parser } from 'commonmark';
import { reportCommand } from '../../cli/commands/report';
import { reportDiffCommand } from '../../cli/commands/report-diff';
import { mdText } from '../../cli/markdown-text';
import { exampleYaml } from '../helpers/example';
import { synthPair } from './synth-pair';
import { tempOrg } from './temp-org';

/**
 * Bare URLs, www. names and e-mail addresses become links on GitHub (GFM extended autolinks:
 * `www.` + any domain, `http(s)://`, e-mail addresses). Rendered with markdown-it's linkify set
 * wider than GFM (fuzzy domains and e-mails, `//host`, and the test's own TLDs, since GFM links
 * `www.evil.example` whatever its TLD), no name escaped by mdText may yield a link.
 */
const gfm = new MarkdownIt({ linkify: true });
gfm.linkify.set({ fuzzyLink: true, fuzzyEmail: true }).tlds(['example', 'io', 'internal', 'localhost'], true);
type Token = ReturnType<typeof gfm.parse>[number];

const TRIGGERS = ['www.', 'WWW.', 'Www.', 'http://', 'HTTPS://', 'https://', 'ftp://', 'mailto:', 'xmpp:', '//', ''];
const HOSTS = ['evil.example', 'evil.com', 'localhost', '127.0.0.1', 'xn--80ak6aa92e.com', 'evil.com:8080/p?q=1#f', 'a.b.c.d.io'];
const EMAILS = ['a@b.example', 'a.b+c@evil.com', 'x_y-z@sub.evil.io', 'mailto:a@b.com', 'xmpp:a@b.com/r'];
/** Characters after which GFM starts an autolink. */
const BEFORE = ['', ' ', '(', '*', '_', '~', 'x '];
const AFTER = ['', '.', ')', ' y', ',', '!'];

const NAMES: string[] = [
  ...TRIGGERS.flatMap((t) => HOSTS.map((h) => `${t}${h}`)),
  ...EMAILS,
  ...BEFORE.flatMap((b) => AFTER.map((a) => `${b}www.evil.example${a}`)),
  ...BEFORE.map((b) => `${b}http://x`),
  ...BEFORE.map((b) => `${b}a@b.example`),
  'Workloads//Prod', 'a///b', 'ou/x.com/y',
];

const links = (tokens: Token[]): string[] =>
  tokens.flatMap((t) => [...(t.type === 'link_open' ? [String(t.attrGet('href'))] : []), ...links(t.children ?? [])]);
const plain = (tokens: Token[]): string =>
  tokens.map((t) => (t.children ? plain(t.children) : t.type === 'text' || t.type === 'text_special' ? t.content : '')).join('');

describe('mdText: no autolink starts in a name (GFM with the autolink extension on)', () => {
  it('the renderer links these names when they are not escaped (the test can fail)', () => {
    const linked = NAMES.filter((n) => links(gfm.parse(n, {})).length > 0);
    expect(linked.length).toBeGreaterThan(NAMES.length * 0.7);
    for (const n of ['www.evil.example', 'WWW.evil.example', 'http://x', 'a@b.example', 'evil.com', '//localhost']) expect(links(gfm.parse(n, {}))).not.toEqual([]);
  });

  it.each(NAMES.map((n) => [n]))('%j: no link, and it reads back as itself', (name) => {
    for (const md of [mdText(name), `Account ${mdText(name)} created`, `| a | b |\n|---|---|\n| ${mdText(name).replace(/\|/g, '\\|')} | x |`]) {
      const tokens = gfm.parse(md, {});
      expect(links(tokens)).toEqual([]);
      expect(gfm.render(md)).not.toMatch(/<a /);
    }
    expect(plain(gfm.parse(mdText(name), {}))).toBe(name.trim());
    // CommonMark (the report's other test renderer) reads it back too.
    const doc = new Parser().parse(mdText(name));
    const texts: string[] = [];
    const walker = doc.walker();
    for (let step = walker.next(); step; step = walker.next()) if (step.entering && step.node.type === 'text') texts.push(step.node.literal ?? '');
    expect(texts.join('')).toBe(name.trim());
  });

  const hostile = ['www.evil.example', 'evil.com', 'a@b.example'];
  const yaml = exampleYaml().replace(
    'accounts:\n',
    `accounts:\n${hostile.map((n, i) => `  - name: "${n}"\n    email: hostile${i}@example.com\n`).join('')}`,
  );

  it('the access diff: accounts named like URLs and e-mail addresses are no links anywhere in it', () => {
    const pair = synthPair(exampleYaml(), yaml);
    const md = reportDiffCommand({ config: pair.configPath, out: pair.headOut, base: pair.baseOut, format: 'md' }).text;
    for (const n of hostile) expect(plain(gfm.parse(md, {}))).toContain(`Account ${n} created`);
    expect(links(gfm.parse(md, {}))).toEqual([]);
  });

  it('the report: accounts named like URLs and e-mail addresses are no links anywhere in it', () => {
    const org = tempOrg(yaml);
    const md = reportCommand({ config: org.configPath, out: org.outDir, format: 'md' });
    for (const n of hostile) expect(plain(gfm.parse(md, {}))).toContain(n);
    expect(links(gfm.parse(md, {}))).toEqual([]);
  });
});
