import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { GITHUB_MATRIX_MAX_JOBS } from '../../cli/ci/github-workflow';
import { ciCommand } from '../../cli/commands/ci';
import { generateOrgYaml } from '../../fixtures/generate-org';
import { exampleYaml, EXAMPLE_PATH } from '../helpers/example';
import { synthPair } from './synth-pair';
import { BIN, tempOrg } from './temp-org';

const ROOT = join(__dirname, '..', '..');
const schema = (name: string) => JSON.parse(readFileSync(join(ROOT, 'vendor', 'schemas', name), 'utf8')) as object;
// The SchemaStore schema uses keywords beyond draft-07's core vocabulary (e.g. markdownDescription): not strict.
const ajv = new Ajv({ allErrors: true, strict: false });
const validateWorkflow = ajv.compile(schema('github-workflow.json'));
const validateAtlantis = ajv.compile(schema('atlantis-repo-config.json'));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = Record<string, any>;
const workflowOf = (config: string) => parse(ciCommand({ config, engine: 'github-actions' })) as Doc;
const atlantisOf = (config: string) => parse(ciCommand({ config, engine: 'atlantis' })) as Doc;
const errors = (v: typeof validateWorkflow) => JSON.stringify(v.errors?.slice(0, 5));

describe('org-trust ci github-actions', () => {
  const workflow = workflowOf(EXAMPLE_PATH);

  it('validates against the SchemaStore github-workflow schema', () => {
    expect(validateWorkflow(workflow)).toBe(true);
  });

  it('the schema catches a broken workflow (a job without runs-on, a step with neither run nor uses)', () => {
    const noRunner = structuredClone(workflow);
    delete noRunner.jobs.plan['runs-on'];
    expect(validateWorkflow(noRunner)).toBe(false);
    const emptyStep = structuredClone(workflow);
    emptyStep.jobs.synth.steps.push({ name: 'nothing' });
    expect(validateWorkflow(emptyStep)).toBe(false);
    expect(errors(validateWorkflow)).toContain('steps');
  });

  it('plans only the stacks whose JSON changed, as a matrix, on pull requests', () => {
    const plan = workflow.jobs.plan;
    expect(plan.needs).toBe('synth');
    expect(plan.strategy.matrix.stack).toBe('${{ fromJSON(needs.synth.outputs.changed) }}');
    expect(plan.if).toContain("github.event_name == 'pull_request'");
    expect(plan.steps.at(-1).run).toContain('terraform plan');
    expect(plan.steps.at(-1)['working-directory']).toBe('cdktf.out/stacks/${{ matrix.stack }}');
    // Only the member stacks of a change that also changes management may fail their plan.
    expect(plan['continue-on-error']).toBe("${{ matrix.stack != 'management' && needs.synth.outputs.management == 'true' }}");
  });

  it('posts the access diff on the pull request', () => {
    const steps: Doc[] = workflow.jobs.synth.steps;
    const post = steps.find((s) => s.name === 'Post the access diff on the pull request')!;
    expect(post.run).toContain('gh pr comment "$PR" --body-file access-diff.md');
    expect(workflow.jobs.synth.permissions['pull-requests']).toBe('write');
  });

  it('applies on merge in rollout order: management first, then the other changed stacks', () => {
    const { 'apply-management': management, apply } = workflow.jobs;
    expect(management.if).toBe("github.event_name == 'push' && needs.synth.outputs.management == 'true'");
    expect(management.strategy.matrix.stack).toEqual(['management']);
    expect(apply.needs).toEqual(['synth', 'apply-management']);
    expect(apply.strategy.matrix.stack).toBe('${{ fromJSON(needs.synth.outputs.members) }}');
    expect(apply.if).toContain('needs.apply-management.result');
    for (const job of [management, apply]) {
      expect(job.environment).toBe('org-trust-apply');
      expect(job.steps.at(-1).run).toContain('terraform apply -input=false -auto-approve');
    }
  });

  it('a Terraform Cloud backend passes the API token under the host’s TF_TOKEN_ variable; local warns', () => {
    const cloud = tempOrg(exampleYaml().replace('trust:\n', 'backend:\n  type: cloud\n  organization: ACME\n  hostname: tfe.example-corp.com\ntrust:\n'), { synth: false });
    const doc = workflowOf(cloud.configPath);
    expect(doc.env.TF_TOKEN_tfe_example__corp_com).toBe('${{ secrets.TF_API_TOKEN }}');
    expect(validateWorkflow(doc)).toBe(true);
    expect(ciCommand({ config: EXAMPLE_PATH, engine: 'github-actions' })).toMatch(/^# WARNING: backend is local/m);
  });

  it(`warns in the header where more than ${GITHUB_MATRIX_MAX_JOBS} stacks exist (GitHub refuses a larger matrix), and only there`, () => {
    const big = tempOrg(generateOrgYaml({ members: 2550, shardSize: 10 }), { synth: false });
    const text = ciCommand({ config: big.configPath, engine: 'github-actions' });
    expect(text).toMatch(/^# WARNING: 257 stacks, and GitHub runs at most 256 jobs of a matrix: a change to more than$/m);
    expect(validateWorkflow(parse(text))).toBe(true);
    const fits = tempOrg(generateOrgYaml({ members: 2540, shardSize: 10 }), { synth: false });
    expect(ciCommand({ config: fits.configPath, engine: 'github-actions' })).not.toContain('jobs of a matrix');
  });

  const hasJq = spawnSync('jq', ['--version']).status === 0;
  (hasJq ? it : it.skip)('the access-diff step, run by bash, writes the matrix outputs from the diff', () => {
    const head = exampleYaml().replace('users: [dave]', 'users: [dave, carol]');
    const pair = synthPair(exampleYaml(), head);
    const script: string = workflow.jobs.synth.steps.find((s: Doc) => s.id === 'diff').run;
    const work = join(pair.dir, 'head');
    const out = join(mkdtempSync(join(tmpdir(), 'gh-out-')), 'output');
    const r = spawnSync('bash', ['-euo', 'pipefail', '-c', script.split('npx org-trust report').join(`node ${BIN} report --config ${pair.configPath}`)], {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, GITHUB_OUTPUT: out, GITHUB_STEP_SUMMARY: join(work, 'summary.md') },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n').filter(Boolean)).toEqual(['access-grew=true', 'changed=["identity"]', 'management=false', 'members=["identity"]']);
    expect(readFileSync(join(work, 'summary.md'), 'utf8')).toContain('carol joins identity group auditors');
  });
});

describe('org-trust ci atlantis', () => {
  const config = atlantisOf(EXAMPLE_PATH);

  it('validates against the Atlantis repo config schema', () => {
    expect(validateAtlantis(config)).toBe(true);
  });

  it('the schema catches a broken config (unknown key, bad requirement, project without dir)', () => {
    for (const edit of [
      (c: Doc) => (c.projects[0].autoplan.when_modifed = ['x']),
      (c: Doc) => (c.projects[1].apply_requirements = ['approve']),
      (c: Doc) => delete c.projects[2].dir,
      (c: Doc) => (c.version = 1),
    ]) {
      const broken = structuredClone(config);
      edit(broken);
      expect(validateAtlantis(broken)).toBe(false);
    }
  });

  it('a project per stack; identity and every trust stack depend on management and run after it', () => {
    const big = tempOrg(exampleYaml().replace('shardSize: 10', 'shardSize: 1'), { synth: false });
    const doc = atlantisOf(big.configPath);
    expect(doc.projects.map((p: Doc) => p.name)).toEqual(['management', 'identity', 'trust-1', 'trust-2', 'trust-3', 'trust-4']);
    expect(doc.projects[0]).toMatchObject({ dir: 'cdktf.out/stacks/management', execution_order_group: 0 });
    expect(doc.projects[0].depends_on).toBeUndefined();
    for (const p of doc.projects.slice(1)) expect(p).toMatchObject({ dir: `cdktf.out/stacks/${p.name}`, depends_on: ['management'], execution_order_group: 1 });
    expect(doc.abort_on_execution_order_fail).toBe(true);
    expect(validateAtlantis(doc)).toBe(true);
  });
});

describe('examples/ci', () => {
  it.each([
    ['github-actions', 'examples/ci/github-actions.yml'],
    ['atlantis', 'examples/ci/atlantis.yaml'],
  ] as const)('%s: the shipped example is what the CLI generates for org.yaml', (engine, file) => {
    expect(readFileSync(join(ROOT, file), 'utf8')).toBe(ciCommand({ config: 'org.yaml', engine }));
  });
});
