import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_AWS_PROVIDER_VERSION } from '../../config/schema';
import { run, type RunResult } from './run';

/**
 * `terraform validate` of many stack folders after one `terraform init`: validate needs the
 * provider (from the data directory, TF_DATA_DIR) and the dependency lock file, not the
 * backend, so every folder borrows one initialized data directory. Each validate still loads
 * the provider's schema (a few seconds); no emulator, no credentials.
 */
export class StackValidator {
  private readonly scratch = mkdtempSync(join(tmpdir(), 'org-trust-e2e-validate-'));
  private ready?: Promise<void>;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly binary = process.env.TERRAFORM_BINARY_NAME ?? 'terraform',
  ) {}

  /** Validates the stack in `dir` (a cdktf.out/stacks/NAME folder). */
  async validate(dir: string): Promise<RunResult> {
    await (this.ready ??= this.init());
    copyFileSync(join(this.scratch, '.terraform.lock.hcl'), join(dir, '.terraform.lock.hcl'));
    return run(this.binary, ['validate', '-no-color'], { cwd: dir, env: { ...this.env, TF_DATA_DIR: join(this.scratch, '.terraform') } });
  }

  remove(): void {
    rmSync(this.scratch, { recursive: true, force: true });
  }

  private async init(): Promise<void> {
    const requirement = { terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: DEFAULT_AWS_PROVIDER_VERSION } } } };
    writeFileSync(join(this.scratch, 'main.tf.json'), JSON.stringify(requirement));
    const result = await run(this.binary, ['init', '-backend=false', '-input=false', '-no-color'], { cwd: this.scratch, env: this.env });
    if (result.code !== 0) throw new Error(`terraform init for validate exited with ${result.code}\n${result.stderr}`);
  }
}
