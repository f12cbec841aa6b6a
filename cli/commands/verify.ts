import type { CommandResult } from '../live/command-result';
import { loadLiveContext, type LiveCommandOptions } from '../live/live-context';
import { verifyDrift, type AccountDrift } from '../live/verify-checks';

/**
 * After an apply: the live trust policy of every member role, the identity groups and their
 * policies, the management account's group, users and create-account role, and the accounts'
 * OUs, against the synthesized JSON and the config. Exit 1 on any drift.
 */
export async function verifyCommand(options: LiveCommandOptions & { readonly format: 'text' | 'json' }): Promise<CommandResult> {
  const ctx = await loadLiveContext(options);
  const accounts = await verifyDrift(ctx, options.concurrency, options.quiet);
  const { drifted, exitCode, summary } = verifyVerdict(accounts, ctx.org.id);
  if (options.format === 'json') {
    return { exitCode, json: { organizationId: ctx.org.id, drift: drifted.length > 0, accounts, summary } };
  }
  return { exitCode, lines: verifyLines(`Verify of ${options.config} against organization ${ctx.org.id}`, drifted, summary) };
}

/** The human report: a line per drifted account and per drift, then the summary (commandOutput escapes the names). */
export function verifyLines(title: string, drifted: readonly AccountDrift[], summary: string): string[] {
  const lines = [title, ''];
  for (const a of drifted) lines.push(`${a.kind === 'management' ? 'management account ' : ''}${a.account}${a.id ? ` (${a.id})` : ''}: drift`, ...a.drift.map((d) => `  - ${d}`));
  if (drifted.length) lines.push('');
  lines.push(summary);
  return lines;
}

/** The drifted accounts, exit code and summary line of a verify. */
export function verifyVerdict(accounts: readonly AccountDrift[], organizationId: string) {
  const drifted = accounts.filter((a) => a.drift.length);
  const summary = `verify: ${accounts.length} accounts in organization ${organizationId}; ${drifted.length ? `${drifted.length} with drift` : 'no drift'}`;
  return { drifted, exitCode: drifted.length ? 1 : 0, summary };
}
