import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { join } from 'node:path';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { parse } from 'yaml';
import { MANAGEMENT_STACK } from '../stacks/stack-names';
import { OrgWorkspace, REPO_ROOT, iamIn, planAll, planChanges, run, startE2eEnvironment, trustPolicy, unclean, type E2eEnvironment, type RunResult } from './harness';
import { readmeWalkthrough } from './walkthrough/readme-blocks';
import { BREAK_GLASS, buildRunbookOrg, type RunbookOrg } from './walkthrough/runbook-org';

/**
 * The README's "Walkthrough: an existing organization", run block by block exactly as written
 * there (read from README.md), against an organization made the way the manual runbook makes
 * one. `npx org-trust` and `npm run synth` are the repository's own CLI and app, through two
 * shims on PATH (the test cannot npm-install the package it tests); everything else (bash,
 * terraform, the heredoc) is what a reader runs. E2E_WALKTHROUGH_EXTRA adds that many workload
 * accounts (300 in the scale run: `E2E_WALKTHROUGH_EXTRA=295 npx jest --config e2e/jest.config.js e2e/adoption-walkthrough.e2e.ts`).
 */
const EXTRA = Number(process.env.E2E_WALKTHROUGH_EXTRA ?? 3);
const ROLE = 'OrganizationAccountAccessRole';

/** `npx org-trust ...` and `npm run synth` of a checkout, for a script run in another folder. */
function writeShims(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const node = process.execPath;
  const shim = (name: string, body: string) => {
    writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  };
  shim('npx', `if [ "$1" = org-trust ]; then shift; exec "${node}" "${join(REPO_ROOT, 'bin', 'org-trust.js')}" "$@"; fi\necho "npx $*: not shimmed" >&2; exit 127`);
  shim('npm', `if [ "$1 $2" = "run synth" ]; then exec "${node}" "${join(REPO_ROOT, 'dist', 'main.js')}"; fi\necho "npm $*: not shimmed" >&2; exit 127`);
  return dir;
}

/** Each top-level command of a traced bash run and its wall time, from `set -x` lines stamped with $EPOCHREALTIME. */
function commandTimes(stderr: string, end: number): { command: string; seconds: number }[] {
  const starts = [...stderr.matchAll(/^\+ (\d+\.\d+) (.*)$/gm)].map((m) => ({ at: Number(m[1]), command: m[2] }));
  return starts.map((s, i) => ({ command: s.command, seconds: (starts[i + 1]?.at ?? end) - s.at }));
}

/** May the break-glass role, in a session with or without MFA, assume the member role under this trust? */
async function breakGlassMayAssume(trust: unknown, accountId: string, mfa: boolean): Promise<boolean> {
  const response = await runSimulation(
    {
      request: {
        principal: `arn:aws:sts::444455556666:assumed-role/break-glass/oncall`,
        action: 'sts:AssumeRole',
        resource: { resource: `arn:aws:iam::${accountId}:role/${ROLE}`, accountId },
        contextVariables: { 'aws:PrincipalArn': BREAK_GLASS, 'aws:PrincipalAccount': '444455556666', 'aws:MultiFactorAuthPresent': String(mfa) },
      },
      identityPolicies: [{ name: 'all', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: trust,
    },
    {},
  );
  if (response.resultType !== 'single') throw new Error(`iam-simulate: ${JSON.stringify(response)}`);
  return response.overallResult === 'Allowed';
}

describe(`README walkthrough: an existing organization (${EXTRA + 5} accounts)`, () => {
  const blocks = readmeWalkthrough('existing-organization');
  const migration = readmeWalkthrough('state-migration');
  let e2e: E2eEnvironment;
  let org: RunbookOrg;
  let ws: OrgWorkspace;
  let env: NodeJS.ProcessEnv;
  let breakGlassTrustBefore: unknown;
  const times: { step: number | string; command: string; seconds: number }[] = [];

  const runStep = async (step: number, walkthrough = blocks): Promise<RunResult> => {
    const script = `set -euo pipefail\nPS4='+ $EPOCHREALTIME '\nset -x\n${walkthrough[step - 1].script}`;
    const result = await run('bash', ['-c', script], { cwd: ws.dir, env, timeoutMs: 60 * 60_000 });
    const label = walkthrough === blocks ? step : `migration ${step}`;
    times.push(...commandTimes(result.stderr, Date.now() / 1000).filter((t) => !/^(for |cd |cat$)/.test(t.command)).map((t) => ({ step: label, ...t })));
    if (result.code !== 0) throw new Error(`README walkthrough step ${step} exited ${result.code}:\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
    return result;
  };

  beforeAll(async () => {
    e2e = await startE2eEnvironment({ region: 'us-east-1' });
    org = await buildRunbookOrg(e2e, EXTRA);
    ws = new OrgWorkspace(e2e.env, 'walkthrough');
    const shims = writeShims(join(ws.dir, '.shims'));
    // The workspace is the reader's repository root: org.yaml, org.lock.json, cdktf.out/ and the state files live there.
    const home = join(ws.dir, '.home');
    mkdirSync(home);
    env = { ...e2e.env, HOME: home, PATH: `${shims}:${e2e.env.PATH ?? process.env.PATH}`, ORG_CONFIG: ws.configPath, CDKTF_OUTDIR: join(ws.dir, 'cdktf.out') };
    breakGlassTrustBefore = await trustPolicy(await iamIn(e2e, org.ids.get('prod-app')!), ROLE);
  }, 30 * 60_000);

  afterAll(async () => {
    const rows = times.map((t) => `| ${t.step} | \`${t.command.slice(0, 100)}\` | ${t.seconds.toFixed(1)} |`);
    process.stdout.write(`\nREADME walkthrough, ${EXTRA + 5} accounts: wall time per command\n| step | command | s |\n|---|---|---|\n${rows.join('\n')}\n`);
    await e2e?.stop();
    ws?.remove();
  });

  it('the README has the five steps, each a shell block', () => {
    expect(blocks.map((b) => b.step)).toEqual([1, 2, 3, 4, 5]);
  });

  it('step 1 (discover) writes every ACTIVE account with its id, and the lock', async () => {
    await runStep(1);
    const config = parse(readFileSync(ws.configPath, 'utf8'));
    const written = new Map<string, string>([[config.identityAccount.name, config.identityAccount.id], ...config.accounts.map((a: { name: string; id: string }) => [a.name, a.id] as [string, string])]);
    expect(Object.fromEntries(written)).toEqual(Object.fromEntries(org.ids));
    expect(existsSync(ws.lockPath)).toBe(true);
  });

  it('step 2 (people and the principals to keep, then validate) is accepted', async () => {
    const result = await runStep(2);
    expect(result.stdout).toContain('management: ');
  });

  it('step 3 (synth, preflight, report): preflight exits 0, nothing blocks and every check ran', async () => {
    const result = await runStep(3);
    expect(result.stdout).toMatch(/0 blocking, \d+ warnings: nothing blocks the apply/);
    expect(existsSync(join(ws.dir, 'access-report.md'))).toBe(true);
  });

  it('before step 4: the first management plan imports every account and OU, changes and destroys nothing; only the runbook IAM and the people are new', async () => {
    const tf = ws.terraform(MANAGEMENT_STACK);
    await tf.init();
    const changes = await planChanges(tf);
    const summary = (c: (typeof changes)[number]) => `${c.address} ${c.actions.join('/')}${c.importing ? ' (import)' : ''}`;
    expect(changes.filter((c) => c.type.startsWith('aws_organizations_') && !(c.importing && c.actions.join() === 'no-op')).map(summary)).toEqual([]);
    expect(changes.filter((c) => c.type === 'aws_organizations_account')).toHaveLength(org.ids.size);
    expect(changes.filter((c) => c.actions.includes('update') || c.actions.includes('delete')).map(summary)).toEqual([]);
    expect([...new Set(changes.filter((c) => c.actions.join() === 'create').map((c) => c.type))].sort()).toEqual(
      ['aws_iam_account_password_policy', 'aws_iam_group', 'aws_iam_group_policy_attachment', 'aws_iam_policy', 'aws_iam_role', 'aws_iam_role_policy', 'aws_iam_user', 'aws_iam_user_group_membership'].sort(),
    );
  });

  it('step 4 (plan and apply every stack, management first) succeeds, and every stack then plans no changes', async () => {
    await runStep(4);
    expect(unclean(await planAll(ws))).toEqual({});
  }, 60 * 60_000);

  it('step 5 (verify) exits 0: no drift', async () => {
    const result = await runStep(5);
    expect(result.stdout).toMatch(/verify: \d+ accounts in organization o-\w+; no drift/);
  });

  it('the break-glass role is trusted as it was: with MFA yes, without MFA no, before and after', async () => {
    const id = org.ids.get('prod-app')!;
    const after = await trustPolicy(await iamIn(e2e, id), ROLE);
    expect(JSON.stringify(after)).not.toBe(JSON.stringify(breakGlassTrustBefore));
    for (const mfa of [true, false]) {
      expect([mfa, await breakGlassMayAssume(after, id, mfa)]).toEqual([mfa, await breakGlassMayAssume(breakGlassTrustBefore, id, mfa)]);
    }
    expect(await breakGlassMayAssume(after, id, true)).toBe(true);
  });

  describe('then "From local state to a shared backend", as written, into the emulator\'s S3', () => {
    const BUCKET = 'acme-org-trust-state';
    let stacks: string[];

    beforeAll(async () => {
      await new S3Client(e2e.sdk()).send(new CreateBucketCommand({ Bucket: BUCKET }));
      stacks = ws.stackNames();
    });

    it('block 1 (backend s3, synth, push each local state, plan) exits 0: every stack plans no changes from its pushed state', async () => {
      await runStep(1, migration);
      const keys = ((await new S3Client(e2e.sdk()).send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map((o) => o.Key!).sort();
      expect(keys).toEqual(stacks.map((s) => `org-trust/${s}.tfstate`).sort());
    });

    it('block 2 moves the local state away; validate no longer warns; every stack still plans no changes', async () => {
      const result = await runStep(2, migration);
      expect(readdirSync(ws.dir).filter((f) => /^terraform\..*\.tfstate/.test(f))).toEqual([]);
      expect(result.stdout).not.toMatch(/local state/i);
      expect(unclean(await planAll(ws))).toEqual({});
    });
  });
});
