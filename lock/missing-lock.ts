import { existsSync, readdirSync } from 'node:fs';
import { ConfigError } from '../config/config-error';
import type { BackendConfig } from '../config/model';

/** Set to start a new lock where Terraform state may already exist. */
export const LOCK_INIT_VARIABLE = 'ORG_LOCK_INIT';

/**
 * Whether Terraform state of this organization may exist already. Local state files sit in
 * the working directory (see constructs/state-backend.ts); remote state cannot be seen from
 * here, so a remote backend counts as "may exist".
 */
export function stateMayExist(backend: BackendConfig, cwd = process.cwd()): boolean {
  if (backend.type !== 'local') return true;
  return readdirSync(cwd).some((f) => /^terraform\..+\.tfstate$/.test(f));
}

/**
 * Refuses to start a new lock silently over existing state: a lock made afresh places every
 * account anew, so roles whose state lives in one trust stack would be imported into
 * another. The first synth of a new organization with a remote backend says so explicitly.
 */
export function checkLockPresent(lockPath: string, backend: BackendConfig, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): void {
  if (existsSync(lockPath) || env[LOCK_INIT_VARIABLE] === '1' || !stateMayExist(backend, cwd)) return;
  const where = backend.type === 'local' ? 'terraform.*.tfstate files are here' : `the ${backend.type} backend may hold state`;
  throw new ConfigError(lockPath, [
    {
      path: [],
      message:
        `is missing, and ${where}. A new lock would place accounts in trust stacks afresh, away from their state. ` +
        `Restore ${lockPath} from version control; if this really is the first synth of this organization, run it once with ${LOCK_INIT_VARIABLE}=1.`,
    },
  ]);
}
