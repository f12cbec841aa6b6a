import type { LoadedOrg } from '../lock/load-org';
import { configFingerprint, readSynthStamp, SYNTH_STAMP_FILE } from '../lock/synth-stamp';
import { IDENTITY_STACK, MANAGEMENT_STACK } from '../stacks/stack-names';
import { CliError } from '../errors/user-errors';
import type { StackJson } from '../access/synth-output';

const keysOf = (stack: StackJson | undefined, type: string): string[] => Object.keys(stack?.resource?.[type] ?? {}).sort();

/** What differs between two sorted lists, as "missing a, b; unexpected c". */
function difference(expected: readonly string[], actual: readonly string[]): string | undefined {
  // Sets: 10,000 accounts against 10,000 resource keys (includes() made this quadratic).
  const expectedSet = new Set(expected);
  const actualSet = new Set(actual);
  const missing = expected.filter((e) => !actualSet.has(e));
  const extra = actual.filter((a) => !expectedSet.has(a));
  const parts = [missing.length ? `missing ${missing.join(', ')}` : '', extra.length ? `unexpected ${extra.join(', ')}` : ''].filter(Boolean);
  return parts.length ? parts.join('; ') : undefined;
}

/**
 * Refuses to report on an output directory that another config (or an older version of this
 * one) synthesized: the report would describe access that will not be applied. Compares the
 * stacks, accounts and member roles the config would produce (the clearest message), then the
 * fingerprint synth records; an output without one is refused.
 */
export function checkSynthOrigin(outDir: string, stacks: Readonly<Record<string, StackJson>>, org: LoadedOrg): void {
  const again = `run \`npm run synth\` with this config (${org.configPath}) first, or pass --config with the config that wrote ${outDir}`;
  const stamp = readSynthStamp(outDir);
  const { config, plan } = org;
  const problems: string[] = [];
  const stackDiff = difference([MANAGEMENT_STACK, IDENTITY_STACK, ...plan.stacks.keys()].sort(), Object.keys(stacks).sort());
  if (stackDiff) problems.push(`stacks: ${stackDiff}`);
  const managed = [config.identityAccount, ...config.accounts.filter((a) => !a.retired)];
  const accountDiff = difference(managed.map((a) => `account_${a.key}`).sort(), keysOf(stacks[MANAGEMENT_STACK], 'aws_organizations_account'));
  if (accountDiff) problems.push(`${MANAGEMENT_STACK} accounts: ${accountDiff}`);
  for (const [name, accounts] of plan.stacks) {
    if (!stacks[name]) continue;
    const roleDiff = difference(accounts.filter((a) => !a.retired).map((a) => `member_${a.key}`).sort(), keysOf(stacks[name], 'aws_iam_role'));
    if (roleDiff) problems.push(`${name} member roles: ${roleDiff}`);
  }
  if (problems.length) throw new CliError(`--out ${outDir}: does not match ${org.configPath} (${problems.join('; ')}); ${again}`);
  // Without a stamp nothing says which config an output came from: the same stacks and accounts
  // with other grants would pass the comparison above.
  if (stamp === undefined) {
    throw new CliError(`--out ${outDir}: has no ${SYNTH_STAMP_FILE}, so nothing says which config it was synthesized from (an older org-trust, or files put there by hand); ${again}`);
  }
  if (stamp !== configFingerprint(config, plan.lock)) {
    throw new CliError(`--out ${outDir}: synthesized from another config, or before ${org.configPath} or its lock last changed (${SYNTH_STAMP_FILE} does not match); ${again}`);
  }
}
