import type { OrgConfig } from '../config/model';
import type { Access, AccessReport, TrustPrincipal } from './access-matrix';
import { describeScope } from './group-scopes';
import { renderMermaid } from './mermaid';

/** Markdown table cell text: pipes escaped, one line. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const accessCell = (a: Access | undefined) => (!a?.allowed ? '—' : a.mfa ? 'yes (MFA)' : '**yes, without MFA**');

function accountsSummary(report: AccessReport, row: Readonly<Record<string, Access>>): string {
  const allowed = Object.entries(row).filter(([, a]) => a.allowed);
  if (!allowed.length) return '—';
  const noMfa = allowed.filter(([, a]) => !a.mfa).map(([n]) => n);
  const names = allowed.map(([n]) => n);
  const what = names.length === report.accounts.length ? `all ${names.length} member accounts` : names.length > 10 ? `${names.length} accounts: ${names.slice(0, 10).join(', ')}, …` : names.join(', ');
  return noMfa.length ? `${what}; **without MFA: ${noMfa.join(', ')}**` : `${what} (MFA)`;
}

function trustText(t: TrustPrincipal, config: OrgConfig): string {
  if (t.principal === '*') return '**anyone (`*`)**';
  const who =
    t.account === 'management' ? 'management account' : t.account === config.identityAccount.name ? `identity account ${t.account}` : t.account ? `**account ${t.account}**` : '**outside the organization**';
  const extra = Object.entries(t.conditions ?? {})
    .flatMap(([op, kv]) => Object.entries(kv).map(([k, v]) => `${op} ${k} ${JSON.stringify(v)}`))
    .filter((c) => !/MultiFactorAuthPresent/.test(c));
  return `\`${t.principal}\` (${who}; ${t.mfa ? 'MFA' : 'no MFA condition'}${extra.length ? `; ${extra.join(', ')}` : ''})`;
}

/**
 * Terraform owns the whole assume_role_policy of an imported role: what the config does not
 * name goes at the first apply. Said in every report, since the JSON cannot know what was
 * added by hand.
 */
export function trustRewriteWarning(role: string): string[] {
  return [
    `**Applying a trust stack replaces the whole trust policy of \`${role}\` in each account below with exactly these principals.** ` +
      'Principals added to it by hand or by another tool (a break-glass role, a CI role, an auditor) are removed by the first apply, without a warning from Terraform. ' +
      `Before applying, read the live policy (\`aws iam get-role --role-name ${role} --query Role.AssumeRolePolicyDocument\` in each member account, or the \`assume_role_policy\` change in \`terraform plan\`) ` +
      'and move such access to a role of its own: the config has no setting for extra principals.',
  ];
}

/** The pull-request report: access matrix, users, management roles, trust principals, Mermaid graph. */
export function renderMarkdownReport(report: AccessReport, source: { out: string; stacks: readonly string[]; config: OrgConfig }): string {
  const { config } = source;
  const role = config.organization.crossAccountRoleName;
  const groups = report.principals.filter((p) => p.kind.endsWith('group'));
  const shown = groups.filter((g) => Object.values(report.matrix[g.id] ?? {}).some((a) => a.allowed));
  const hidden = groups.filter((g) => !shown.includes(g));
  const out: string[] = [];
  out.push('# Access report', '');
  out.push(
    `Evaluated from the synthesized stacks in \`${source.out}\` (${source.stacks.join(', ')}): what \`cdktf apply\` will set up. ` +
      '`{NAME}` stands for the id of account NAME, known once the management stack is applied.',
    '',
  );

  out.push(`## Who can assume \`${role}\` in each member account`, '');
  out.push('"yes (MFA)": only in an MFA-authenticated session; "—": denied.', '');
  const header = shown.map((g) => cell(g.kind === 'management-group' ? `${g.name} (management)` : g.name));
  out.push(`| Account | OU | ${header.join(' | ')} |`, `|---|---|${shown.map(() => '---|').join('')}`);
  for (const a of report.accounts) {
    out.push(`| ${cell(a.name)} | ${cell(a.ou)} | ${shown.map((g) => accessCell(report.matrix[g.id]?.[a.name])).join(' | ')} |`);
  }
  if (hidden.length) out.push('', `Groups that can assume no member role: ${hidden.map((g) => g.name).join(', ')}.`);
  out.push('');

  const scoped = groups.filter((g) => report.scopes[g.id]?.length);
  if (scoped.length) {
    out.push('## What each group may assume', '');
    out.push('Read from the conditions of its policies: the organization (`aws:ResourceOrgID`), OUs by organization path (`aws:ResourceOrgPaths`), or named accounts (`aws:ResourceAccount`).', '');
    out.push('| Group | Account | Grants the role in |', '|---|---|---|');
    for (const g of scoped) out.push(`| ${cell(g.name)} | ${cell(g.account)} | ${cell(report.scopes[g.id].map(describeScope).join('; '))} |`);
    out.push('');
  }

  out.push('## Users', '');
  out.push('| User | Account | Groups | Member roles they can assume | Management roles |', '|---|---|---|---|---|');
  for (const p of report.principals.filter((x) => x.kind.endsWith('user'))) {
    const mgmt = report.managementRoles.filter((r) => r.access[p.id]?.allowed).map((r) => `${r.role}${r.access[p.id].mfa ? ' (MFA)' : ' **without MFA**'}`);
    out.push(`| ${cell(p.name)} | ${cell(p.account)} | ${cell((p.groups ?? []).join(', '))} | ${cell(accountsSummary(report, report.matrix[p.id] ?? {}))} | ${cell(mgmt.join(', ') || '—')} |`);
  }
  out.push('');

  if (report.managementRoles.length) {
    out.push('## Roles in the management account', '');
    out.push('| Role | Trusted principals | Who can assume it |', '|---|---|---|');
    for (const r of report.managementRoles) {
      const who = report.principals.filter((p) => r.access[p.id]?.allowed).map((p) => `${p.name}${r.access[p.id].mfa ? ' (MFA)' : ' **without MFA**'}`);
      out.push(`| ${cell(r.role)} | ${cell(r.trust.map((t) => trustText(t, config)).join('<br>'))} | ${cell(who.join(', ') || '—')} |`);
    }
    out.push('');
  }

  out.push(`## Trust principals of every member role`, '');
  out.push(...trustRewriteWarning(role), '');
  out.push('| Account | Stack | Role | Trusted principals |', '|---|---|---|---|');
  for (const a of report.accounts) {
    out.push(`| ${cell(a.name)} | ${a.stack} | ${cell(a.role)} | ${cell(a.trust.map((t) => trustText(t, config)).join('<br>'))} |`);
  }
  const noManagement = report.accounts.filter((a) => !a.trust.some((t) => t.account === 'management' && !t.mfa));
  if (noManagement.length) out.push('', `**Warning: the role no longer trusts the management account in ${noManagement.map((a) => a.name).join(', ')}: Terraform would lose access.**`);
  out.push('');

  out.push('## Trust graph', '');
  out.push('Solid: group access (from identity policies and trust policies together); dotted: principals the member roles trust.', '');
  out.push('```mermaid', renderMermaid(report).trimEnd(), '```', '');
  if (report.notes.length) out.push('## Not evaluated', '', ...report.notes.map((n) => `- ${n}`), '');
  return out.join('\n');
}
