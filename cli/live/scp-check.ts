import { actionMatches, conditionsHold, resourceMatches, type Statement } from '../../access/policy-eval';
import { RUNNER_SESSION_NAME } from '../../policies/runner-session';

/** The calls an apply of a trust stack makes on the member role, besides AssumeRole itself. */
export const TRUST_REWRITE_ACTIONS = ['iam:GetRole', 'iam:UpdateAssumeRolePolicy'] as const;

export interface ScpRequest {
  readonly action: string;
  /** The role's ARN. */
  readonly resource: string;
  /** Condition keys whose values are known for the runner's call, lower-case names. */
  readonly context: Readonly<Record<string, string>>;
}

export interface ScpFinding {
  readonly action: string;
  readonly sid?: string;
  /** 'denies': every condition holds (or there is none); 'may-deny': the listed conditions cannot be decided here. */
  readonly outcome: 'denies' | 'may-deny';
  readonly undecided: readonly string[];
}

/** SCPs may leave Resource out; it then means every resource. */
const scpResourceMatches = (s: Statement, resource: string): boolean =>
  (s.Resource === undefined && s.NotResource === undefined) || resourceMatches(s, resource);

/**
 * Whether the Deny statements of one service control policy block `request`: a static
 * check of Action/NotAction (wildcards, any case), Resource/NotResource and those
 * conditions whose keys are known for the runner's call (aws:PrincipalArn,
 * aws:PrincipalAccount, ...). A condition on any other key, or with an operator the
 * evaluator does not know, is reported as undecided rather than guessed.
 */
export function scpFindings(document: unknown, request: ScpRequest): ScpFinding[] {
  const raw = (document as { Statement?: unknown } | null)?.Statement;
  const statements = (Array.isArray(raw) ? raw : raw ? [raw] : []) as Statement[];
  const findings: ScpFinding[] = [];
  for (const s of statements) {
    if (s.Effect !== 'Deny' || !actionMatches(s, request.action) || !scpResourceMatches(s, request.resource)) continue;
    const undecided: string[] = [];
    let holds = true;
    for (const [operator, entries] of Object.entries(s.Condition ?? {})) {
      for (const [key, values] of Object.entries(entries)) {
        const label = `${operator} ${key}`;
        if (request.context[key.toLowerCase()] === undefined || !decidableWithoutRoleId(key, values)) {
          undecided.push(label);
          continue;
        }
        try {
          if (!conditionsHold({ Effect: 'Deny', Condition: { [operator]: { [key]: values } } }, request.context)) holds = false;
        } catch {
          undecided.push(label);
        }
      }
    }
    if (!holds) continue;
    findings.push({ action: request.action, sid: s.Sid, outcome: undecided.length ? 'may-deny' : 'denies', undecided });
  }
  return findings;
}

/**
 * Whether one policy of an allow-list level (an SCP or RCP attached at the root, an OU or the
 * account) allows `request`: 'allows' by an Allow statement without conditions, 'maybe' by one
 * with conditions (not evaluated here), 'no' otherwise. At every level some attached policy
 * must allow the call, or it is denied (AWS Organizations User Guide, "SCP evaluation").
 */
export function policyAllows(document: unknown, request: ScpRequest): 'allows' | 'maybe' | 'no' {
  const raw = (document as { Statement?: unknown } | null)?.Statement;
  const statements = (Array.isArray(raw) ? raw : raw ? [raw] : []) as Statement[];
  const matching = statements.filter((s) => s.Effect === 'Allow' && actionMatches(s, request.action) && scpResourceMatches(s, request.resource));
  if (matching.some((s) => s.Condition === undefined)) return 'allows';
  return matching.length ? 'maybe' : 'no';
}

/**
 * The runner's aws:userid is "ROLE-ID:org-trust"; the role's unique id is not known here, so a
 * pattern is decided only when it matches any id alike (it starts with "*", as the guard's does).
 */
const USERID_ROLE_ID = 'AROAUNKNOWNROLEID0000';
function decidableWithoutRoleId(key: string, values: unknown): boolean {
  return key.toLowerCase() !== 'aws:userid' || [values].flat().every((v) => typeof v === 'string' && v.startsWith('*'));
}

/** What is known about the runner's calls in a member account: it acts as the cross-account role there, in the runner's session. */
export function runnerContext(props: { accountId: string; memberRoleName: string; organizationId: string }): Record<string, string> {
  return {
    'aws:userid': `${USERID_ROLE_ID}:${RUNNER_SESSION_NAME}`,
    'aws:principalarn': `arn:aws:iam::${props.accountId}:role/${props.memberRoleName}`,
    'aws:principalaccount': props.accountId,
    'aws:principalorgid': props.organizationId,
    'aws:principaltype': 'AssumedRole',
    'aws:resourceaccount': props.accountId,
    'aws:resourceorgid': props.organizationId,
    // IAM is a global service served from us-east-1.
    'aws:requestedregion': 'us-east-1',
  };
}
