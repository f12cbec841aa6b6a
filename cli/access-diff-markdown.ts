import type { AccessChange, AccessDiff, AccessLevel, TrustChange } from './access-diff';

/** Tables longer than this are folded in <details>: a PR comment should fit a screen. */
export const FOLD_ROWS = 15;
/** Rows shown at most per table; the JSON output has them all. GitHub caps a comment at 65,536 characters. */
export const MAX_ROWS = 100;
/** Stacks named at most in the summary line. */
const MAX_STACKS = 10;

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const LEVEL: Record<AccessLevel, string> = { none: '—', mfa: 'with MFA', 'no-mfa': '**without MFA**' };

function who(c: Pick<AccessChange, 'kind' | 'name' | 'principalAccount'>): string {
  const [side, what] = c.kind.split('-');
  return side === 'management' ? `management ${what} ${c.name}` : `${what} ${c.name} (${c.principalAccount})`;
}

function table(header: readonly string[], rows: readonly string[][], what: string): string[] {
  const shown = rows.slice(0, MAX_ROWS);
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---|').join('')}`, ...shown.map((r) => `| ${r.map(cell).join(' | ')} |`)];
  if (rows.length > shown.length) lines.push('', `… and ${rows.length - shown.length} more ${what}: see \`org-trust report --base … --format json\`.`);
  return rows.length > FOLD_ROWS ? ['<details>', `<summary>${rows.length} ${what}</summary>`, '', ...lines, '', '</details>'] : lines;
}

function accessTable(changes: readonly AccessChange[]): string[] {
  return table(
    ['Who', 'Account', 'Role', 'Before', 'After'],
    changes.map((c) => [who(c), c.account, c.role, LEVEL[c.before], LEVEL[c.after]]),
    'changes',
  );
}

function trustRows(changes: readonly TrustChange[], change: string): string[][] {
  return changes.map((t) => [t.account, t.role, `\`${t.principal}\``, t.mfa ? 'MFA' : 'no MFA condition', change]);
}

/** One line per kind of change: what a reviewer reads first. */
function summary(diff: AccessDiff): string[] {
  const a = diff.accounts;
  const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const principals = (changes: readonly { principal: string }[]) => count(new Set(changes.map((c) => c.principal)).size, 'principal');
  const lines = [
    diff.access.gained.length && `Access gained: ${diff.access.gained.length} (${principals(diff.access.gained)})`,
    diff.access.lost.length && `Access lost: ${diff.access.lost.length} (${principals(diff.access.lost)})`,
    ...diff.membership.map((m) => `${m.user} ${m.change === 'joined' ? 'joins' : 'leaves'} ${m.side} group ${m.group}`),
    ...diff.scopes.map((c) => `${c.side} group ${c.group} now grants the role in ${c.after} (was: ${c.before})`),
    ...diff.principals.added.map((p) => `New ${p.replace('-', ' ').replace(':', ' ')}`),
    ...diff.principals.removed.map((p) => `Removed ${p.replace('-', ' ').replace(':', ' ')}`),
    diff.trust.entered.length && `Trust policies: ${count(diff.trust.entered.length, 'entry', 'entries')} added (${principals(diff.trust.entered)})`,
    diff.trust.left.length && `Trust policies: ${count(diff.trust.left.length, 'entry', 'entries')} removed (${principals(diff.trust.left)})`,
    ...a.created.map((c) => `Account ${c.account} created in ${c.ou}`),
    ...a.imported.map((c) => `Account ${c.account} (${c.id}) imported in ${c.ou}`),
    ...a.renamed.map((c) => `Account ${c.from} renamed to ${c.to}`),
    ...a.retired.map((c) => `Account ${c.account} retired (Terraform forgets it; nothing is closed or deleted)`),
    ...a.dropped.map((c) => `**Account ${c.account} leaves the management stack without being retired: Terraform would try to destroy it**`),
    ...a.moved.map((c) => `Account ${c.account} moved from ${c.from} to ${c.to}`),
    ...diff.organizationalUnits.added.map((p) => `OU ${p} added`),
    ...diff.organizationalUnits.removed.map((p) => `OU ${p} removed`),
  ];
  return lines.filter((l): l is string => typeof l === 'string').map((l) => `- ${l}`);
}

/** The pull-request comment: a verdict, a summary list, then tables (long ones folded). */
export function renderAccessDiff(diff: AccessDiff, source: { base: string; head: string }): string {
  const out: string[] = ['## Access diff', ''];
  out.push(`Base \`${source.base}\` → this change \`${source.head}\`, evaluated from the synthesized stacks.`, '');
  out.push(diff.accessGrew ? '**Access grows.** Review who gains what below.' : 'Access does not grow.', '');
  const lines = summary(diff);
  const s = diff.stacks;
  const stacks = [...s.changed.map((x) => `${x} (changed)`), ...s.added.map((x) => `${x} (new)`), ...s.removed.map((x) => `${x} (removed)`)];
  if (!lines.length && !stacks.length) {
    out.push('No change to access, accounts or stacks.', '');
    return out.join('\n');
  }
  if (lines.length > FOLD_ROWS) {
    const rest = lines.slice(10, MAX_ROWS);
    out.push(...lines.slice(0, 10), '', '<details>', `<summary>${lines.length - 10} more changes</summary>`, '', ...rest, '', '</details>', '');
  } else out.push(...lines);
  const more = stacks.length > MAX_STACKS ? `, and ${stacks.length - MAX_STACKS} more` : '';
  if (stacks.length) out.push(`- Stacks to plan (${stacks.length}): ${stacks.slice(0, MAX_STACKS).join(', ')}${more}`);
  out.push('');

  if (diff.access.gained.length) out.push('### Access gained', '', ...accessTable(diff.access.gained), '');
  if (diff.access.lost.length) out.push('### Access lost', '', ...accessTable(diff.access.lost), '');
  const trust = [...trustRows(diff.trust.entered, 'enters'), ...trustRows(diff.trust.left, 'leaves')];
  if (trust.length) out.push('### Trust policy principals', '', ...table(['Account', 'Role', 'Principal', 'MFA', 'Change'], trust, 'trust changes'), '');
  if (diff.notes.length) out.push('### Not evaluated', '', ...diff.notes.map((n) => `- ${n}`), '');
  return out.join('\n');
}
