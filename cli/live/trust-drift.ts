import { diffPolicies, type NormalStatement } from './policy-normalize';

/**
 * Drift of a trust policy told in words ("the MFA condition is missing on the statement that
 * trusts the identity account IAM (222222222222)"), one sentence per difference, each with the
 * fix. The exact statements stay beside the words (verify --format json), for machines and for
 * a reviewer who wants the JSON.
 */
export interface TrustDrift {
  /** The sentences, in a stable order. */
  readonly words: readonly string[];
  /** Statements only the live policy has: what the apply removes or replaces. */
  readonly onlyLive: readonly NormalStatement[];
  /** Statements only the synthesized policy has: what the apply writes. */
  readonly onlyExpected: readonly NormalStatement[];
}

export interface TrustDriftContext {
  /** The policy, as a person names it: "the trust policy of OrganizationAccountAccessRole". */
  readonly policy: string;
  /** What restores the synthesized policy: "apply trust-3". */
  readonly fix: string;
  /** A principal as a person reads it ("the management account (111111111111)"); the ARN where unknown. */
  readonly principalName: (type: string, value: string) => string;
}

/** Condition keys by the meaning a reviewer knows them by (keys are lower-cased by normalization). */
const KEY_MEANING: Readonly<Record<string, string>> = {
  'aws:multifactorauthpresent': 'MFA condition',
  'aws:multifactorauthage': 'MFA age limit',
  'aws:principalarn': 'principal ARN restriction',
  'aws:principalorgid': 'organization restriction',
  'aws:principalaccount': 'account restriction',
  'aws:sourceaccount': 'source account restriction',
  'aws:sourcearn': 'source ARN restriction',
  'aws:sourceorgid': 'source organization restriction',
  'sts:externalid': 'external id',
  'sts:rolesessionname': 'session name restriction',
};

const conditionName = (op: string, key: string) => `${KEY_MEANING[key] ? `${KEY_MEANING[key]} (${op} ${key})` : `condition ${op} ${key}`}`;

/** Who a statement is about: its effect, its principals and its actions, without its conditions. */
function subjectKey(s: NormalStatement): string {
  return JSON.stringify([s.Effect, s.Principal, s.NotPrincipal, s.Action, s.NotAction]);
}

function describeWho(s: NormalStatement, name: TrustDriftContext['principalName']): string {
  const principals = Object.entries(s.Principal ?? {}).flatMap(([type, values]) => values.map((v) => name(type, v)));
  const not = Object.entries(s.NotPrincipal ?? {}).flatMap(([type, values]) => values.map((v) => name(type, v)));
  const who = principals.length ? principals.join(', ') : not.length ? `everyone but ${not.join(', ')}` : 'no principal';
  const actions = s.Action ? s.Action.join(', ') : `every action but ${(s.NotAction ?? []).join(', ')}`;
  return `${s.Effect === 'Deny' ? 'denies' : 'trusts'} ${who} (${actions})`;
}

type Conditions = NonNullable<NormalStatement['Condition']>;

/** One sentence per condition key that differs between the live and the synthesized statement. */
function conditionDifferences(live: Conditions, expected: Conditions): string[] {
  const out: string[] = [];
  const pairs = (c: Conditions) => Object.entries(c).flatMap(([op, keys]) => Object.keys(keys).map((key) => `${op}\u0000${key}`));
  for (const pair of [...new Set([...pairs(expected), ...pairs(live)])].sort()) {
    const [op, key] = pair.split('\u0000');
    const want = expected[op]?.[key];
    const have = live[op]?.[key];
    const label = conditionName(op, key);
    if (!have) out.push(`the ${label} is missing`);
    else if (!want) out.push(`it has a ${label} the synthesized policy does not have (${have.join(', ')})`);
    else if (have.join('\u0000') !== want.join('\u0000')) out.push(`the ${label} is ${have.join(', ')}; synthesized ${want.join(', ')}`);
  }
  return out;
}

/** The drift of one policy in words; empty when the two documents are the same to IAM. */
export function explainTrustDrift(live: unknown, expected: unknown, ctx: TrustDriftContext): TrustDrift {
  const { onlyLive, onlyExpected } = diffPolicies(live, expected);
  const words: string[] = [];
  const liveBySubject = new Map<string, NormalStatement[]>();
  for (const s of onlyLive) liveBySubject.set(subjectKey(s), [...(liveBySubject.get(subjectKey(s)) ?? []), s]);
  for (const want of onlyExpected) {
    const candidates = liveBySubject.get(subjectKey(want)) ?? [];
    const have = candidates.shift();
    const who = describeWho(want, ctx.principalName);
    if (!have) {
      words.push(`${ctx.policy}: the statement that ${who} is missing; ${ctx.fix} writes it`);
      continue;
    }
    const differences = conditionDifferences(have.Condition ?? {}, want.Condition ?? {});
    // Same principals, actions and conditions: what is left to differ is the Resource.
    if (!differences.length) differences.push(`the Resource is ${(have.Resource ?? have.NotResource ?? ['(none)']).join(', ')}; synthesized ${(want.Resource ?? want.NotResource ?? ['(none)']).join(', ')}`);
    for (const difference of differences) words.push(`${ctx.policy}: on the statement that ${who}, ${difference}; ${ctx.fix} restores it`);
  }
  for (const extra of [...liveBySubject.values()].flat()) {
    const who = describeWho(extra, ctx.principalName);
    const keep = extra.Effect === 'Allow' ? ' (declare it in trust.principals to keep it)' : '';
    words.push(`${ctx.policy}: a statement that ${who} is not synthesized; ${ctx.fix} removes it${keep}`);
  }
  return { words, onlyLive, onlyExpected };
}
