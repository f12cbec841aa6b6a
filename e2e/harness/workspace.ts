import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { rolloutOrder } from '../../stacks/stack-names';
import { REPO_ROOT } from './paths';
import { run, type RunResult } from './run';
import { TerraformStackRunner } from './terraform';

/** Stack name to its synthesized JSON. */
export type StackSnapshot = ReadonlyMap<string, string>;

export interface SynthOptions {
  /** The lock may not change (what CI=true does): synth refuses instead of rewriting it. */
  readonly frozen?: boolean;
  /** Extra environment, e.g. ORG_LOCK_INIT=1. */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * A user's repository in a temporary folder: org.yaml, org.lock.json, cdktf.out/ and the
 * local state files (terraform.NAME.tfstate, beside org.yaml, where the product puts them).
 * Synth runs the built app (dist/main.js, made by the suite's global setup) as users do.
 */
export class OrgWorkspace {
  readonly dir: string;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    label = 'org',
  ) {
    this.dir = mkdtempSync(join(tmpdir(), `org-trust-e2e-${label}-`));
  }

  get configPath(): string {
    return join(this.dir, 'org.yaml');
  }

  get lockPath(): string {
    return join(this.dir, 'org.lock.json');
  }

  /** Writes org.yaml from text or from an object (serialized as YAML). */
  writeConfig(config: string | object): void {
    writeFileSync(this.configPath, typeof config === 'string' ? config : stringify(config));
  }

  lock(): unknown {
    return existsSync(this.lockPath) ? JSON.parse(readFileSync(this.lockPath, 'utf8')) : undefined;
  }

  /** Runs synth; resolves with its output whether or not it succeeded. */
  trySynth(options: SynthOptions = {}): Promise<RunResult> {
    const env: NodeJS.ProcessEnv = { ...this.env, ORG_CONFIG: this.configPath, CDKTF_OUTDIR: join(this.dir, 'cdktf.out'), ...options.env };
    delete env.CI;
    delete env.ORG_LOCK_FROZEN;
    if (options.frozen) env.ORG_LOCK_FROZEN = '1';
    return run(process.execPath, [join(REPO_ROOT, 'dist', 'main.js')], { cwd: this.dir, env, timeoutMs: 120_000 });
  }

  async synth(options: SynthOptions = {}): Promise<RunResult> {
    const result = await this.trySynth(options);
    if (result.code !== 0) throw new Error(`synth exited with ${result.code}:\n${result.stderr}${result.stdout}`);
    return result;
  }

  /** Stack names of the last synth, in rollout order. */
  stackNames(): string[] {
    const dir = join(this.dir, 'cdktf.out', 'stacks');
    return existsSync(dir) ? rolloutOrder(readdirSync(dir)) : [];
  }

  /** The synthesized Terraform JSON of one stack. */
  stackJson(name: string): Record<string, unknown> {
    return JSON.parse(this.stackText(name));
  }

  /** Every stack's JSON as synthesized (bytes as text): what `changedSince` compares. */
  snapshot(): StackSnapshot {
    return new Map(this.stackNames().map((name) => [name, this.stackText(name)]));
  }

  /**
   * Stacks (rollout order) whose JSON differs from `before`, new ones included: the ones a
   * change needs applied. Synth is deterministic (invariant 6), so an unchanged stack is
   * byte-identical; the plans of all stacks still prove that skipping the others was right.
   */
  changedSince(before: StackSnapshot): string[] {
    return this.stackNames().filter((name) => before.get(name) !== this.stackText(name));
  }

  private stackText(name: string): string {
    return readFileSync(join(this.dir, 'cdktf.out', 'stacks', name, 'cdk.tf.json'), 'utf8');
  }

  terraform(stack: string): TerraformStackRunner {
    return new TerraformStackRunner(join(this.dir, 'cdktf.out', 'stacks', stack), this.env);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
