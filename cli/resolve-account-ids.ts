import { readFileSync } from 'node:fs';
import { ACCOUNT_ID } from '../config/iam-names';
import type { OrgConfig } from '../config/model';
import { nameTable } from '../config/name-table';
import { CliError } from '../errors/user-errors';

export const OUTPUTS_HINT =
  'get them after `cdktf apply management` with: cd cdktf.out/stacks/management && terraform output -json > outputs.json, then pass --outputs outputs.json (or pipe it with --outputs -)';

/**
 * Account name to id: ids written in the config, then those of `terraform output -json`.
 * Refuses outputs that contradict the config: another id for an account whose id the config
 * gives, the management account's id for a member or the identity account, one id for two
 * accounts. Such outputs come from another organization or a stale state, and profiles built
 * from them would point people at the wrong accounts.
 */
export function resolveAccountIds(config: OrgConfig, outputs?: Readonly<Record<string, string>>): Map<string, string> {
  const ids = new Map<string, string>();
  for (const account of [config.identityAccount, ...config.accounts]) {
    if (account.id) ids.set(account.name, account.id);
  }
  const management = config.organization.managementAccountId;
  for (const [name, id] of Object.entries(outputs ?? {})) {
    const known = ids.get(name);
    if (known !== undefined && known !== id) {
      throw new CliError(`--outputs: account "${name}" has id ${id} in the outputs but ${known} in the config; fix the config or refresh the outputs`);
    }
    if (id === management) {
      throw new CliError(
        `--outputs: account "${name}" has id ${id}, the management account's (organization.managementAccountId); are these the outputs of this organization's management stack? Refresh them (terraform output -json)`,
      );
    }
    ids.set(name, id);
  }
  const byId = new Map<string, string>();
  for (const [name, id] of [...ids].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const other = byId.get(id);
    if (other !== undefined) {
      throw new CliError(`--outputs: accounts "${other}" and "${name}" both have id ${id} (from the config and the outputs); every account has its own id: fix the config or refresh the outputs`);
    }
    byId.set(id, name);
  }
  return ids;
}

/** Throws a CliError listing the accounts whose ids are unknown. */
export function requireIds(ids: ReadonlyMap<string, string>, names: readonly string[], hadOutputs: boolean): void {
  const missing = names.filter((n) => !ids.has(n));
  if (!missing.length) return;
  const where = hadOutputs ? 'neither in the config nor in --outputs' : 'not in the config (accounts created by this tool get their ids on apply)';
  throw new CliError(`missing account ids for ${missing.join(', ')}: ${where}; ${OUTPUTS_HINT}`);
}

/**
 * Parses `terraform output -json` of the management stack: the `account_ids` output, whose
 * `value` maps account names to ids. `source` names the input in messages.
 */
function parseTerraformOutputs(text: string, source: string): Record<string, string> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new CliError(`--outputs ${source}: not JSON (${(e as Error).message}); ${OUTPUTS_HINT}`);
  }
  const value = (raw as { account_ids?: { value?: unknown } } | null)?.account_ids?.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CliError(`--outputs ${source}: no "account_ids" output with a map value; is this \`terraform output -json\` of the management stack? ${OUTPUTS_HINT}`);
  }
  const ids = nameTable<string>();
  for (const [name, id] of Object.entries(value)) {
    if (typeof id !== 'string' || !ACCOUNT_ID.test(id)) {
      throw new CliError(`--outputs ${source}: account_ids.value["${name}"] must be a 12-digit account id (got ${JSON.stringify(id)})`);
    }
    ids[name] = id;
  }
  return ids;
}

/** Reads FILE, or stdin for "-". */
export function readOutputsFile(file: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`--outputs ${file}: cannot read it (${code === 'ENOENT' ? 'file not found' : (e as Error).message}); ${OUTPUTS_HINT}`);
  }
  return parseTerraformOutputs(text, file === '-' ? '(stdin)' : file);
}
