import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * silenceDeprecations drops exactly the listed codes, in every form process.emitWarning takes,
 * and lets every other warning through. Run in a child process: it patches the process it runs in.
 */
const MODULE = join(__dirname, '..', '..', 'toolchain', 'dependency-warnings.ts');

function stderrOf(emit: string): string {
  const script = `require(${JSON.stringify(MODULE)}).silenceDeprecations(); ${emit}`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  expect(r.status).toBe(0);
  return r.stderr;
}

describe('silenceDeprecations', () => {
  it.each([
    ["process.emitWarning('util.isArray', 'DeprecationWarning', 'DEP0044')"],
    ["process.emitWarning('util.isArray', { type: 'DeprecationWarning', code: 'DEP0044' })"],
    ["require('node:util').deprecate(() => 1, 'isArray-like', 'DEP0044')()"],
  ])('silences DEP0044: %s', (emit) => expect(stderrOf(emit)).toBe(''));

  it.each([
    ["process.emitWarning('other', 'DeprecationWarning', 'DEP0001')", /DEP0001.*other/],
    ["process.emitWarning('other', { type: 'DeprecationWarning', code: 'DEP0444' })", /DEP0444.*other/],
    ["process.emitWarning('plain warning')", /Warning: plain warning/],
    ["process.emitWarning(new Error('an error object'))", /an error object/],
    ["process.emitWarning('typed', 'ExperimentalWarning')", /ExperimentalWarning: typed/],
    ["require('node:util').deprecate(() => 1, 'another api', 'DEP0045')()", /DEP0045.*another api/],
  ])('lets through %s', (emit, shown) => expect(stderrOf(emit)).toMatch(shown));
});
