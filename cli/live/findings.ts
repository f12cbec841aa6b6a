/** One result of a live check. `blocks`: the apply would fail or lock someone out; `warning`: it would succeed, but look. */
export interface Finding {
  readonly severity: 'blocks' | 'warning' | 'ok';
  /** Account name, or undefined for the organization as a whole. */
  readonly account?: string;
  readonly check: string;
  readonly message: string;
}

export const blocks = (check: string, message: string, account?: string): Finding => ({ severity: 'blocks', check, message, account });
export const warning = (check: string, message: string, account?: string): Finding => ({ severity: 'warning', check, message, account });
export const ok = (check: string, message: string, account?: string): Finding => ({ severity: 'ok', check, message, account });

/** The lines of a findings report: one per finding (commandOutput escapes what a name holds). */
export function renderFindings(title: string, findings: readonly Finding[], summary: string): string[] {
  const lines = [title];
  const scopes = [...new Set(findings.map((f) => f.account ?? ''))];
  for (const scope of scopes) {
    lines.push('', scope ? `${scope}:` : 'Organization:');
    for (const f of findings.filter((x) => (x.account ?? '') === scope)) {
      const mark = f.severity === 'blocks' ? 'BLOCKS ' : f.severity === 'warning' ? 'warning' : 'ok     ';
      lines.push(`  ${mark} ${f.check}: ${f.message}`);
    }
  }
  lines.push('', summary);
  return lines;
}
