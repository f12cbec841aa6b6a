import { Parser, type Node } from 'commonmark';
import { reportDiffCommand } from '../../cli/commands/report-diff';
import { reportCommand } from '../../cli/commands/report';
import { mdCode, mdText } from '../../cli/markdown-text';
import { mermaidLabel } from '../../cli/mermaid';
import { exampleYaml } from '../helpers/example';
import { synthPair } from './synth-pair';
import { tempOrg } from './temp-org';

/** Names a config accepts that are HTML, a link, an image or a code span as Markdown. */
const HOSTILE_ACCOUNT = '<img src=x onerror=alert(1)>';
const TICK_ACCOUNT = 'a`b` <b>&amp; ![i](j)';
const HOSTILE_OU = '[click](javascript:alert(1)) \\[x](y) | pipe';

/** Every node of a CommonMark parse (GitHub's Markdown is CommonMark plus tables and autolinks). */
function nodes(markdown: string): Node[] {
  const out: Node[] = [];
  const walker = new Parser().parse(markdown).walker();
  for (let step = walker.next(); step; step = walker.next()) if (step.entering) out.push(step.node);
  return out;
}

const text = (markdown: string) =>
  nodes(markdown)
    .filter((n) => n.type === 'text' || n.type === 'code')
    .map((n) => n.literal)
    .join('');

/** The HTML tags the renderers write themselves; anything else came from a name. */
const OWN_HTML = new Set(['<details>', '</details>', '<br>']);

function expectNoInjectedMarkup(markdown: string) {
  const all = nodes(markdown);
  expect(all.filter((n) => n.type === 'link' || n.type === 'image')).toEqual([]);
  const html = all.filter((n) => n.type === 'html_inline' || n.type === 'html_block').map((n) => n.literal!.trim());
  expect(html.filter((h) => !OWN_HTML.has(h) && !/^<summary>[^<]*<\/summary>$/.test(h))).toEqual([]);
}

/** Table rows keep their columns: a pipe in a name is escaped. */
function expectTablesIntact(markdown: string) {
  const columns = (line: string) => line.replace(/\\./g, '').split('|').length;
  const lines = markdown.split('\n');
  lines.forEach((line, i) => {
    if (/^\|(---\|)+$/.test(line)) {
      const header = columns(lines[i - 1]);
      for (let j = i + 1; j < lines.length && lines[j].startsWith('|'); j++) expect([lines[j], columns(lines[j])]).toEqual([lines[j], header]);
    }
  });
}

describe('Markdown text from names', () => {
  it.each([HOSTILE_ACCOUNT, TICK_ACCOUNT, HOSTILE_OU, '\\<b>', '&lt;', '``x``'])('mdText(%j) reads back as itself, and is only text', (name) => {
    expect(text(mdText(name))).toBe(name);
    expect(nodes(mdText(name)).map((n) => n.type).filter((t) => !['document', 'paragraph', 'text'].includes(t))).toEqual([]);
  });

  it.each(['arn:aws:iam::{a`b}:root', '`x', 'x`', '``', 'plain'])('mdCode(%j) is one code span of exactly that text', (code) => {
    const spans = nodes(mdCode(code)).filter((n) => n.type === 'code');
    expect(spans.map((n) => n.literal)).toEqual([code]);
  });

  it('Mermaid labels: no quote, angle bracket, ampersand or backtick survives; # starts only the entities', () => {
    const label = mermaidLabel(`${HOSTILE_ACCOUNT} ${TICK_ACCOUNT} #quot; "`);
    expect(label.slice(1, -1)).not.toMatch(/["<>&`]/);
    expect(label.slice(1, -1).match(/#[^;]*;/g)!.every((e) => /^#(35|96|amp|quot|lt|gt);$/.test(e))).toBe(true);
    expect(label).toContain('#35;quot;');
  });
});

describe('reports with hostile account and OU names', () => {
  const yaml = exampleYaml()
    .replace('    - name: Security\n', `    - name: Security\n    - name: "${HOSTILE_OU.replace(/\\/g, '\\\\')}"\n`)
    .replace(
      'accounts:\n',
      `accounts:\n  - name: "${HOSTILE_ACCOUNT}"\n    email: img@example.com\n    ou: "${HOSTILE_OU.replace(/\\/g, '\\\\')}"\n  - name: "${TICK_ACCOUNT}"\n    email: tick@example.com\n`,
    );

  it('the access diff shows them as text: no HTML, link or image from a name; tables keep their columns', () => {
    const pair = synthPair(exampleYaml(), yaml);
    const md = reportDiffCommand({ config: pair.configPath, out: pair.headOut, base: pair.baseOut, format: 'md' }).text;
    expect(md).toContain(`Account ${mdText(HOSTILE_ACCOUNT)} created in ${mdText(HOSTILE_OU)}`);
    expect(md).not.toContain('<img');
    expectNoInjectedMarkup(md);
    expectTablesIntact(md);
    expect(text(md)).toContain(`Account ${HOSTILE_ACCOUNT} created in ${HOSTILE_OU}`);
  });

  it('the report shows them as text too, in the matrix, the trust table and the Mermaid graph', () => {
    const org = tempOrg(yaml);
    const md = reportCommand({ config: org.configPath, out: org.outDir, format: 'md' });
    expect(md).not.toContain('<img');
    expectNoInjectedMarkup(md);
    expectTablesIntact(md);
    expect(text(md)).toContain(HOSTILE_ACCOUNT);
    expect(text(md)).toContain(TICK_ACCOUNT);
    expect(md).toContain(`| ${mdText(HOSTILE_ACCOUNT)} | ${mdText(HOSTILE_OU).replace('|', '\\|')} |`);
    const mermaid = /```mermaid\n([\s\S]*?)```/.exec(md)![1];
    expect(mermaid).toContain(mermaidLabel(HOSTILE_ACCOUNT));
    expect(mermaid).not.toContain('<img');
  });
});
