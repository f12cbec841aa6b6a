import type { DeclaredPrincipal } from '../../../config/declared-principals';
import { narrowedPrincipals } from '../../../cli/live/narrowed-principals';
import { narrowingFinding } from '../../../cli/live/narrowing-finding';
import { diffPolicies, droppedPrincipals } from '../../../cli/live/policy-normalize';
import { explainTrustDrift } from '../../../cli/live/trust-drift';
import { memberTrustJson } from '../../helpers/member-trust';

const MANAGEMENT = '111111111111';
const IDENTITY = '222222222222';
const MEMBER = '333333333333';
const scope = { organization: true } as const;

/** One declaration of every kind, as the config model holds them. */
const DECLARED: readonly DeclaredPrincipal[] = [
  { kind: 'aws', name: 'BreakGlass', scope, arn: 'arn:aws:iam::444444444444:role/breakglass', human: true },
  { kind: 'aws', name: 'Ci', scope, arn: 'arn:aws:iam::444444444444:role/ci', human: false },
  { kind: 'oidc', name: 'Actions', scope, provider: 'token.actions.githubusercontent.com', audiences: ['sts.amazonaws.com'], subjects: ['repo:acme/infra:ref:refs/heads/main'] },
  { kind: 'saml', name: 'Okta', scope, provider: 'okta', audiences: ['https://signin.aws.amazon.com/saml'] },
  { kind: 'service', name: 'Backup', scope, service: 'backup.amazonaws.com', sourceAccounts: ['self'], sourceArns: [] },
  { kind: 'identityCenter', name: 'Admins', scope, permissionSet: 'AdministratorAccess', account: 'self' },
];

const expectedTrust = () => memberTrustJson({ management: MANAGEMENT, identity: IDENTITY, member: MEMBER }, DECLARED);

const names = (type: string, value: string) => (value === `arn:aws:iam::${MANAGEMENT}:root` ? `the management account (${MANAGEMENT})` : value === `arn:aws:iam::${IDENTITY}:root` ? `the identity account IAM (${IDENTITY})` : `${type} ${value}`);
const explain = (live: unknown, expected: unknown) => explainTrustDrift(live, expected, { policy: 'trust policy of OrganizationAccountAccessRole', fix: 'apply trust-3', principalName: names });

/** Every single-edit variant of a statement that someone with iam:UpdateAssumeRolePolicy could make. */
function editsOf(statement: Record<string, any>): { what: string; edited: Record<string, any> | undefined }[] {
  const edits: { what: string; edited: Record<string, any> | undefined }[] = [{ what: 'deleted', edited: undefined }];
  for (const [op, keys] of Object.entries((statement.Condition ?? {}) as Record<string, Record<string, unknown>>)) {
    for (const key of Object.keys(keys)) {
      const { [key]: _dropped, ...rest } = keys;
      const Condition = { ...statement.Condition, [op]: rest };
      if (!Object.keys(rest).length) delete Condition[op];
      edits.push({ what: `without ${op} ${key}`, edited: { ...statement, Condition } });
      edits.push({ what: `${op} ${key} changed`, edited: { ...statement, Condition: { ...statement.Condition, [op]: { ...keys, [key]: 'changed-by-hand' } } } });
    }
  }
  edits.push({ what: 'a condition added', edited: { ...statement, Condition: { ...(statement.Condition ?? {}), StringEquals: { ...(statement.Condition?.StringEquals ?? {}), 'sts:ExternalId': 'added' } } } });
  edits.push({ what: 'an action added', edited: { ...statement, Action: [statement.Action, 'sts:TagSession'].flat() } });
  return edits;
}

describe('trust drift in words', () => {
  const expected = expectedTrust();
  const cases = expected.Statement.flatMap((statement, i) => editsOf(statement).map((e) => ({ sid: statement.Sid as string, i, ...e })));

  it.each(cases.map((c) => [c.sid, c.what, c]))('%s %s: words exactly when the statements differ, each with the fix, and the exact statements kept', (_sid, _what, c) => {
    const live = { ...expected, Statement: expected.Statement.flatMap((s, j) => (j === c.i ? (c.edited ? [c.edited] : []) : [s])) };
    const drift = explain(live, expected);
    const diff = diffPolicies(live, expected);
    expect(drift.words.length > 0).toBe(diff.onlyLive.length + diff.onlyExpected.length > 0);
    expect(drift.onlyLive).toEqual(diff.onlyLive);
    expect(drift.onlyExpected).toEqual(diff.onlyExpected);
    for (const w of drift.words) expect(w).toMatch(/^trust policy of OrganizationAccountAccessRole: .*apply trust-3 (writes|restores|removes) it/);
    // Words, not JSON: a reader never compares two blobs by eye.
    for (const w of drift.words) expect(w).not.toMatch(/[{}]/);
  });

  it('says "MFA condition missing on the identity statement" in those words', () => {
    const live = structuredClone(expected);
    delete live.Statement[1].Condition.Bool;
    expect(explain(live, expected).words).toEqual([
      `trust policy of OrganizationAccountAccessRole: on the statement that trusts the identity account IAM (${IDENTITY}) (sts:assumerole), the MFA condition (Bool aws:multifactorauthpresent) is missing; apply trust-3 restores it`,
    ]);
  });

  it('names a hand-added principal, and says how to keep it', () => {
    const live = { ...expected, Statement: [...expected.Statement, { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 'sts:AssumeRole' }] };
    expect(explain(live, expected).words).toEqual([
      'trust policy of OrganizationAccountAccessRole: a statement that trusts AWS arn:aws:iam::999999999999:root (sts:assumerole) is not synthesized; apply trust-3 removes it (declare it in trust.principals to keep it)',
    ]);
  });

  it('is silent when the documents are the same to IAM (order, Sid, one-element lists)', () => {
    const live = { ...expected, Statement: [...expected.Statement].reverse().map(({ Sid: _sid, ...s }) => s) };
    expect(explain(live, expected).words).toEqual([]);
  });
});

/** Strips every condition but the one that names the principal: how a hand-made trust usually looks. */
function unconditioned(statement: Record<string, any>): Record<string, any> {
  const arn = statement.Condition?.ArnEquals?.['aws:PrincipalArn'];
  if (arn) return { Effect: 'Allow', Principal: { AWS: arn }, Action: statement.Action };
  const { Condition: _c, ...rest } = statement;
  return rest;
}

describe('preflight: principals the apply keeps but narrows', () => {
  const expected = expectedTrust();
  const conditioned = expected.Statement.filter((s) => s.Condition && Object.keys(s.Condition).some((op) => Object.keys(s.Condition[op]).some((k) => k !== 'aws:PrincipalArn')));

  it.each(conditioned.map((s) => [s.Sid, s]))('%s trusted today without its conditions: a warning naming what the apply adds', (_sid, statement) => {
    const live = { ...expected, Statement: expected.Statement.map((s) => (s === statement ? unconditioned(statement) : s)) };
    const narrowed = narrowedPrincipals(live, expected);
    expect(narrowed).toHaveLength(1);
    expect(droppedPrincipals(live, expected)).toEqual([]);
    const liveRoot = /:root$/.test(String(unconditioned(statement).Principal.AWS ?? ''));
    // aws:PrincipalArn picks a role out of its account's root; it narrows only an account trusted whole.
    const routingOnly = (k: string) => k === 'aws:PrincipalArn' && !liveRoot;
    const wanted = Object.entries(statement.Condition as Record<string, Record<string, unknown>>).flatMap(([op, keys]) => Object.keys(keys).filter((k) => !routingOnly(k)).map((k) => `${op} ${k.toLowerCase()}`));
    expect(narrowed[0].added.map((t) => t.split(' = ')[0]).sort()).toEqual(wanted.sort());
    const finding = narrowingFinding(narrowed[0], `arn:aws:iam::${IDENTITY}:root`, 'ACCOUNT01');
    expect(finding.severity).toBe('warning');
    expect(finding.message).toMatch(/^the apply keeps .* but adds .*: a session without (it|them) is refused after the apply; .*/);
  });

  it('a break-glass role without MFA today: says to declare it human: false to keep it as it is', () => {
    const breakGlass = expected.Statement.find((s) => s.Sid === 'BreakGlass')!;
    const live = { ...expected, Statement: expected.Statement.map((s) => (s === breakGlass ? unconditioned(s) : s)) };
    const [n] = narrowedPrincipals(live, expected);
    expect(n).toEqual({ principal: 'AWS arn:aws:iam::444444444444:role/breakglass', added: ['Bool aws:multifactorauthpresent = true'] });
    expect(narrowingFinding(n, `arn:aws:iam::${IDENTITY}:root`, 'A').message).toContain('declare it with human: false');
  });

  it('nothing narrows when the live trust is the synthesized one, or stricter', () => {
    expect(narrowedPrincipals(expected, expected)).toEqual([]);
    const stricter = { ...expected, Statement: expected.Statement.map((s) => ({ ...s, Condition: { ...(s.Condition ?? {}), Bool: { ...(s.Condition?.Bool ?? {}), 'aws:SecureTransport': 'true' } } })) };
    expect(narrowedPrincipals(stricter, expected)).toEqual([]);
  });

  it('a principal trusted twice, once without MFA, is narrowed (its loosest way in counts)', () => {
    const breakGlass = expected.Statement.find((s) => s.Sid === 'BreakGlass')!;
    const live = { ...expected, Statement: [...expected.Statement, unconditioned(breakGlass)] };
    expect(narrowedPrincipals(live, expected).map((n) => n.principal)).toEqual(['AWS arn:aws:iam::444444444444:role/breakglass']);
  });

  it('a principal the apply drops is reported as dropped, not as narrowed', () => {
    const live = { ...expected, Statement: [...expected.Statement, { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:role/x' }, Action: 'sts:AssumeRole' }] };
    expect(narrowedPrincipals(live, expected)).toEqual([]);
    expect(droppedPrincipals(live, expected)).toEqual(['AWS arn:aws:iam::999999999999:role/x']);
  });
});
