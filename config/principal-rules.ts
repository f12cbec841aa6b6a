import { RESERVED_SIDS, SELF } from './declared-principals';
import { findDuplicates, type Issue } from './find-duplicates';
import { flattenUnits } from './ou-tree';
import { subjectOwnerProblem } from './oidc-subject-rule';
import { iamPrincipalArnParts, isAccountId, type DeclaredPrincipalInput } from './principal-schema';
import type { ParsedOrgConfig } from './schema';

type Path = (string | number)[];

/**
 * Rules of trust.principals that need the rest of the config: unique names (they are Sids),
 * scopes naming member accounts and OUs that exist, account references that resolve, and
 * the conditions a kind cannot do without.
 */
export function declaredPrincipalIssues(config: ParsedOrgConfig): Issue[] {
  const principals = config.trust.principals;
  const at = (i: number, ...rest: Path): Path => ['trust', 'principals', i, ...rest];
  const issues: Issue[] = findDuplicates(principals, (p) => p.name.toLowerCase(), (i) => at(i, 'name'), (v, first) =>
    `duplicate principal name "${v}" (first at ${first}); each name is the Sid of one trust statement, so names must differ in more than case`);
  principals.forEach((p, i) => {
    const reserved = RESERVED_SIDS.find((sid) => sid.toLowerCase() === p.name.toLowerCase());
    if (reserved) issues.push({ path: at(i, 'name'), message: `"${p.name}" is the Sid of a statement every member role has (${RESERVED_SIDS.join(', ')}); choose another name` });
    issues.push(...scopeIssues(config, p.scope, at(i, 'scope')), ...kindIssues(config, p, (...rest) => at(i, ...rest)));
  });
  return issues;
}

function scopeIssues(config: ParsedOrgConfig, scope: DeclaredPrincipalInput['scope'], path: Path): Issue[] {
  const keys = (['accounts', 'ous', 'organization'] as const).filter((k) => scope[k] !== undefined);
  if (keys.length !== 1) {
    return [{ path, message: `must have exactly one of accounts, ous or organization: true${keys.length ? ` (has ${keys.join(' and ')})` : ''}` }];
  }
  const issues: Issue[] = [];
  const members = new Map(config.accounts.map((a) => [a.name, a]));
  (scope.accounts ?? []).forEach((name, i) => {
    const account = members.get(name);
    const where = [...path, 'accounts', i];
    if (name === config.identityAccount.name) issues.push({ path: where, message: `"${name}" is the identity account; declared principals are trusted by member roles only` });
    else if (!account) issues.push({ path: where, message: `unknown account "${name}"; accepted: a name from accounts[].name` });
    else if (account.retired) issues.push({ path: where, message: `account "${name}" is retired (its role is no longer managed); remove it from this scope` });
  });
  issues.push(...findDuplicates(scope.accounts ?? [], (a) => a, (i) => [...path, 'accounts', i], (v, first) => `account "${v}" is listed twice (first at ${first})`));
  const units = flattenUnits(config.organization.organizationalUnits);
  const known = units.map((u) => u.path);
  (scope.ous ?? []).forEach((ou, i) => {
    const unit = units.find((u) => u.path === ou);
    const where = [...path, 'ous', i];
    if (!unit) issues.push({ path: where, message: `unknown OU path "${ou}"; accepted: ${known.length ? known.map((k) => `"${k}"`).join(', ') : 'none: organization.organizationalUnits is empty'}` });
    else if (unit.retired) issues.push({ path: where, message: `OU "${ou}" is retired; remove it from this scope` });
  });
  issues.push(...findDuplicates(scope.ous ?? [], (o) => o, (i) => [...path, 'ous', i], (v, first) => `OU "${v}" is listed twice (first at ${first})`));
  return issues;
}

/** "self", a 12-digit id, or an account of the config (identity or member, not retired). */
function accountRefIssue(config: ParsedOrgConfig, ref: string, path: Path): Issue[] {
  if (ref === SELF || isAccountId(ref)) return [];
  const account = [config.identityAccount, ...config.accounts].find((a) => a.name === ref);
  if (!account) return [{ path, message: `unknown account "${ref}"; accepted: "self" (the trusting account), a 12-digit id in quotes, or an account name of this config` }];
  if ('retired' in account && account.retired) return [{ path, message: `account "${ref}" is retired; use its id if it still acts` }];
  return [];
}

function kindIssues(config: ParsedOrgConfig, p: DeclaredPrincipalInput, at: (...rest: Path) => Path): Issue[] {
  switch (p.kind) {
    case 'aws': {
      const parts = iamPrincipalArnParts(p.arn);
      if (parts?.type === 'user' && !p.human) {
        return [{ path: at('human'), message: 'must be true for an IAM user: users are people (MFA required); give a machine a role, or federate it through OIDC' }];
      }
      return [];
    }
    case 'oidc':
      return p.subjects.flatMap((s, i) => {
        const problem = subjectOwnerProblem(p.provider, s);
        return problem ? [{ path: at('subjects', i), message: problem }] : [];
      });
    case 'service': {
      const issues = p.sourceAccounts.flatMap((ref, i) => accountRefIssue(config, ref, at('sourceAccounts', i)));
      if (!p.sourceAccounts.length && !p.sourceArns.length) {
        issues.push({
          path: at('service'),
          message: 'needs sourceAccounts or sourceArns: a service principal without aws:SourceAccount or aws:SourceArn can be made to act for any AWS account (confused deputy)',
        });
      }
      return issues;
    }
    case 'identityCenter':
      return accountRefIssue(config, p.account, at('account'));
    default:
      return [];
  }
}
