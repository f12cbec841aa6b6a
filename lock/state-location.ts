import { dirname, join, posix, relative, resolve, sep } from 'node:path';

/**
 * Where local Terraform state lives: beside the config, as the lock does (the project root for
 * `org.yaml`). Independent of the output directory: `cdktf synth --output build/x` moves the
 * JSON, not the state.
 */
export function localStateDir(configPath: string): string {
  return dirname(resolve(configPath));
}

/** The local state file of a stack, in the state directory. */
export const stateFileName = (stackName: string): string => `terraform.${stackName}.tfstate`;

/** The stack whose local state file `fileName` is, or undefined where it is none. */
export function stackOfStateFile(fileName: string): string | undefined {
  return /^terraform\.(.+)\.tfstate$/.exec(fileName)?.[1];
}

/** The output directory when neither CDKTF_OUTDIR nor --out says otherwise. */
export const DEFAULT_OUTDIR = 'cdktf.out';

/**
 * The state directory as seen from a stack's folder (OUT/stacks/NAME, where Terraform runs),
 * relative and with forward slashes: the JSON names no absolute path of this machine, and the
 * same config and output directory give the same bytes everywhere.
 */
export function stateDirFromStack(outdir: string, stateDir: string): string {
  const rel = relative(join(resolve(outdir), 'stacks', 'stack'), resolve(stateDir));
  return rel.split(sep).join(posix.sep) || '.';
}

/**
 * Everywhere local state of this config may sit: its state directory, and where versions that
 * put state relative to the output directory left it (the output directory's parent).
 */
export function localStateDirs(configPath: string, outdir: string): string[] {
  return [...new Set([localStateDir(configPath), dirname(resolve(outdir))])];
}
