/** One result of a live check. `blocks`: the apply would fail or lock someone out; `warning`: it would succeed, but look. */
/**
 * `not-checked`: the check could not run (access denied, an API the endpoint lacks); never
 * reported as ok, and the verdict says so.
 */
export interface Finding {
  readonly severity: 'blocks' | 'warning' | 'not-checked' | 'ok';
  /** Account name, or undefined for the organization as a whole. */
  readonly account?: string;
  readonly check: string;
  readonly message: string;
}

export const blocks = (check: string, message: string, account?: string): Finding => ({ severity: 'blocks', check, message, account });
export const warning = (check: string, message: string, account?: string): Finding => ({ severity: 'warning', check, message, account });
export const notChecked = (check: string, message: string, account?: string): Finding => ({ severity: 'not-checked', check, message, account });
export const ok = (check: string, message: string, account?: string): Finding => ({ severity: 'ok', check, message, account });

/** The lines of a findings report: one per finding (commandOutput escapes what a name holds). */
export function renderFindings(title: string, findings: readonly Finding[], summary: string): string[] {
  const lines = [title];
  const scopes = [...new Set(findings.map((f) => f.account ?? ''))];
  for (const scope of scopes) {
    lines.push('', scope ? `${scope}:` : 'Organization:');
    for (const f of findings.filter((x) => (x.account ?? '') === scope)) {
      const mark = { blocks: 'BLOCKS ', warning: 'warning', 'not-checked': 'NOT CHECKED', ok: 'ok     ' }[f.severity];
      lines.push(`  ${mark} ${f.check}: ${f.message}`);
    }
  }
  lines.push('', summary);
  return lines;
}
