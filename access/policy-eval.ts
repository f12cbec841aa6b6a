/**
 * A small IAM policy evaluator for sts:AssumeRole, over policies whose account references
 * were already replaced by stable tokens (see synth-refs.ts). It covers what the
 * synthesized stacks use: Action/NotAction, Resource/NotResource, Principal (AWS), and the
 * String, Bool, Numeric, Arn and Null condition operators, with IfExists, and the
 * ForAnyValue and ForAllValues set operators over multivalued keys (aws:ResourceOrgPaths).
 * Anything else is an error rather than a guess.
 */

/** A request context value: one string, or several for a multivalued key. */
export type ContextValue = string | readonly string[];

export interface Statement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Principal?: '*' | Readonly<Record<string, string | readonly string[]>>;
  readonly NotPrincipal?: unknown;
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | boolean | number | readonly (string | boolean | number)[]>>>>;
}

export interface AssumeRequest {
  readonly principalArn: string;
  readonly principalAccount: string;
  /** The role's ARN. */
  readonly resource: string;
  readonly resourceAccount: string;
  /** Condition context keys, lower-case names. */
  readonly context: Readonly<Record<string, ContextValue>>;
}

export interface Decision {
  readonly allowed: boolean;
  readonly explicitDeny: boolean;
}

const list = <T>(v: T | readonly T[] | undefined): readonly T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v as T]);

/** Compiled globs: a report evaluates the same few patterns against every account. */
const GLOBS = new Map<string, RegExp>();

/** Whether an IAM pattern has a wildcard; one without matches only itself. */
const hasWildcard = (pattern: string) => pattern.includes('*') || pattern.includes('?');

/** IAM glob: * any run, ? one character; case-sensitive unless told otherwise. */
export function globMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const v = ignoreCase ? value.toLowerCase() : value;
  if (!hasWildcard(p)) return p === v;
  let re = GLOBS.get(p);
  if (!re) {
    re = new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
    GLOBS.set(p, re);
  }
  return re.test(v);
}

/** ARN match part by part, as ArnLike does (wildcards do not cross ':'). */
export function arnMatch(pattern: string, arn: string): boolean {
  // Without a wildcard every part must be equal, which is the whole ARN being equal.
  if (!hasWildcard(pattern)) return pattern === arn;
  const p = pattern.split(':');
  const a = arn.split(':');
  if (p.length < 6 || a.length < 6) return globMatch(pattern, arn);
  const head = (parts: string[]) => [...parts.slice(0, 5), parts.slice(5).join(':')];
  const [hp, ha] = [head(p), head(a)];
  return hp.every((part, i) => globMatch(part, ha[i]));
}

const ACTION = 'sts:AssumeRole';

/** Whether a statement's Action (or NotAction) covers `action`: wildcards, any case. */
export function actionMatches(s: Statement, action: string = ACTION): boolean {
  if (s.Action !== undefined) return list(s.Action).some((a) => globMatch(a, action, true));
  if (s.NotAction !== undefined) return !list(s.NotAction).some((a) => globMatch(a, action, true));
  return false;
}

/** Whether a statement's Resource (or NotResource) covers the ARN `resource`. */
export function resourceMatches(s: Statement, resource: string): boolean {
  if (s.Resource !== undefined) return resourcesCover(s.Resource, resource);
  if (s.NotResource !== undefined) return !resourcesCover(s.NotResource, resource);
  return false;
}

/**
 * A Resource list indexed once: a group on 300 named accounts is checked against 10,000 roles.
 * Keyed by the list itself (not the statement), and rebuilt if its length changed, so that a
 * statement given another list is not judged by the old one.
 */
interface ResourceIndex {
  readonly length: number;
  covers(resource: string): boolean;
}
const RESOURCE_INDEXES = new WeakMap<readonly string[], ResourceIndex>();
function resourcesCover(resources: string | readonly string[], resource: string): boolean {
  // A single pattern needs no index (building one per call would cost more than it saves).
  if (!Array.isArray(resources)) return patternCovers(resources as string, resource);
  let index = RESOURCE_INDEXES.get(resources);
  if (!index || index.length !== resources.length) {
    index = resourceIndexOf(resources);
    RESOURCE_INDEXES.set(resources, index);
  }
  return index.covers(resource);
}

/**
 * A policy AWS would refuse (a Resource that is not a string) must not be read as "no match":
 * on a Deny with NotResource that would silently widen access.
 */
function requireString(entry: unknown): void {
  if (typeof entry !== 'string') throw new Error(`a Resource or NotResource entry is not a string: ${JSON.stringify(entry)}`);
}

function patternCovers(pattern: string, resource: string): boolean {
  requireString(pattern);
  return pattern === '*' || arnMatch(pattern, resource);
}

function resourceIndexOf(all: readonly string[]): ResourceIndex {
  all.forEach(requireString);
  const any = all.includes('*');
  // A pattern without a wildcard matches exactly one ARN: itself (see arnMatch).
  const exact = new Set(all.filter((r) => !hasWildcard(r)));
  const patterns = all.filter((r) => !exact.has(r));
  return { length: all.length, covers: (resource) => any || exact.has(resource) || patterns.some((r) => arnMatch(r, resource)) };
}

/** 'exact' when the principal's own ARN is named, 'account' for its account (root or id), undefined otherwise. */
function principalMatch(s: Statement, req: AssumeRequest): 'exact' | 'account' | undefined {
  if (s.NotPrincipal !== undefined) throw new Error(`NotPrincipal is not supported (statement ${s.Sid ?? '(no Sid)'})`);
  if (s.Principal === undefined) return undefined;
  if (s.Principal === '*') return 'account';
  let best: 'exact' | 'account' | undefined;
  for (const p of list(s.Principal.AWS)) {
    if (p === '*') best = best ?? 'account';
    else if (p === req.principalAccount || p === `arn:aws:iam::${req.principalAccount}:root`) best = best ?? 'account';
    else if (p === req.principalArn) best = 'exact';
  }
  return best;
}

type Operator = (values: readonly string[], actual: string) => boolean;

const numeric = (cmp: (a: number, b: number) => boolean): Operator => (values, actual) => values.some((v) => cmp(Number(actual), Number(v)));

const OPERATORS: Record<string, { test: Operator; negated?: boolean }> = {
  StringEquals: { test: (vs, a) => vs.includes(a) },
  StringNotEquals: { test: (vs, a) => !vs.includes(a), negated: true },
  StringEqualsIgnoreCase: { test: (vs, a) => vs.some((v) => v.toLowerCase() === a.toLowerCase()) },
  StringNotEqualsIgnoreCase: { test: (vs, a) => !vs.some((v) => v.toLowerCase() === a.toLowerCase()), negated: true },
  StringLike: { test: (vs, a) => vs.some((v) => globMatch(v, a)) },
  StringNotLike: { test: (vs, a) => !vs.some((v) => globMatch(v, a)), negated: true },
  Bool: { test: (vs, a) => vs.some((v) => v.toLowerCase() === a.toLowerCase()) },
  NumericEquals: { test: numeric((a, b) => a === b) },
  NumericNotEquals: { test: numeric((a, b) => a !== b), negated: true },
  NumericLessThan: { test: numeric((a, b) => a < b) },
  NumericLessThanEquals: { test: numeric((a, b) => a <= b) },
  NumericGreaterThan: { test: numeric((a, b) => a > b) },
  NumericGreaterThanEquals: { test: numeric((a, b) => a >= b) },
  ArnEquals: { test: (vs, a) => vs.some((v) => arnMatch(v, a)) },
  ArnLike: { test: (vs, a) => vs.some((v) => arnMatch(v, a)) },
  ArnNotEquals: { test: (vs, a) => !vs.some((v) => arnMatch(v, a)), negated: true },
  ArnNotLike: { test: (vs, a) => !vs.some((v) => arnMatch(v, a)), negated: true },
};

/**
 * Replaces IAM policy variables such as ${aws:PrincipalOrgID} (escaped for Terraform as
 * $${...}) by their request values. One the request lacks stays as it is and matches nothing.
 */
function withPolicyVariables(value: string, context: Readonly<Record<string, ContextValue>>): string {
  if (!value.includes('${')) return value;
  return value.replace(/\$?\$\{(aws:[A-Za-z]+)\}/g, (whole, key: string) => {
    const v = context[key.toLowerCase()];
    return typeof v === 'string' ? v : whole;
  });
}

/**
 * One condition entry. ForAnyValue: some value of the key matches (false when the key is
 * absent); ForAllValues: every value matches (true when absent). Without a set operator
 * the key must be single-valued.
 */
function entryHolds(operator: string, values: readonly string[], actual: ContextValue | undefined, sid: string): boolean {
  const [set, plain] = operator.includes(':') ? operator.split(':', 2) : [undefined, operator];
  if (set !== undefined && set !== 'ForAnyValue' && set !== 'ForAllValues') throw new Error(`condition operator ${operator} is not supported (statement ${sid})`);
  if (plain === 'Null') {
    if (set) throw new Error(`condition operator ${operator} is not supported (statement ${sid})`);
    return values.some((v) => (v.toLowerCase() === 'true') === (actual === undefined));
  }
  const ifExists = plain.endsWith('IfExists');
  const op = OPERATORS[ifExists ? plain.slice(0, -'IfExists'.length) : plain];
  if (!op) throw new Error(`condition operator ${operator} is not supported (statement ${sid})`);
  if (set === 'ForAnyValue') return actual !== undefined && list(actual).some((a) => op.test(values, a));
  if (set === 'ForAllValues') return actual === undefined || list(actual).every((a) => op.test(values, a));
  if (typeof actual !== 'string' && actual !== undefined) throw new Error(`condition ${operator} on a multivalued key needs ForAnyValue or ForAllValues (statement ${sid})`);
  if (actual === undefined) return ifExists || op.negated === true;
  return op.test(values, actual);
}

export function conditionsHold(s: Statement, context: Readonly<Record<string, ContextValue>>): boolean {
  for (const [operator, entries] of Object.entries(s.Condition ?? {})) {
    for (const [rawKey, rawValues] of Object.entries(entries)) {
      const values = list(rawValues).map((v) => withPolicyVariables(String(v), context));
      if (!entryHolds(operator, values, context[rawKey.toLowerCase()], s.Sid ?? '(no Sid)')) return false;
    }
  }
  return true;
}

/**
 * Decides sts:AssumeRole: no explicit deny on either side; the trust policy allows the
 * principal; and the identity policy allows the call, unless the role is in the principal's
 * own account and its trust policy names the principal itself.
 */
export function decideAssumeRole(identity: readonly Statement[], trust: readonly Statement[], req: AssumeRequest): Decision {
  // Loops, not filter/map: a report makes hundreds of thousands of decisions. Every statement
  // that applies has its conditions evaluated, so an unsupported operator always throws.
  let identityDenies = false;
  let identityAllows = false;
  for (const s of identity) {
    if (!(actionMatches(s) && resourceMatches(s, req.resource) && conditionsHold(s, req.context))) continue;
    if (s.Effect === 'Deny') identityDenies = true;
    else if (s.Effect === 'Allow') identityAllows = true;
  }
  let trustDenies = false;
  let trustAllows = false;
  let namedExactly = false;
  for (const s of trust) {
    const match = actionMatches(s) ? principalMatch(s, req) : undefined;
    if (!match || !conditionsHold(s, req.context)) continue;
    if (s.Effect === 'Deny') trustDenies = true;
    else if (s.Effect === 'Allow') {
      trustAllows = true;
      if (match === 'exact') namedExactly = true;
    }
  }
  const explicitDeny = identityDenies || trustDenies;
  if (explicitDeny) return { allowed: false, explicitDeny };
  const sameAccount = req.principalAccount === req.resourceAccount;
  const allowed = trustAllows && (identityAllows || (sameAccount && namedExactly));
  return { allowed, explicitDeny };
}
