import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OrgConfig } from '../config/model';
import { lockSeal } from './lock-seal';
import type { ShardLock } from './lock-format';

/** Written by synth beside stacks/: which config (and lock) the output came from. */
export const SYNTH_STAMP_FILE = 'org-trust.json';

/**
 * A digest of the validated config and the lock synth wrote: equal exactly when synth would
 * write the same stacks. Taken over the model, not the YAML text, so comments and key order
 * do not count; no path of this machine is part of it.
 */
export function configFingerprint(config: OrgConfig, lock: ShardLock): string {
  return lockSeal({ config: stampedConfig(config), lock: { ...lock, accounts: Object.entries(lock.accounts) } });
}

/**
 * The model as the stamp digests it: where a model field was renamed, under the config's key
 * (the name stamps always used), in the same place. A rename inside the code must not make
 * every output synthesized before it look like another config's.
 */
function stampedConfig(config: OrgConfig): unknown {
  const { managementAccountId, id, region, memberRoleName, centralRootAccess, ...otherOrganization } = config.organization;
  // Fields added later are digested only when set: off, they change no stack, so an output synthesized before them is not stale.
  const organization = { managementAccountId, id, region, crossAccountRoleName: memberRoleName, ...otherOrganization, ...(centralRootAccess ? { centralRootAccess } : {}) };
  const { denyWithoutMfa, ...identity } = config.identity;
  const { guard, ...trust } = config.trust;
  return { ...config, organization, identity: { requireMfa: denyWithoutMfa, ...identity }, trust: { ...trust, ...(guard ? { guard } : {}) } };
}

export function writeSynthStamp(outdir: string, fingerprint: string): void {
  const stamp = { '//': 'Written by synth: `org-trust report` compares it with the config to notice an output of another config.', configFingerprint: fingerprint };
  writeFileSync(join(outdir, SYNTH_STAMP_FILE), `${JSON.stringify(stamp, null, 2)}\n`);
}

/** The fingerprint recorded in OUT, or undefined where synth predates the stamp (or the file is not one). */
export function readSynthStamp(outdir: string): string | undefined {
  const file = join(outdir, SYNTH_STAMP_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const value = (JSON.parse(readFileSync(file, 'utf8')) as { configFingerprint?: unknown }).configFingerprint;
    return typeof value === 'string' ? value : '(unreadable)';
  } catch {
    return '(unreadable)';
  }
}
