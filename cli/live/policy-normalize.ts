import { arnMatch } from '../../access/policy-eval';

/**
 * Semantic form of IAM policy documents, so that two documents that IAM reads the same way
 * compare equal: a string and a one-element array, element order, Sid, key case of condition
 * keys and actions, a bare account id and its root ARN, booleans and their strings.
 */

export interface NormalStatement {
  readonly Effect: string;
  readonly Principal?: Readonly<Record<string, readonly string[]>>;
  readonly NotPrincipal?: Readonly<Record<string, readonly string[]>>;
  readonly Action?: readonly string[];
  readonly NotAction?: readonly string[];
  readonly Resource?: readonly string[];
  readonly NotResource?: readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/** IAM returns policy documents URL-encoded (GetRole, GetPolicyVersion); emulators sometimes do not. */
export function parsePolicyText(text: string): unknown {
  const trimmed = text.trim();
  return JSON.parse(trimmed.startsWith('{') ? trimmed : decodeURIComponent(trimmed));
}

const asList = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const sortedStrings = (v: unknown, map: (s: string) => string = (s) => s) => [...new Set(asList(v).map((x) => map(String(x))))].sort();

/** IAM stores a bare account id principal as its root ARN. */
const awsPrincipal = (p: string) => (/^\d{12}$/.test(p) ? `arn:aws:iam::${p}:root` : p);

function principals(p: unknown): Record<string, string[]> | undefined {
  if (p === undefined) return undefined;
  if (p === '*') return { AWS: ['*'] };
  const out: Record<string, string[]> = {};
  for (const type of Object.keys(p as object).sort()) {
    out[type] = sortedStrings((p as Record<string, unknown>)[type], type === 'AWS' ? awsPrincipal : undefined);
  }
  return out;
}

function conditions(c: unknown): NormalStatement['Condition'] {
  if (c === undefined) return undefined;
  const out: Record<string, Record<string, string[]>> = {};
  for (const op of Object.keys(c as object).sort()) {
    const block = (c as Record<string, Record<string, unknown>>)[op];
    const keys: Record<string, string[]> = {};
    for (const key of Object.keys(block).sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()))) {
      keys[key.toLowerCase()] = sortedStrings(block[key]);
    }
    out[op] = keys;
  }
  return out;
}

export function normalizeStatement(s: Record<string, unknown>): NormalStatement {
  const out: Record<string, unknown> = { Effect: String(s.Effect) };
  if (s.Principal !== undefined) out.Principal = principals(s.Principal);
  if (s.NotPrincipal !== undefined) out.NotPrincipal = principals(s.NotPrincipal);
  // Action names are case-insensitive in IAM.
  if (s.Action !== undefined) out.Action = sortedStrings(s.Action, (a) => a.toLowerCase());
  if (s.NotAction !== undefined) out.NotAction = sortedStrings(s.NotAction, (a) => a.toLowerCase());
  if (s.Resource !== undefined) out.Resource = sortedStrings(s.Resource);
  if (s.NotResource !== undefined) out.NotResource = sortedStrings(s.NotResource);
  if (s.Condition !== undefined) out.Condition = conditions(s.Condition);
  return out as unknown as NormalStatement;
}

/** Statements of a document in canonical form, each once, in a stable order. */
export function normalizePolicy(doc: unknown): NormalStatement[] {
  const statements = asList((doc as { Statement?: unknown } | null)?.Statement).map((s) => normalizeStatement(s as Record<string, unknown>));
  const byKey = new Map(statements.map((s) => [JSON.stringify(s), s]));
  return [...byKey.keys()].sort().map((k) => byKey.get(k)!);
}

export interface PolicyDiff {
  /** In the live document only: what an apply would remove. */
  readonly onlyLive: readonly NormalStatement[];
  /** In the expected document only: what an apply would add. */
  readonly onlyExpected: readonly NormalStatement[];
}

export function diffPolicies(live: unknown, expected: unknown): PolicyDiff {
  const a = normalizePolicy(live);
  const b = normalizePolicy(expected);
  const keysA = new Set(a.map((s) => JSON.stringify(s)));
  const keysB = new Set(b.map((s) => JSON.stringify(s)));
  return { onlyLive: a.filter((s) => !keysB.has(JSON.stringify(s))), onlyExpected: b.filter((s) => !keysA.has(JSON.stringify(s))) };
}

export const policiesEqual = (live: unknown, expected: unknown) => {
  const d = diffPolicies(live, expected);
  return d.onlyLive.length === 0 && d.onlyExpected.length === 0;
};

/** "AWS arn:aws:iam::1:root" for every principal an Allow statement of the document names. */
export function allowedPrincipals(doc: unknown): Set<string> {
  const out = new Set<string>();
  for (const s of normalizePolicy(doc)) {
    if (s.Effect !== 'Allow' || !s.Principal) continue;
    for (const [type, values] of Object.entries(s.Principal)) for (const v of values) out.add(`${type} ${v}`);
  }
  return out;
}

/**
 * ARNs an Allow statement admits through its account root and an ArnEquals/ArnLike
 * aws:PrincipalArn condition: how declared roles and users are trusted (and identity users).
 */
function conditionedArns(doc: unknown): string[] {
  return normalizePolicy(doc)
    .filter((s) => s.Effect === 'Allow' && (s.Principal?.AWS ?? []).some((p) => /:root$/.test(p)))
    .flatMap((s) => ['ArnEquals', 'ArnLike'].flatMap((op) => s.Condition?.[op]?.['aws:principalarn'] ?? []));
}

/**
 * Principals the live trust policy admits that the expected one does not name at all: the apply
 * would drop them. A role or user the live policy names in Principal is kept when the expected
 * policy admits that same ARN through its account root and aws:PrincipalArn (a declared principal).
 */
export function droppedPrincipals(live: unknown, expected: unknown): string[] {
  const keep = allowedPrincipals(expected);
  const arns = conditionedArns(expected);
  const keptByCondition = (p: string) => p.startsWith('AWS arn:') && arns.some((pattern) => arnMatch(pattern, p.slice('AWS '.length)));
  return [...allowedPrincipals(live)].filter((p) => !keep.has(p) && !keptByCondition(p)).sort();
}
