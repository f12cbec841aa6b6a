import { renderFindings } from '../live/findings';
import { loadLiveContext, type LiveCommandOptions } from '../live/live-context';
import { featureSetFindings, memberFindings, quotaFindings } from '../live/preflight-checks';
import type { CommandResult } from '../live/command-result';

/**
 * Before an apply: the organization, every configured account, the runner's way into each
 * member, the principals the apply would drop, SCPs in the way, the account quota.
 * Exit 0 when nothing blocks the apply, 1 when something does.
 */
export async function preflightCommand(options: LiveCommandOptions & { readonly format: 'text' | 'json' }): Promise<CommandResult> {
  const ctx = await loadLiveContext({ ...options, quiet: options.quiet });
  const findings = [...featureSetFindings(ctx), ...(await memberFindings(ctx, options.concurrency, options.quiet)), ...(await quotaFindings(ctx))];
  const blocking = findings.filter((f) => f.severity === 'blocks');
  const warnings = findings.filter((f) => f.severity === 'warning');
  const exitCode = blocking.length ? 1 : 0;
  const summary =
    `preflight: ${ctx.accounts.length} accounts checked in organization ${ctx.org.id}; ` +
    `${blocking.length} blocking, ${warnings.length} warnings: ${blocking.length ? 'the apply would fail or lock someone out' : 'nothing blocks the apply'}`;
  if (options.format === 'json') {
    return { exitCode, json: { organizationId: ctx.org.id, blocks: blocking.length > 0, findings, summary } };
  }
  const shown = findings.filter((f) => f.severity !== 'ok' || f.account === undefined);
  return { exitCode, lines: renderFindings(`Preflight of ${options.config} against organization ${ctx.org.id}`, shown, summary) };
}
