import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { run, type RunOptions, type RunResult } from './run';

/** Where plan() saves its plan, in the stack folder. */
const PLAN_FILE = 'e2e.tfplan';

/** Written into .terraform/ after an init: the arguments it ran with. */
const INIT_MARKER = 'org-trust-e2e-init.json';

/** What `terraform plan -detailed-exitcode` says: 0 no changes, 2 changes, 1 error. */
export type PlanOutcome = 'no-changes' | 'changes' | 'error';

export class TerraformError extends Error {
  constructor(
    readonly step: string,
    readonly result: RunResult,
  ) {
    super(`terraform ${step} exited with ${result.code}\n${result.stderr}\n${result.stdout.slice(-6000)}`);
  }
}

/**
 * Real Terraform in one synthesized stack folder (cdktf.out/stacks/NAME). Every call
 * returns the full output; the throwing ones (init, apply) say which step failed.
 */
export class TerraformStackRunner {
  constructor(
    readonly dir: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly binary = process.env.TERRAFORM_BINARY_NAME ?? 'terraform',
  ) {}

  /** Any terraform command, not throwing: for the failure flows that expect an error. */
  async exec(args: readonly string[], options: Partial<RunOptions> = {}): Promise<RunResult> {
    const start = performance.now();
    const result = await run(this.binary, [...args], { cwd: this.dir, env: this.env, ...options });
    // E2E_VERBOSE=1: one line per terraform run, to see where a flow's time goes.
    if (process.env.E2E_VERBOSE) process.stderr.write(`[e2e] ${basename(this.dir)}: terraform ${args[0]} exit ${result.code}, ${((performance.now() - start) / 1000).toFixed(1)} s\n`);
    return result;
  }

  /** `terraform init`; extra args such as -backend-config=... or -backend=false. */
  async init(extra: readonly string[] = []): Promise<RunResult> {
    return this.must('init', ['init', '-input=false', '-no-color', ...extra]);
  }

  /**
   * `terraform init` unless this folder was initialized with the same arguments already. A
   * later synth rewrites cdk.tf.json and keeps .terraform/; the stacks use one provider and
   * no modules, so only a backend change needs init again, and Terraform refuses to plan
   * until then ("Backend initialization required"), so a skipped init cannot go unnoticed.
   */
  async ensureInit(extra: readonly string[] = []): Promise<void> {
    const marker = join(this.dir, '.terraform', INIT_MARKER);
    const args = JSON.stringify(extra);
    if (existsSync(marker) && readFileSync(marker, 'utf8') === args) return;
    await this.init(extra);
    writeFileSync(marker, args);
  }

  async validate(): Promise<RunResult> {
    return this.must('validate', ['validate', '-no-color']);
  }

  async apply(): Promise<RunResult> {
    return this.must('apply', ['apply', '-auto-approve', '-input=false', '-no-color']);
  }

  /**
   * `terraform plan -detailed-exitcode`, saved as PLAN_FILE (for `show -json` or an apply of
   * exactly this plan): the outcome and the plan text (for the message when it is not "no-changes").
   */
  async plan(options: Partial<RunOptions> = {}): Promise<{ outcome: PlanOutcome; result: RunResult }> {
    const result = await this.exec(['plan', '-detailed-exitcode', '-input=false', '-no-color', '-lock-timeout=30s', `-out=${PLAN_FILE}`], options);
    const outcome: PlanOutcome = result.code === 0 ? 'no-changes' : result.code === 2 ? 'changes' : 'error';
    return { outcome, result };
  }

  /** Applies the plan that `plan()` saved last, without planning again; does not throw (a failure flow reads the result). */
  applySavedPlan(): Promise<RunResult> {
    return this.exec(['apply', '-input=false', '-no-color', PLAN_FILE]);
  }

  /** `terraform show -json` of the plan that `plan()` saved last, parsed. */
  async showSavedPlan(): Promise<unknown> {
    return JSON.parse((await this.must('show', ['show', '-json', PLAN_FILE])).stdout);
  }

  /** `terraform state list`: the addresses this stack's state holds. */
  async stateList(): Promise<string[]> {
    return (await this.must('state list', ['state', 'list'])).stdout.split('\n').filter(Boolean);
  }

  /** `terraform output -json`, parsed: output name to value. */
  async outputs(): Promise<Record<string, unknown>> {
    const result = await this.must('output', ['output', '-json', '-no-color']);
    const parsed = JSON.parse(result.stdout) as Record<string, { value: unknown }>;
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, v.value]));
  }

  private async must(step: string, args: string[]): Promise<RunResult> {
    const result = await this.exec(args);
    if (result.code !== 0) throw new TerraformError(step, result);
    return result;
  }
}
