import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PROVIDER_PATH = join('registry.terraform.io', 'hashicorp', 'aws');

/**
 * The root of a Terraform filesystem mirror (unpacked layout) holding hashicorp/aws:
 * $TF_PROVIDER_MIRROR if set, else the first folder on this machine that ends in
 * registry.terraform.io/hashicorp/aws (see e2e/README.md).
 * Undefined where there is none: Terraform then installs from the registry.
 */
export function findProviderMirror(): string | undefined {
  const given = process.env.TF_PROVIDER_MIRROR;
  if (given) {
    if (!existsSync(join(given, PROVIDER_PATH))) throw new Error(`TF_PROVIDER_MIRROR=${given} holds no ${PROVIDER_PATH}`);
    return given;
  }
  let found = '';
  try {
    found = execFileSync('find', ['/', '-maxdepth', '6', '-type', 'd', '-path', `*${PROVIDER_PATH}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch (e) {
    // find exits 1 on unreadable folders; what it printed still counts.
    found = (e as { stdout?: string }).stdout ?? '';
  }
  const hit = found.split('\n').find((line) => line.endsWith(PROVIDER_PATH));
  return hit ? dirname(dirname(dirname(hit))) : undefined;
}

/**
 * Writes a Terraform CLI config that installs providers from `mirror` only (no registry,
 * no network; init links the unpacked provider, it copies nothing). Without a mirror the
 * file is empty and Terraform uses the registry. Returns its path.
 */
export function writeTerraformCliConfig(dir: string, mirror: string | undefined): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'terraform.tfrc');
  const installation = mirror ? `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirror)}\n  }\n}\n` : '';
  writeFileSync(path, installation);
  return path;
}

/** Environment for terraform: the CLI config, no checkpoint calls, no prompts, no colour. */
export function terraformEnv(cliConfigFile: string): NodeJS.ProcessEnv {
  return {
    TF_CLI_CONFIG_FILE: cliConfigFile,
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
    DISABLE_VERSION_CHECK: '1',
  };
}
