import { isAbsolute, join, relative, sep } from 'node:path';
import { rolloutOrder } from './stack-names';

/** Names shown in full; beyond this the trust stacks are shown as their first and last. */
const LISTED_STACKS = 5;

/**
 * The one line a successful synth prints on stdout: where the stacks went, in the order they
 * are applied. A long run of trust stacks is elided so that 1,000 stacks stay one short line.
 */
export function synthSummary(outdir: string, stacks: Iterable<string>, cwd = process.cwd()): string {
  const ordered = rolloutOrder(stacks);
  const shown = ordered.length <= LISTED_STACKS ? ordered.join(', ') : `${ordered.slice(0, 3).join(', ')} … ${ordered[ordered.length - 1]}`;
  const count = `${ordered.length} ${ordered.length === 1 ? 'stack' : 'stacks'}`;
  return `Synthesized ${count} into ${shownPath(join(outdir, 'stacks'), cwd)}, applied in this order: ${shown}`;
}

/** Relative where the folder is under the working directory (what the user types next), else as given. */
function shownPath(dir: string, cwd: string): string {
  if (!isAbsolute(dir)) return dir;
  const rel = relative(cwd, dir);
  return rel && rel.split(sep)[0] !== '..' && !isAbsolute(rel) ? rel : dir;
}

/** Changes listed line by line; beyond this, the first ones and a count (the lock's diff has them all). */
const LISTED_CHANGES = 20;

/**
 * The lock's news on stdout: information, not an error. The first synth of an organization
 * places every account; at 10,000 accounts a line each would bury the summary, so a long list
 * is cut, and `git diff` of the lock (what a reviewer reads) shows every change.
 */
export function lockNews(lockPath: string, changes: readonly string[]): string {
  // Same content (the seal matched), other layout: rewritten as synth writes it.
  const all = changes.length ? changes : ['rewritten in the canonical layout (content unchanged)'];
  const lines = all.length <= LISTED_CHANGES ? all : [...all.slice(0, LISTED_CHANGES), `… and ${all.length - LISTED_CHANGES} more changes (git diff ${lockPath} shows each)`];
  return `${lockPath} updated:\n${lines.map((c) => `  ${c}`).join('\n')}`;
}
