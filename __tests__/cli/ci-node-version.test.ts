import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ciCommand } from '../../cli/commands/ci';

/** The generated GitHub Actions workflow runs on Node 24 (the active LTS), a version `engines` admits. */
const ROOT = join(__dirname, '..', '..');
type Step = { uses?: string; with?: Record<string, unknown>; run?: string };

const engines = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
/** Majors named by an `engines` range of `^N...` alternatives (the form package.json uses). */
const enginesMajors = (range: string) => range.split('||').map((part) => Number(/^\s*\^(\d+)\./.exec(part)?.[1]));

describe('node version of the generated workflow', () => {
  const workflow = parse(ciCommand({ config: 'org.yaml', engine: 'github-actions' })) as { jobs: Record<string, { steps: Step[] }> };
  const setups = Object.values(workflow.jobs)
    .flatMap((job) => job.steps)
    .filter((step) => step.uses?.startsWith('actions/setup-node@'));

  it('engines lists 20, 22 and 24, nothing else', () => expect(enginesMajors(engines)).toEqual([20, 22, 24]));

  it('every setup-node step asks for 24', () => {
    expect(setups.length).toBeGreaterThan(0);
    for (const step of setups) expect(step.with?.['node-version']).toBe(24);
  });

  it('synthesizes with npm run synth (the app, no cdktf CLI and its node-pty)', () => {
    const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((s) => s.run ?? ''));
    expect(runs.some((r) => r.includes('npm run synth'))).toBe(true);
    for (const r of runs) expect(r).not.toMatch(/cdktf (synth|deploy|diff)/);
  });
});
