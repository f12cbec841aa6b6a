import { arnMatch } from '../../access/policy-eval';
import { normalizePolicy, type NormalStatement } from './policy-normalize';

/**
 * A principal the apply keeps in a trust policy but holds to conditions it is not held to
 * today: a break-glass role trusted without conditions that the declaration (`human: true`)
 * puts behind MFA, an identity root trusted by hand without MFA. The apply does not drop it,
 * so "drops no principal" is true, yet whoever used it without MFA is locked out after the apply.
 */
export interface NarrowedPrincipal {
  /** "AWS arn:aws:iam::1:role/breakglass" */
  readonly principal: string;
  /** Conditions of the synthesized statement that no live statement admitting it has, as "Operator key = values". */
  readonly added: readonly string[];
}

/** The aws:PrincipalArn condition says which principal of an account root a statement is for. */
const ROUTING_KEYS = new Set(['aws:principalarn']);

type Conditions = NonNullable<NormalStatement['Condition']>;

/** Condition terms as "Operator key = values"; `routing` leaves out aws:PrincipalArn (it names the principal, it does not narrow it). */
const conditionTerms = (c: Conditions | undefined, routing = false): string[] =>
  Object.entries(c ?? {}).flatMap(([op, keys]) => Object.entries(keys).filter(([key]) => !(routing && ROUTING_KEYS.has(key))).map(([key, values]) => `${op} ${key} = ${values.join(', ')}`));

/** A whole account (its root) is narrowed by aws:PrincipalArn; a role or user it names is only picked out by it. */
const isAccountRoot = (value: string) => /^(\d{12}|arn:aws[a-z-]*:iam::\d{12}:root)$/.test(value);

const rootOf = (arn: string) => /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(arn)?.[1];

/** Whether an Allow statement admits the principal `type value`, directly or through its account root and aws:PrincipalArn. */
function admits(s: NormalStatement, type: string, value: string): boolean {
  const named = s.Principal?.[type] ?? [];
  if (named.includes(value)) return true;
  if (type !== 'AWS') return false;
  const account = rootOf(value);
  if (!account || !named.some((p) => p === `arn:aws:iam::${account}:root` || p === account)) return false;
  const patterns = ['ArnEquals', 'ArnLike'].flatMap((op) => s.Condition?.[op]?.['aws:principalarn'] ?? []);
  return patterns.some((pattern) => arnMatch(pattern, value));
}

/**
 * For each principal a live Allow statement names that the synthesized policy also admits:
 * the synthesized conditions that none of its live statements has. A principal the apply
 * drops is not here (droppedPrincipals reports it), nor one it keeps as loose or looser.
 */
export function narrowedPrincipals(live: unknown, expected: unknown): NarrowedPrincipal[] {
  const liveStatements = normalizePolicy(live).filter((s) => s.Effect === 'Allow');
  const expectedStatements = normalizePolicy(expected).filter((s) => s.Effect === 'Allow');
  const out: NarrowedPrincipal[] = [];
  const seen = new Set<string>();
  for (const s of liveStatements) {
    for (const [type, values] of Object.entries(s.Principal ?? {})) {
      for (const value of values) {
        const principal = `${type} ${value}`;
        if (seen.has(principal)) continue;
        seen.add(principal);
        const keptBy = expectedStatements.filter((e) => admits(e, type, value));
        if (!keptBy.length) continue;
        // Each live statement is a way in today; the loosest synthesized statement decides what is added to it.
        const added = liveStatements
          .filter((l) => admits(l, type, value))
          .map((l) => {
            const routing = !isAccountRoot(value);
            const have = new Set(conditionTerms(l.Condition, routing));
            return keptBy.map((e) => conditionTerms(e.Condition, routing).filter((t) => !have.has(t))).reduce((a, b) => (b.length < a.length ? b : a));
          });
        const loosest = added.find((terms) => terms.length) ?? [];
        if (loosest.length) out.push({ principal, added: loosest });
      }
    }
  }
  return out.sort((a, b) => a.principal.localeCompare(b.principal));
}
