import type { AccessReport } from '../access/access-matrix';

/** At most this many account nodes per OU; the rest collapse into one "N more" node. */
export const ACCOUNT_NODES_PER_OU = 8;
/** A source with at most this many accounts in an OU gets one edge per account; more get one edge to the OU. */
export const ACCOUNT_EDGES_PER_OU = 4;

/** Something that reaches accounts: a group, or an account root named in trust policies. */
interface Source {
  readonly label: string;
  readonly accounts: ReadonlySet<string>;
  readonly mfa: boolean;
  readonly trustOnly: boolean;
}

/**
 * Mermaid text inside ["..."]: `#` (which starts Mermaid's own entities), quotes, angle
 * brackets, ampersands and backticks (a backtick string is Markdown to Mermaid) as entity
 * codes, so that a name can neither break the syntax nor become HTML or Markdown. Only the
 * line breaks this module puts in become <br/>.
 */
const MERMAID_ENTITIES: Readonly<Record<string, string>> = { '#': '#35;', '&': '#amp;', '"': '#quot;', '<': '#lt;', '>': '#gt;', '`': '#96;' };

export function mermaidLabel(text: string): string {
  return `"${text.replace(/[#&"<>`]/g, (c) => MERMAID_ENTITIES[c]).replace(/\r?\n/g, '<br/>')}"`;
}

const listed = (names: readonly string[], max = 4) => (names.length > max ? `${names.slice(0, max).join(', ')} +${names.length - max}` : names.join(', '));

function sources(report: AccessReport): Source[] {
  const out: Source[] = [];
  for (const p of report.principals) {
    if (!p.kind.endsWith('group')) continue;
    const row = report.matrix[p.id] ?? {};
    const allowed = Object.entries(row).filter(([, a]) => a.allowed);
    if (!allowed.length) continue;
    const where = p.kind === 'management-group' ? 'management account' : `account ${p.account}`;
    out.push({
      label: `group ${p.name} (${where})\n${p.users?.length ? listed(p.users) : 'no users'}`,
      accounts: new Set(allowed.map(([a]) => a)),
      mfa: allowed.every(([, a]) => a.mfa),
      trustOnly: false,
    });
  }
  const roots = new Map<string, { accounts: Set<string>; mfa: boolean }>();
  for (const account of report.accounts) {
    for (const t of account.trust) {
      // A declared principal is one node whatever account-specific ARN (its own OIDC provider) each role names.
      const label = t.name ? `declared ${t.name} (${t.type === 'Federated' ? 'federated' : t.type === 'Service' ? 'service' : 'role or user'})` : `trusted: ${t.principal}`;
      const entry = roots.get(label) ?? { accounts: new Set<string>(), mfa: true };
      entry.accounts.add(account.name);
      entry.mfa &&= t.mfa;
      roots.set(label, entry);
    }
  }
  for (const [label, { accounts, mfa }] of [...roots].sort()) {
    out.push({ label, accounts, mfa, trustOnly: true });
  }
  return out;
}

/**
 * flowchart LR of the trust graph: principals on the left, accounts grouped in one subgraph
 * per OU. A source that covers a whole OU gets one edge to the subgraph; a few accounts get
 * one edge each; many get one edge to the OU labelled "k of n". Dotted edges are trust
 * policy principals, solid ones group access.
 */
export function renderMermaid(report: AccessReport): string {
  const lines = ['flowchart LR'];
  const byOu = new Map<string, string[]>();
  for (const a of report.accounts) byOu.set(a.ou, [...(byOu.get(a.ou) ?? []), a.name]);
  const ouIds = new Map<string, string>();
  const nodeIds = new Map<string, string>();
  [...byOu.keys()].forEach((ou, i) => ouIds.set(ou, `ou${i + 1}`));

  const srcs = sources(report);
  srcs.forEach((s, i) => lines.push(`  s${i + 1}[${mermaidLabel(s.label)}]`));
  let n = 0;
  for (const [ou, accounts] of byOu) {
    lines.push(`  subgraph ${ouIds.get(ou)}[${mermaidLabel(`OU ${ou}`)}]`);
    for (const name of accounts.slice(0, ACCOUNT_NODES_PER_OU)) {
      const id = `a${++n}`;
      nodeIds.set(name, id);
      lines.push(`    ${id}[${mermaidLabel(name)}]`);
    }
    if (accounts.length > ACCOUNT_NODES_PER_OU) lines.push(`    ${ouIds.get(ou)}more[${mermaidLabel(`… ${accounts.length - ACCOUNT_NODES_PER_OU} more accounts`)}]`);
    lines.push('  end');
  }

  srcs.forEach((s, i) => {
    const from = `s${i + 1}`;
    const arrow = s.trustOnly ? '-.->' : '-->';
    const mfa = s.mfa ? ', MFA' : '';
    for (const [ou, accounts] of byOu) {
      const covered = accounts.filter((a) => s.accounts.has(a));
      if (!covered.length) continue;
      if (covered.length === accounts.length) {
        lines.push(`  ${from} ${arrow}|${mermaidLabel(`all ${accounts.length}${mfa}`)}| ${ouIds.get(ou)}`);
      } else if (covered.length <= ACCOUNT_EDGES_PER_OU && covered.every((a) => nodeIds.has(a))) {
        for (const a of covered) lines.push(`  ${from} ${arrow}${mfa ? `|${mermaidLabel('MFA')}|` : ''} ${nodeIds.get(a)}`);
      } else {
        lines.push(`  ${from} ${arrow}|${mermaidLabel(`${covered.length} of ${accounts.length}${mfa}`)}| ${ouIds.get(ou)}`);
      }
    }
  });
  return `${lines.join('\n')}\n`;
}
