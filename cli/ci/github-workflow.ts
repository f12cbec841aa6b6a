import type { OrgConfig } from '../../config/model';
import { MANAGEMENT_STACK } from '../../stacks/stack-names';

/** Terraform the generated CI installs: import and removed blocks need 1.7, S3 use_lockfile 1.10. */
export const CI_TERRAFORM_VERSION = '1.11.4';

/** Repository variables the workflow reads: IAM roles in the management account, assumed through GitHub's OIDC provider. */
export const PLAN_ROLE_VARIABLE = 'ORG_TRUST_PLAN_ROLE_ARN';
export const APPLY_ROLE_VARIABLE = 'ORG_TRUST_APPLY_ROLE_ARN';

/** GitHub Actions expands a matrix into at most this many jobs per workflow run, and refuses a larger one. */
export const GITHUB_MATRIX_MAX_JOBS = 256;

const STACKS_DIR = 'cdktf.out/stacks';
const ARTIFACT = 'cdktf-out';

/** Where the state lives decides what the workflow needs besides AWS credentials. */
function backendNotes(config: OrgConfig): { header: string[]; env: Record<string, string> } {
  const backend = config.backend;
  if (backend.type === 'cloud') {
    // Terraform reads a token for HOST from TF_TOKEN_<host with dots as underscores>.
    const variable = `TF_TOKEN_${backend.hostname.replace(/\./g, '_').replace(/-/g, '__')}`;
    return { header: [`State: Terraform Cloud (${backend.hostname}, organization ${backend.organization}); the secret TF_API_TOKEN becomes ${variable}.`], env: { [variable]: '${{ secrets.TF_API_TOKEN }}' } };
  }
  if (backend.type === 's3') return { header: [`State: S3 bucket ${backend.bucket} (${backend.region}); the plan and apply roles need access to it.`], env: {} };
  return {
    header: ['WARNING: backend is local. A runner forgets its files after each job, so plans and applies here start from', 'empty state: set `backend` to s3 or cloud in org.yaml before using this workflow.'],
    env: {},
  };
}

const checkout = { uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } };
// Node 24, the active LTS: `npm run synth` runs the app itself, so no native module (node-pty) is needed.
const setupNode = { uses: 'actions/setup-node@v4', with: { 'node-version': 24, cache: 'npm' } };

/** Steps of a job that runs Terraform in one stack of the matrix. */
function terraformSteps(config: OrgConfig, roleVariable: string, command: string): Record<string, unknown>[] {
  return [
    { uses: 'actions/download-artifact@v4', with: { name: ARTIFACT, path: STACKS_DIR } },
    { uses: 'hashicorp/setup-terraform@v3', with: { terraform_version: CI_TERRAFORM_VERSION, terraform_wrapper: false } },
    { uses: 'aws-actions/configure-aws-credentials@v4', with: { 'role-to-assume': `\${{ vars.${roleVariable} }}`, 'aws-region': config.organization.region } },
    { name: `terraform ${command.split(' ')[0]}`, 'working-directory': `${STACKS_DIR}/\${{ matrix.stack }}`, run: `terraform init -input=false\nterraform ${command}\n` },
  ];
}

const DIFF_SCRIPT = `set +e
npx org-trust report --base ../base/cdktf.out --out cdktf.out > access-diff.md
code=$?
set -e
# 0: access does not grow, 3: it grows; anything else is an error.
if [ "$code" -ne 0 ] && [ "$code" -ne 3 ]; then cat access-diff.md; exit "$code"; fi
npx org-trust report --base ../base/cdktf.out --out cdktf.out --format json > access-diff.json || [ $? -eq 3 ]
cat access-diff.md >> "$GITHUB_STEP_SUMMARY"
{
  echo "access-grew=$([ "$code" -eq 3 ] && echo true || echo false)"
  echo "changed=$(jq -c '.stacks.changed + .stacks.added' access-diff.json)"
  echo "management=$(jq -c '(.stacks.changed + .stacks.added) | index("${MANAGEMENT_STACK}") != null' access-diff.json)"
  echo "members=$(jq -c '[(.stacks.changed + .stacks.added)[] | select(. != "${MANAGEMENT_STACK}")]' access-diff.json)"
} >> "$GITHUB_OUTPUT"
`;

/**
 * Where a change can touch more stacks than a matrix holds (every trust stack changes with
 * requireMfa, mfaMaxAgeSeconds or a declared principal scoped to all accounts), GitHub refuses
 * the plan or apply job whole: nothing in it runs. Said in the header, with what to do.
 */
function matrixCapNotes(stackCount: number): string[] {
  if (stackCount <= GITHUB_MATRIX_MAX_JOBS) return [];
  return [
    `WARNING: ${stackCount} stacks, and GitHub runs at most ${GITHUB_MATRIX_MAX_JOBS} jobs of a matrix: a change to more than`,
    `${GITHUB_MATRIX_MAX_JOBS} stacks makes the plan or apply job fail before any stack runs (README, "GitHub Actions").`,
    'Raise trust.shardSize for fewer stacks, or plan and apply such a change outside this workflow.',
  ];
}

/**
 * The GitHub Actions workflow: synthesize the change and its base, post the access diff on
 * the pull request, plan every stack whose JSON changed (a matrix job), and on merge apply
 * them in rollout order: management first, then identity and the trust stacks in parallel.
 * `stackCount` (every stack synth writes) decides the matrix-cap warning.
 */
export function githubWorkflow(config: OrgConfig, configPath: string, stackCount = 0): { header: string[]; workflow: Record<string, unknown> } {
  const backend = backendNotes(config);
  const header = [
    `Generated by \`org-trust ci github-actions --config ${configPath}\`; regenerate it after changing the backend or region.`,
    `Needs repository variables ${PLAN_ROLE_VARIABLE} (read-only plan) and ${APPLY_ROLE_VARIABLE} (apply): IAM roles in the`,
    'management account that trust GitHub OIDC (token.actions.githubusercontent.com) for this repository, and an',
    'environment "org-trust-apply" (protect it with required reviewers).',
    ...backend.header,
    ...matrixCapNotes(stackCount),
  ];
  const member = '${{ fromJSON(needs.synth.outputs.members) }}';
  const workflow = {
    name: 'org-trust',
    on: { pull_request: { branches: ['main'] }, push: { branches: ['main'] } },
    permissions: { contents: 'read' },
    // Applies must never overlap; a plan may wait for one.
    concurrency: { group: 'org-trust-${{ github.event_name }}-${{ github.ref }}', 'cancel-in-progress': false },
    env: { CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: '1', ...backend.env },
    jobs: {
      synth: {
        'runs-on': 'ubuntu-latest',
        permissions: { contents: 'read', 'pull-requests': 'write' },
        outputs: {
          changed: '${{ steps.diff.outputs.changed }}',
          management: '${{ steps.diff.outputs.management }}',
          members: '${{ steps.diff.outputs.members }}',
          'access-grew': '${{ steps.diff.outputs.access-grew }}',
        },
        steps: [
          checkout,
          setupNode,
          // CI=true freezes the lock: synth fails if org.lock.json was not committed with the change.
          { name: 'Synthesize this change', env: { CI: 'true' }, run: 'npm ci\nnpm run synth\n' },
          {
            name: 'Synthesize the base',
            env: { BASE_SHA: "${{ github.event_name == 'pull_request' && github.event.pull_request.base.sha || github.event.before }}" },
            run: 'git worktree add ../base "$BASE_SHA"\ncd ../base\nnpm ci\nnpm run synth\n',
          },
          { name: 'Access diff', id: 'diff', run: DIFF_SCRIPT },
          {
            name: 'Post the access diff on the pull request',
            if: "github.event_name == 'pull_request'",
            env: { GH_TOKEN: '${{ github.token }}', PR: '${{ github.event.pull_request.number }}' },
            // Edit the comment of an earlier run; the first run creates it.
            run: 'gh pr comment "$PR" --body-file access-diff.md --edit-last || gh pr comment "$PR" --body-file access-diff.md\n',
          },
          { uses: 'actions/upload-artifact@v4', with: { name: ARTIFACT, path: STACKS_DIR, 'if-no-files-found': 'error' } },
        ],
      },
      plan: {
        needs: 'synth',
        if: "github.event_name == 'pull_request' && needs.synth.outputs.changed != '[]'",
        'runs-on': 'ubuntu-latest',
        permissions: { contents: 'read', 'id-token': 'write' },
        strategy: { 'fail-fast': false, matrix: { stack: '${{ fromJSON(needs.synth.outputs.changed) }}' } },
        // Identity and trust stacks read account ids from management's applied state: while the
        // change to management is unapplied (a new account), their plan may fail without harm.
        'continue-on-error': `\${{ matrix.stack != '${MANAGEMENT_STACK}' && needs.synth.outputs.management == 'true' }}`,
        steps: terraformSteps(config, PLAN_ROLE_VARIABLE, 'plan -input=false -lock-timeout=5m'),
      },
      'apply-management': {
        needs: 'synth',
        if: "github.event_name == 'push' && needs.synth.outputs.management == 'true'",
        'runs-on': 'ubuntu-latest',
        environment: 'org-trust-apply',
        permissions: { contents: 'read', 'id-token': 'write' },
        strategy: { matrix: { stack: [MANAGEMENT_STACK] } },
        steps: terraformSteps(config, APPLY_ROLE_VARIABLE, 'apply -input=false -auto-approve -lock-timeout=5m'),
      },
      apply: {
        needs: ['synth', 'apply-management'],
        // Runs after management was applied, or when management did not change (the job was skipped).
        if: "always() && github.event_name == 'push' && needs.synth.result == 'success' && contains(fromJSON('[\"success\",\"skipped\"]'), needs.apply-management.result) && needs.synth.outputs.members != '[]'",
        'runs-on': 'ubuntu-latest',
        environment: 'org-trust-apply',
        permissions: { contents: 'read', 'id-token': 'write' },
        strategy: { 'fail-fast': false, 'max-parallel': 4, matrix: { stack: member } },
        steps: terraformSteps(config, APPLY_ROLE_VARIABLE, 'apply -input=false -auto-approve -lock-timeout=5m'),
      },
    },
  };
  return { header, workflow };
}
