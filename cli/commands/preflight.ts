import { renderFindings, type Finding } from '../live/findings';
import { loadLiveContext, type LiveCommandOptions } from '../live/live-context';
import { featureSetFindings, memberFindings, quotaFindings } from '../live/preflight-checks';
import type { CommandResult } from '../live/command-result';

/**
 * Before an apply: the organization, every configured account, the runner's way into each
 * member, the principals the apply would drop, SCPs in the way, the account quota.
 * Exit 0 when every check ran and nothing blocks the apply, 1 when something blocks it,
 * NOT_CHECKED when nothing found blocks it but some check could not run (a gate must not pass
 * on what it did not see).
 */
/** Exit code of preflight when nothing found blocks the apply but some check could not run. */
export const NOT_CHECKED = 4;

export async function preflightCommand(options: LiveCommandOptions & { readonly format: 'text' | 'json' }): Promise<CommandResult> {
  const ctx = await loadLiveContext({ ...options, quiet: options.quiet });
  const findings = [...featureSetFindings(ctx.org), ...(await memberFindings(ctx, options.concurrency, options.quiet)), ...(await quotaFindings(ctx))];
  const { exitCode, summary, blocking, unchecked } = preflightVerdict(findings, ctx.accounts.length, ctx.org.id);
  if (options.format === 'json') {
    return { exitCode, json: { organizationId: ctx.org.id, blocks: blocking.length > 0, complete: unchecked.length === 0, findings, summary } };
  }
  return { exitCode, lines: renderFindings(`Preflight of ${options.config} against organization ${ctx.org.id}`, shownFindings(findings), summary) };
}

/** Exit code and summary line of a preflight's findings. */
export function preflightVerdict(findings: readonly Finding[], accounts: number, organizationId: string) {
  const blocking = findings.filter((f) => f.severity === 'blocks');
  const warnings = findings.filter((f) => f.severity === 'warning');
  const unchecked = findings.filter((f) => f.severity === 'not-checked');
  const exitCode = blocking.length ? 1 : unchecked.length ? NOT_CHECKED : 0;
  const verdict = blocking.length
    ? 'the apply would fail or lock someone out'
    : unchecked.length
      ? `nothing found blocks the apply, but ${unchecked.length} check(s) could not run: not checked, see above`
      : 'nothing blocks the apply';
  const summary = `preflight: ${accounts} accounts checked in organization ${organizationId}; ${blocking.length} blocking, ${warnings.length} warnings${unchecked.length ? `, ${unchecked.length} not checked` : ''}: ${verdict}`;
  return { exitCode, summary, blocking, unchecked };
}

/** The findings a person reads: everything but per-account "ok". */
export const shownFindings = (findings: readonly Finding[]) => findings.filter((f) => f.severity !== 'ok' || f.account === undefined);
