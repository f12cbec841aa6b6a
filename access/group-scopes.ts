import type { AccessModel, PrincipalModel } from './access-model';
import type { Statement } from './policy-eval';
import { AccountRefs, ORG_TOKEN, ROOT_PATH, accountLabel } from './synth-refs';

/** What one allowing statement of a group's policies lets its members assume, read from the JSON. */
export interface GroupScope {
  readonly kind: 'organization' | 'ous' | 'accounts';
  /** For 'organization': the organization id, "{organization}" until the management stack is applied, or a policy variable. */
  readonly organization?: string;
  /** For 'ous': OU paths by name; `andBelow` when the OUs under each are included too. */
  readonly ous?: readonly string[];
  readonly andBelow?: boolean;
  /** For 'accounts': the account names (or ids) listed. */
  readonly accounts?: readonly string[];
  /** Accounts left out of an organization or OU scope. */
  readonly except?: readonly string[];
}

const list = (v: unknown): string[] => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map(String));

/** An account token -> "IAM", "{management}" (MANAGEMENT); an unknown id as it is. */
const accountName = (token: string) => AccountRefs.nameOf(token) ?? token;

/** "{organization}/{organization-root}/{ou:ou_workloads}/{ou:ou_workloads_dev}/*" -> "Workloads/Dev". */
function ouName(pattern: string, model: AccessModel): string {
  const tokens = pattern.replace(/\*$/, '').replace(/\/$/, '').split('/');
  const last = /^\{ou:(.+)\}$/.exec(tokens[tokens.length - 1] ?? '')?.[1];
  if (pattern.startsWith(ROOT_PATH) && last) return model.tree.ouPathByKey.get(last) ?? pattern;
  return pattern;
}

function scopeOf(s: Statement, model: AccessModel): GroupScope | undefined {
  const c = s.Condition ?? {};
  const except = list(c.StringNotEquals?.['aws:ResourceAccount']).map(accountName);
  const organization = c.StringEquals?.['aws:ResourceOrgID'];
  if (organization !== undefined) return { kind: 'organization', organization: String(organization), except };
  const paths = list(c['ForAnyValue:StringLike']?.['aws:ResourceOrgPaths']);
  if (paths.length) return { kind: 'ous', ous: paths.map((p) => ouName(p, model)), andBelow: paths.every((p) => p.endsWith('/*')), except };
  const accounts = list(c.StringEquals?.['aws:ResourceAccount']);
  if (accounts.length) return { kind: 'accounts', accounts: accounts.map(accountName) };
  return undefined;
}

const assumesRole = (s: Statement) => s.Effect === 'Allow' && list(s.Action).some((a) => /^sts:(AssumeRole|\*)$|^\*$/i.test(a));

/** Per group (identity and management), the scopes of its policies, those of one kind merged. */
export function groupScopes(model: AccessModel): Record<string, GroupScope[]> {
  const out: Record<string, GroupScope[]> = {};
  for (const p of model.principals.filter((x: PrincipalModel) => x.kind.endsWith('group'))) {
    const scopes = p.statements.filter(assumesRole).flatMap((s) => scopeOf(s, model) ?? []);
    const merged: GroupScope[] = [];
    for (const scope of scopes) {
      const same = merged.findIndex((m) => m.kind === scope.kind && m.kind !== 'organization');
      if (same < 0) merged.push(scope);
      else {
        const m = merged[same];
        merged[same] = { ...m, ous: [...(m.ous ?? []), ...(scope.ous ?? [])], accounts: [...(m.accounts ?? []), ...(scope.accounts ?? [])] };
      }
    }
    if (merged.length) out[p.id] = merged;
  }
  return out;
}

/** One line for the Markdown report. */
export function describeScope(scope: GroupScope): string {
  const except = scope.except?.length ? ` except ${scope.except.map(accountLabel).join(', ')}` : '';
  if (scope.kind === 'organization') {
    const which = scope.organization === ORG_TOKEN ? 'this organization' : scope.organization === '${aws:PrincipalOrgID}' ? "the caller's organization" : `organization ${scope.organization}`;
    return `every account of ${which}${except}`;
  }
  if (scope.kind === 'ous') return `the accounts of OU ${scope.ous!.join(', ')}${scope.andBelow ? ' and the OUs below' : ''}${except}`;
  const accounts = scope.accounts!;
  const names = accounts.map(accountLabel);
  return names.length > 10 ? `${names.length} named accounts: ${names.slice(0, 10).join(', ')}, …` : `named accounts ${names.join(', ')}`;
}
