import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../harness';

/** A shell block of the README, marked `<!-- walkthrough:NAME N -->`, as a reader would copy it. */
export interface ReadmeBlock {
  readonly step: number;
  readonly script: string;
}

/**
 * The marked ```sh blocks of one walkthrough in README.md, in step order, with the indentation
 * of their list item removed (what a reader's copy and paste gives). Throws when the steps are
 * not 1, 2, 3, ... so that a block lost in an edit of the README fails the test.
 */
export function readmeWalkthrough(name: string, readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')): ReadmeBlock[] {
  const marker = new RegExp(`^([ \\t]*)<!-- walkthrough:${name} (\\d+) -->\\n\\1\`\`\`sh\\n([\\s\\S]*?)^\\1\`\`\`$`, 'gm');
  const blocks: ReadmeBlock[] = [];
  for (const m of readme.matchAll(marker)) {
    const indent = m[1];
    const script = m[3]
      .split('\n')
      .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
      .join('\n');
    blocks.push({ step: Number(m[2]), script });
  }
  blocks.forEach((b, i) => {
    if (b.step !== i + 1) throw new Error(`README walkthrough ${name}: step ${i + 1} expected, found ${b.step}`);
  });
  if (!blocks.length) throw new Error(`README.md has no walkthrough:${name} blocks`);
  return blocks;
}
