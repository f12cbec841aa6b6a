import type { AccessChange, AccessDiff, AccessLevel, TrustChange } from '../access/access-diff';
import type { AccountRepoint } from '../access/account-changes';
import { mdCode, mdText } from './markdown-text';
import { accountLabel } from '../access/synth-refs';
import type { RoleMove } from '../access/role-moves';

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
  return side === 'management' ? `management ${what} ${mdText(c.name)}` : `${what} ${mdText(c.name)} (${mdText(c.principalAccount)})`;
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
    changes.map((c) => [who(c), mdText(accountLabel(c.account)), mdText(c.role), LEVEL[c.before], LEVEL[c.after]]),
    'changes',
  );
}

function trustRows(changes: readonly TrustChange[], change: string): string[][] {
  // A declared principal by its name: the ARN alone says little ("arn:aws:iam::ID:oidc-provider/...").
  const who = (t: TrustChange) => `${t.name ? `${mdText(t.name)} (declared): ` : ''}${mdCode(t.principal)}`;
  const mfa = (t: TrustChange) => (t.type ? (t.type === 'Service' ? 'service' : 'federated') : t.mfa ? 'MFA' : 'no MFA condition');
  return changes.map((t) => [mdText(accountLabel(t.account)), mdText(t.role), who(t), mfa(t), change]);
}

/** An account name that now stands for another AWS account: group policies and its trust stack's provider follow the new id. */
function repointLine(r: AccountRepoint): string {
  if (r.to === null) return `Account ${mdText(r.account)}: id ${r.from} leaves the config (Terraform keeps the account its management state holds)`;
  const from = r.from ?? 'the account Terraform created';
  return `**Account ${mdText(r.account)} re-pointed: ${from} → ${r.to}: its group policies and its trust stack's provider now reach ${r.to} (counted as access gained)**`;
}

/** A role's state lives in its trust stack: leaving one is destroying it there, unless a removed block forgets it. */
function roleMoveLine(m: RoleMove): string {
  if (m.from === null) return `Role of ${mdText(m.account)} enters ${mdText(m.to!)}`;
  const where = m.to === null ? 'no trust stack holds it now' : `${mdText(m.to)} imports it again`;
  return `**Role of ${mdText(m.account)} leaves ${mdText(m.from)}: Terraform destroys it there unless a removed block forgets it; ${where}**`;
}

/** One line per kind of change: what a reviewer reads first. */
function summary(diff: AccessDiff): string[] {
  const a = diff.accounts;
  const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const principals = (changes: readonly { principal: string }[]) => count(new Set(changes.map((c) => c.principal)).size, 'principal');
  // A declaration names one principal, whose ARN differs per account (each account's own OIDC provider).
  const trusted = (changes: readonly TrustChange[]) => count(new Set(changes.map((c) => (c.name ? `declared ${c.name}` : c.principal))).size, 'principal');
  const lines = [
    diff.access.gained.length && `Access gained: ${diff.access.gained.length} (${principals(diff.access.gained)})`,
    diff.access.lost.length && `Access lost: ${diff.access.lost.length} (${principals(diff.access.lost)})`,
    ...diff.membership.map((m) => `${mdText(m.user)} ${m.change === 'joined' ? 'joins' : 'leaves'} ${m.side} group ${mdText(m.group)}`),
    ...diff.scopes.map((c) => `${c.side} group ${mdText(c.group)} now grants the role in ${mdText(c.after)} (was: ${mdText(c.before)})`),
    ...diff.principals.added.map((p) => `New ${mdText(p.replace('-', ' ').replace(':', ' '))}`),
    ...diff.principals.removed.map((p) => `Removed ${mdText(p.replace('-', ' ').replace(':', ' '))}`),
    diff.trust.entered.length && `Trust policies: ${count(diff.trust.entered.length, 'entry', 'entries')} added (${trusted(diff.trust.entered)})`,
    diff.trust.left.length && `Trust policies: ${count(diff.trust.left.length, 'entry', 'entries')} removed (${trusted(diff.trust.left)})`,
    ...a.created.map((c) => `Account ${mdText(c.account)} created in ${mdText(c.ou)}`),
    ...a.imported.map((c) => `Account ${mdText(c.account)} (${c.id}) imported in ${mdText(c.ou)}`),
    ...a.renamed.map((c) => `Account ${mdText(c.from)} renamed to ${mdText(c.to)}`),
    ...a.retired.map((c) => `Account ${mdText(c.account)} retired (Terraform forgets it; nothing is closed or deleted)`),
    ...a.dropped.map((c) => `**Account ${mdText(c.account)} leaves the management stack without being retired: Terraform would try to destroy it**`),
    ...a.moved.map((c) => `Account ${mdText(c.account)} moved from ${mdText(c.from)} to ${mdText(c.to)}`),
    ...a.repointed.map(repointLine),
    ...diff.roleMoves.map(roleMoveLine),
    ...diff.organizationalUnits.added.map((p) => `OU ${mdText(p)} added`),
    ...diff.organizationalUnits.removed.map((p) => `OU ${mdText(p)} removed`),
    ...diff.protections.removed.map((p) => `**Removed ${p}**`),
    ...diff.protections.added.map((p) => `${p} added`),
    ...diff.protections.assumeRootGained.map((u) => `**${mdText(u)} may now call sts:AssumeRoot (root sessions in member accounts)**`),
    ...diff.protections.assumeRootLost.map((u) => `${mdText(u)} may no longer call sts:AssumeRoot`),
  ];
  return lines.filter((l): l is string => typeof l === 'string').map((l) => `- ${l}`);
}

/** The pull-request comment: a verdict, a summary list, then tables (long ones folded). */
export function renderAccessDiff(diff: AccessDiff, source: { base: string; head: string }): string {
  const out: string[] = ['## Access diff', ''];
  out.push(`Base ${mdCode(source.base)} → this change ${mdCode(source.head)}, evaluated from the synthesized stacks.`, '');
  out.push(diff.accessGrew ? '**Access grows.** Review who gains what below.' : 'Access does not grow.', '');
  const lines = summary(diff);
  const s = diff.stacks;
  const stacks = [...s.changed.map((x) => `${mdText(x)} (changed)`), ...s.added.map((x) => `${mdText(x)} (new)`), ...s.removed.map((x) => `${mdText(x)} (removed)`)];
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
  if (diff.notes.length) out.push('### Not evaluated', '', ...diff.notes.map((n) => `- ${mdText(n)}`), '');
  return out.join('\n');
}
