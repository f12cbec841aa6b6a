/**
 * The Terraform binary that will plan what synth writes, checked once per synth by the app
 * (main.ts). Not a construct: it runs a process, and nothing in the construct tree needs it.
 */
import { execFileSync } from 'node:child_process';
import type { BackendConfig } from '../config/model';

export interface TerraformRequirement {
  readonly version: readonly [major: number, minor: number];
  /** What needs that version, for the warning. */
  readonly reason: string;
}

/**
 * The oldest Terraform that can plan what synth writes: import blocks need 1.5, `removed`
 * blocks 1.7, and the S3 backend's use_lockfile 1.10.
 */
export function terraformRequirement(backend: BackendConfig): TerraformRequirement {
  if (backend.type === 's3' && backend.useLockfile) return { version: [1, 10], reason: "the S3 backend's use_lockfile" };
  return { version: [1, 7], reason: 'import and removed blocks' };
}

/**
 * Checks the Terraform binary once per synth (cdktf's importFrom would run it once per
 * imported resource). Synth needs no Terraform: a missing or old binary is a warning,
 * since plan and apply may run elsewhere (Terraform Cloud, CI with OpenTofu).
 */
export function terraformVersionWarning(
  required: TerraformRequirement,
  binary = process.env.TERRAFORM_BINARY_NAME ?? 'terraform',
): string | undefined {
  const minimum = required.version.join('.');
  let out: string;
  try {
    // CHECKPOINT_DISABLE: `terraform version` would otherwise ask HashiCorp for the latest release.
    out = execFileSync(binary, ['version', '-json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000,
      env: { ...process.env, CHECKPOINT_DISABLE: '1' },
    });
  } catch {
    return `${binary} was not found: the JSON is written, but plan and apply need Terraform >= ${minimum} or OpenTofu`;
  }
  const match = /"terraform_version":\s*"(\d+)\.(\d+)\.(\d+)/.exec(out) ?? /v?(\d+)\.(\d+)\.(\d+)/.exec(out);
  if (!match) return `could not read the version of ${binary}; plan and apply need Terraform >= ${minimum}`;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  const [needMajor, needMinor] = required.version;
  const ok = major > needMajor || (major === needMajor && minor >= needMinor);
  return ok ? undefined : `${binary} ${match[1]}.${match[2]}.${match[3]} is too old for ${required.reason}: plan and apply need >= ${minimum}`;
}
