import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { validateCommand } from '../../cli/commands/validate';
import { EXAMPLE_PATH } from '../helpers/example';

/**
 * Examples in the docs are the code's own output: each marked block is produced here and
 * compared, so that the docs cannot drift from what the tool prints. UPDATE_DOCS=1 rewrites
 * the blocks.
 */
const DOC = join(__dirname, '..', '..', 'docs', 'cli.md');

/** The ```text block that follows `marker` in the doc. */
function block(doc: string, marker: string): { start: number; end: number; text: string } {
  const at = doc.indexOf(marker);
  if (at < 0) throw new Error(`docs/cli.md has no "${marker}"`);
  const start = doc.indexOf('```text\n', at) + '```text\n'.length;
  const end = doc.indexOf('```', start);
  return { start, end, text: doc.slice(start, end) };
}

describe('docs/cli.md examples are the code output', () => {
  it('validate of the bundled org.yaml', () => {
    const doc = readFileSync(DOC, 'utf8');
    // Paths as a reader sees them from the repository root, whatever the checkout's folder.
    const produced = validateCommand({ config: EXAMPLE_PATH }, {}).split(`${dirname(EXAMPLE_PATH)}/`).join('');
    const { start, end, text } = block(doc, 'Example (the bundled `org.yaml`;');
    if (process.env.UPDATE_DOCS === '1') writeFileSync(DOC, doc.slice(0, start) + produced + doc.slice(end));
    else expect(text).toBe(produced);
  });
});
