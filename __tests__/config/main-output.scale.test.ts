import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleYaml } from '../helpers/example';
import { runMain, tempDir, type RunResult } from '../helpers/run-main';

/**
 * What `npm run synth` prints (issue 20): news on stdout (the lock's changes, where the stacks
 * went), warnings as one `warning:` line each on stderr, a config error once, exit codes right.
 * stderr is what `cdktf synth` paints as red [ERROR] lines, so nothing normal may land there.
 */
const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fake `terraform` that reports `version` (TERRAFORM_BINARY_NAME points synth at it). */
function fakeTerraform(version: string): string {
  const path = join(dir, `terraform-${version}`);
  writeFileSync(path, `#!/bin/sh\necho '{"terraform_version": "${version}"}'\n`);
  chmodSync(path, 0o755);
  return path;
}

const lines = (text: string) => text.split('\n').filter((l) => l !== '');
const noStackTrace = (r: RunResult) => expect(`${r.stdout}${r.stderr}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

describe('synth output: news on stdout, warnings on stderr', () => {
  const terraforms: [label: string, binary: () => string, warning: RegExp | undefined][] = [
    ['missing', () => join(dir, 'no-such-terraform'), /^warning: \S*no-such-terraform was not found: the JSON is written, but plan and apply need Terraform >= 1\.7 or OpenTofu$/],
    ['too old (1.5.7)', () => fakeTerraform('1.5.7'), /^warning: .*1\.5\.7.*>= 1\.7/],
    ['current (1.11.4)', () => fakeTerraform('1.11.4'), undefined],
  ];

  it.each(terraforms)('terraform %s: first synth (new lock), then an unchanged one', async (label, binary, warning) => {
    const at = join(dir, label.replace(/\W/g, ''));
    mkdirSync(at);
    const config = join(at, 'org.yaml');
    writeFileSync(config, exampleYaml());
    const env = { TERRAFORM_BINARY_NAME: binary() };
    const first = await runMain(config, join(at, 'out'), env);
    const second = await runMain(config, join(at, 'out'), env);
    const summary = `Synthesized 3 stacks into ${join(at, 'out', 'stacks')}, applied in this order: management, identity, trust-1`;

    for (const r of [first, second]) {
      expect(r.code).toBe(0);
      noStackTrace(r);
      expect(lines(r.stdout).at(-1)).toBe(summary);
      expect(r.stderr).not.toMatch(/error|updated/i);
      if (warning) {
        expect(lines(r.stderr)).toHaveLength(1);
        expect(r.stderr.trimEnd()).toMatch(warning);
      } else expect(r.stderr).toBe('');
    }
    expect(lines(first.stdout)[0]).toBe(`${join(at, 'org.lock.json')} updated:`);
    expect(lines(first.stdout).filter((l) => /^ {2}\S+: added to trust-1$/.test(l))).toHaveLength(4);
    expect(lines(second.stdout)).toEqual([summary]);
    expect(readdirSync(at).sort()).toEqual(['org.lock.json', 'org.yaml', 'out']);
  });
});

describe('synth of a bad config: the message once, on stderr, exit 1, nothing on stdout', () => {
  const corpus = join(__dirname, '..', 'invalid-configs');
  // One of each kind of refusal: schema, YAML syntax, cross-field rules, unknown key, lock-free reference.
  const picked = readdirSync(corpus)
    .filter((f) => f.endsWith('.yaml'))
    .filter((_, i, all) => i % Math.ceil(all.length / 6) === 0);

  it('picks a spread of the corpus', () => expect(picked.length).toBeGreaterThanOrEqual(5));

  it.each(picked)('%s', async (file) => {
    const text = readFileSync(join(corpus, file), 'utf8');
    const expected = /^# expect: (.+)$/m.exec(text)?.[1];
    const at = join(dir, `bad-${file}`);
    mkdirSync(at);
    const config = join(at, 'org.yaml');
    writeFileSync(config, text);
    const r = await runMain(config, join(at, 'out'), { TERRAFORM_BINARY_NAME: fakeTerraform('1.11.4') });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    noStackTrace(r);
    if (expected) expect(r.stderr).toContain(expected);
    const errorLines = lines(r.stderr);
    expect(errorLines.length).toBeGreaterThan(0);
    // Said once: no line of the message repeats (cdktf synth prints the app's stderr twice).
    expect(new Set(errorLines).size).toBe(errorLines.length);
    expect(readdirSync(at)).toEqual(['org.yaml']);
  });
});
