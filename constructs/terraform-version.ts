import { execFileSync } from 'node:child_process';

/** Import blocks need 1.5, `removed` blocks 1.7. */
const MIN_TERRAFORM = [1, 7] as const;

/**
 * Checks the Terraform binary once per synth (cdktf's importFrom would run it once per
 * imported resource). Synth needs no Terraform: a missing or old binary is a warning,
 * since plan and apply may run elsewhere (Terraform Cloud, CI with OpenTofu).
 */
export function terraformVersionWarning(binary = process.env.TERRAFORM_BINARY_NAME ?? 'terraform'): string | undefined {
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
    return `${binary} was not found: the JSON is written, but plan and apply need Terraform >= ${MIN_TERRAFORM.join('.')} or OpenTofu`;
  }
  const match = /"terraform_version":\s*"(\d+)\.(\d+)\.(\d+)/.exec(out) ?? /v?(\d+)\.(\d+)\.(\d+)/.exec(out);
  if (!match) return `could not read the version of ${binary}; plan and apply need Terraform >= ${MIN_TERRAFORM.join('.')}`;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  const ok = major > MIN_TERRAFORM[0] || (major === MIN_TERRAFORM[0] && minor >= MIN_TERRAFORM[1]);
  return ok ? undefined : `${binary} ${match[1]}.${match[2]}.${match[3]} is too old for import and removed blocks: plan and apply need >= ${MIN_TERRAFORM.join('.')}`;
}
