import type { OrgConfig } from '../config/model';
import type { Access, AccessReport, TrustPrincipal } from '../access/access-matrix';
import { describeScope } from '../access/group-scopes';
import { MANAGEMENT, accountLabel } from '../access/synth-refs';
import { mdCode, mdText } from './markdown-text';
import { renderMermaid } from './mermaid';
import { UNGROUPED_ROWS, accountsCell, groupRows, stacksText } from './grouped-rows';

/** Markdown table cell text: pipes escaped, one line. Names inside are mdText already. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const accessCell = (a: Access | undefined) => (!a?.allowed ? '—' : a.mfa ? 'yes (MFA)' : '**yes, without MFA**');

function accountsSummary(report: AccessReport, row: Readonly<Record<string, Access>>): string {
  const allowed = Object.entries(row).filter(([, a]) => a.allowed);
  if (!allowed.length) return '—';
  const noMfa = allowed.filter(([, a]) => !a.mfa).map(([n]) => mdText(n));
  const names = allowed.map(([n]) => mdText(n));
  const what = names.length === report.accounts.length ? `all ${names.length} member accounts` : names.length > 10 ? `${names.length} accounts: ${names.slice(0, 10).join(', ')}, …` : names.join(', ');
  return noMfa.length ? `${what}; **without MFA: ${noMfa.join(', ')}**` : `${what} (MFA)`;
}

function trustText(t: TrustPrincipal, config: OrgConfig): string {
  if (t.principal === '*') return '**anyone (`*`)**';
  if (t.name) return declaredText(t);
  const who =
    t.account === MANAGEMENT ? 'management account' : t.account === config.identityAccount.name ? `identity account ${mdText(t.account)}` : t.account ? `**account ${mdText(t.account)}**` : '**outside the organization**';
  const extra = conditionTexts(t).filter((c) => !/MultiFactorAuthPresent/.test(c)).map(mdText);
  return `${mdCode(t.principal)} (${who}; ${t.mfa ? 'MFA' : 'no MFA condition'}${extra.length ? `; ${extra.join(', ')}` : ''})`;
}

/** The conditions of a statement, one "Operator key value" each, as plain text (filter first, then mdText). */
const conditionTexts = (t: TrustPrincipal) => Object.entries(t.conditions ?? {}).flatMap(([op, kv]) => Object.entries(kv).map(([k, v]) => `${op} ${k} ${JSON.stringify(v)}`));

/** A declared principal (trust.principals): its name, what it is, and every condition it is held to. */
function declaredText(t: TrustPrincipal): string {
  const what = t.type === 'Federated' ? 'federated' : t.type === 'Service' ? 'service' : t.mfa ? 'MFA' : 'no MFA condition';
  const conditions = conditionTexts(t).filter((c) => !/MultiFactorAuthPresent|aws:PrincipalArn/.test(c)).map(mdText);
  return `**${mdText(t.name!)}** (declared): ${mdCode(t.principal)} (${what}${conditions.length ? `; ${conditions.join(', ')}` : ''})`;
}

/** One row per declaration: where its statement is, read from the synthesized trust policies. */
function declaredRows(report: AccessReport): string[] {
  const byName = new Map<string, { t: TrustPrincipal; accounts: string[] }>();
  for (const a of report.accounts) {
    for (const t of a.trust.filter((x) => x.name)) {
      const entry = byName.get(t.name!) ?? { t, accounts: [] };
      entry.accounts.push(mdText(a.name));
      byName.set(t.name!, entry);
    }
  }
  return [...byName.values()].map(({ t, accounts }) => {
    const where = accounts.length === report.accounts.length ? `all ${accounts.length} member accounts` : accounts.length > 10 ? `${accounts.length} accounts: ${accounts.slice(0, 10).join(', ')}, …` : accounts.join(', ');
    return `| ${cell(mdText(t.name!))} | ${cell(declaredText(t))} | ${cell(where)} |`;
  });
}

/**
 * Terraform owns the whole assume_role_policy of an imported role: what the config does not
 * name goes at the first apply. Said in every report, since the JSON cannot know what was
 * added by hand.
 */
export function trustRewriteWarning(role: string): string[] {
  return [
    `**Applying a trust stack replaces the whole trust policy of ${mdCode(role)} in each account below with exactly these principals.** ` +
      'Principals added to it by hand or by another tool (a break-glass role, a CI role, an auditor) are removed by the first apply, without a warning from Terraform. ' +
      `Before applying, read the live policy (${mdCode(`aws iam get-role --role-name ${role} --query Role.AssumeRolePolicyDocument`)} in each member account, or the \`assume_role_policy\` change in \`terraform plan\`) ` +
      'and declare what must stay in `trust.principals` (docs/declared-principals.md), or move it to a role of its own.',
  ];
}

/** The pull-request report: access matrix, users, management roles, trust principals, Mermaid graph. */
export function renderMarkdownReport(report: AccessReport, source: { out: string; stacks: readonly string[]; config: OrgConfig }): string {
  const { config } = source;
  const role = config.organization.memberRoleName;
  const groups = report.principals.filter((p) => p.kind.endsWith('group'));
  const shown = groups.filter((g) => Object.values(report.matrix[g.id] ?? {}).some((a) => a.allowed));
  const hidden = groups.filter((g) => !shown.includes(g));
  const out: string[] = [];
  out.push('# Access report', '');
  out.push(
    `Evaluated from the synthesized stacks in ${mdCode(source.out)} (${stacksText(source.stacks)}): what \`cdktf apply\` will set up. ` +
      '`{NAME}` stands for the id of account NAME, known once the management stack is applied.',
    '',
  );

  out.push(`## Who can assume ${mdCode(role)} in each member account`, '');
  out.push('"yes (MFA)": only in an MFA-authenticated session; "—": denied.', '');
  const header = shown.map((g) => cell(mdText(g.kind === 'management-group' ? `${g.name} (management)` : g.name)));
  const cells = (a: AccessReport['accounts'][number]) => shown.map((g) => accessCell(report.matrix[g.id]?.[a.name]));
  if (report.accounts.length > UNGROUPED_ROWS) {
    // Long: one row per OU and access pattern, with the accounts it covers (the JSON has every account).
    out.push(`${report.accounts.length} member accounts, one row per OU and access pattern.`, '');
    out.push(`| OU | Accounts | ${header.join(' | ')} |`, `|---|---|${shown.map(() => '---|').join('')}`);
    const sorted = [...report.accounts].sort((a, b) => a.ou.localeCompare(b.ou));
    for (const g of groupRows(sorted, (a) => JSON.stringify([a.ou, cells(a)]), (a) => a.name)) {
      out.push(`| ${cell(mdText(g.sample.ou))} | ${cell(accountsCell(g.accounts))} | ${cells(g.sample).join(' | ')} |`);
    }
  } else {
    out.push(`| Account | OU | ${header.join(' | ')} |`, `|---|---|${shown.map(() => '---|').join('')}`);
    for (const a of report.accounts) out.push(`| ${cell(mdText(a.name))} | ${cell(mdText(a.ou))} | ${cells(a).join(' | ')} |`);
  }
  if (hidden.length) out.push('', `Groups that can assume no member role: ${hidden.map((g) => mdText(g.name)).join(', ')}.`);
  out.push('');

  const scoped = groups.filter((g) => report.scopes[g.id]?.length);
  if (scoped.length) {
    out.push('## What each group may assume', '');
    out.push('Read from the conditions of its policies: the organization (`aws:ResourceOrgID`), OUs by organization path (`aws:ResourceOrgPaths`), or named accounts (`aws:ResourceAccount`).', '');
    out.push('| Group | Account | Grants the role in |', '|---|---|---|');
    for (const g of scoped) out.push(`| ${cell(mdText(g.name))} | ${cell(mdText(accountLabel(g.account)))} | ${cell(mdText(report.scopes[g.id].map(describeScope).join('; ')))} |`);
    out.push('');
  }

  out.push('## Users', '');
  const outsideMembers = [...report.identityRoles, ...report.managementRoles.map((r) => ({ ...r, account: MANAGEMENT }))];
  const mfaText = (a: Access) => (a.mfa ? ' (MFA)' : ' **without MFA**');
  out.push('| User | Account | Groups | Member roles they can assume | Identity and management roles |', '|---|---|---|---|---|');
  for (const p of report.principals.filter((x) => x.kind.endsWith('user'))) {
    const reached = outsideMembers.filter((r) => r.access[p.id]?.allowed).map((r) => `${mdText(`${r.role} in ${accountLabel(r.account)}`)}${mfaText(r.access[p.id])}`);
    out.push(`| ${cell(mdText(p.name))} | ${cell(mdText(accountLabel(p.account)))} | ${cell(mdText((p.groups ?? []).join(', ')))} | ${cell(accountsSummary(report, report.matrix[p.id] ?? {}))} | ${cell(reached.join(', ') || '—')} |`);
  }
  out.push('');

  out.push('## Who can reach the identity account and the management account', '');
  out.push(
    `Every human lives in the identity account: whoever enters it can change any user's access. The identity account's ${mdCode(role)} is not managed here; ` +
      'it is evaluated with the trust AWS Organizations writes into an account it creates (an account imported with `id` may trust more: read it with ' +
      `${mdCode(`aws iam get-role --role-name ${role}`)} there).`,
    '',
  );
  out.push('| Account | Role | Trusted principals | Who can assume it |', '|---|---|---|---|');
  for (const r of outsideMembers) {
    const who = report.principals.filter((p) => r.access[p.id]?.allowed).map((p) => `${mdText(p.name)}${mfaText(r.access[p.id])}`);
    const where = r.account === MANAGEMENT ? 'management account' : `identity account ${mdText(r.account)}`;
    out.push(`| ${cell(where)} | ${cell(mdText(r.role))} | ${cell(r.trust.map((t) => trustText(t, config)).join('<br>'))} | ${cell(who.join(', ') || '—')} |`);
  }
  out.push('');

  out.push(`## Trust principals of every member role`, '');
  out.push(...trustRewriteWarning(role), '');
  const trusted = (a: AccessReport['accounts'][number]) => a.trust.map((t) => trustText(t, config)).join('<br>');
  if (report.accounts.length > UNGROUPED_ROWS) {
    // Long: one row per distinct trust policy, with the accounts and stacks that write it.
    const distinct = groupRows(report.accounts, (a) => JSON.stringify([a.role, trusted(a)]), (a) => a.name);
    out.push(`${report.accounts.length} member roles, ${distinct.length} distinct trust ${distinct.length === 1 ? 'policy' : 'policies'}; the JSON report lists every role with its stack.`, '');
    out.push('| Accounts | Role | Trusted principals |', '|---|---|---|');
    for (const g of distinct) out.push(`| ${cell(accountsCell(g.accounts))} | ${cell(mdText(g.sample.role))} | ${cell(trusted(g.sample))} |`);
  } else {
    out.push('| Account | Stack | Role | Trusted principals |', '|---|---|---|---|');
    for (const a of report.accounts) out.push(`| ${cell(mdText(a.name))} | ${cell(mdText(a.stack))} | ${cell(mdText(a.role))} | ${cell(trusted(a))} |`);
  }
  const declared = declaredRows(report);
  if (declared.length) {
    out.push('', '### Declared principals', '', 'Trusted because `trust.principals` declares them, each in the accounts of its scope and only with these conditions.', '');
    out.push('| Name | Principal and conditions | Member roles that trust it |', '|---|---|---|', ...declared);
  }
  const noManagement = report.accounts.filter((a) => !a.trust.some((t) => t.account === MANAGEMENT && !t.mfa));
  if (noManagement.length) out.push('', `**Warning: the role no longer trusts the management account in ${noManagement.map((a) => mdText(a.name)).join(', ')}: Terraform would lose access.**`);
  out.push('');

  out.push('## Trust graph', '');
  out.push('Solid: group access (from identity policies and trust policies together); dotted: principals the member roles trust.', '');
  out.push('```mermaid', renderMermaid(report).trimEnd(), '```', '');
  if (report.notes.length) out.push('## Not evaluated', '', ...report.notes.map((n) => `- ${mdText(n)}`), '');
  return out.join('\n');
}
