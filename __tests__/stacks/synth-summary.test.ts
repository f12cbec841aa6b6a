import { join } from 'node:path';
import { lockNews, synthSummary } from '../../stacks/synth-summary';

const trust = (n: number) => Array.from({ length: n }, (_, i) => `trust-${i + 1}`);
/** A deterministic shuffle: the summary must not depend on the order the app lists its stacks in. */
const shuffled = <T>(xs: T[]) => xs.map((x, i) => [(i * 7919) % 104729, x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);

describe('synthSummary', () => {
  it.each([
    [1, 'management'],
    [3, 'management, identity, trust-1'],
    [5, 'management, identity, trust-1, trust-2, trust-3'],
    [6, 'management, identity, trust-1 … trust-4'],
    [1002, 'management, identity, trust-1 … trust-1000'],
  ])('%i stacks, in rollout order whatever the input order', (count, shown) => {
    const stacks = ['management', 'identity', ...trust(count - 2)].slice(0, count);
    const line = synthSummary('cdktf.out', shuffled(stacks), '/repo');
    expect(line).toBe(`Synthesized ${count} ${count === 1 ? 'stack' : 'stacks'} into ${join('cdktf.out', 'stacks')}, applied in this order: ${shown}`);
    expect(line).not.toContain('\n');
    expect(line.length).toBeLessThan(120);
  });

  it('sorts trust stacks by number, not by text (trust-10 after trust-9)', () => {
    expect(synthSummary('o', ['trust-10', 'trust-9', 'management'], '/r')).toMatch(/management, trust-9, trust-10$/);
  });

  it.each([
    ['a relative outdir stays as given', 'build/out', '/repo', 'build/out/stacks'],
    ['an absolute outdir under the working directory becomes relative', '/repo/cdktf.out', '/repo', 'cdktf.out/stacks'],
    ['an absolute outdir elsewhere stays absolute', '/tmp/x/out', '/repo', '/tmp/x/out/stacks'],
    ['a sibling that shares a prefix is not "under" the working directory', '/repo-other/out', '/repo', '/repo-other/out/stacks'],
  ])('%s', (_, outdir, cwd, where) => {
    expect(synthSummary(outdir, ['management'], cwd)).toBe(`Synthesized 1 stack into ${where}, applied in this order: management`);
  });
});

describe('lockNews', () => {
  it('lists every change, indented, under the lock path', () => {
    expect(lockNews('/r/org.lock.json', ['A: added to trust-1', 'B: retired'])).toBe('/r/org.lock.json updated:\n  A: added to trust-1\n  B: retired');
  });

  it('lists up to 20 changes; beyond, the first 20 and how many more, with where to see them', () => {
    const changes = (n: number) => Array.from({ length: n }, (_, i) => `acct-${i + 1}: added to trust-${Math.floor(i / 10) + 1}`);
    expect(lockNews('org.lock.json', changes(20)).split('\n')).toEqual(['org.lock.json updated:', ...changes(20).map((c) => `  ${c}`)]);
    const long = lockNews('org.lock.json', changes(10_000)).split('\n');
    expect(long).toEqual(['org.lock.json updated:', ...changes(20).map((c) => `  ${c}`), '  … and 9980 more changes (git diff org.lock.json shows each)']);
  });

  it('says when only the layout changed', () => {
    expect(lockNews('org.lock.json', [])).toBe('org.lock.json updated:\n  rewritten in the canonical layout (content unchanged)');
  });
});
