import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { preflightVerdict, shownFindings } from '../../cli/commands/preflight';
import { verifyLines, verifyVerdict } from '../../cli/commands/verify';
import { commandOutput } from '../../cli/live/command-result';
import { namePrincipals } from '../../cli/live/drift-context';
import { renderFindings } from '../../cli/live/findings';
import { GRANT_FIXES, grantDrift } from '../../cli/live/live-grants';
import { narrowedPrincipals } from '../../cli/live/narrowed-principals';
import { narrowingFinding } from '../../cli/live/narrowing-finding';
import { droppedPrincipals } from '../../cli/live/policy-normalize';
import { droppedFinding, featureSetFindings } from '../../cli/live/preflight-checks';
import { explainTrustDrift } from '../../cli/live/trust-drift';
import type { AccountDrift } from '../../cli/live/verify-checks';
import { memberTrustJson } from '../helpers/member-trust';

/**
 * The examples of docs/live-commands.md are the live commands' own renderers and findings,
 * fed a live state written out here (the e2e suite produces the same lines against the
 * emulator). UPDATE_DOCS=1 rewrites the blocks.
 */
const DOC = join(__dirname, '..', '..', 'docs', 'live-commands.md');
const ROLE = 'OrganizationAccountAccessRole';
const [MANAGEMENT, IDENTITY, ACCOUNT01, ACCOUNT02] = ['111111111111', '222222222222', '333333333333', '444444444444'];
const BREAK_GLASS = 'arn:aws:iam::555555555555:role/break-glass';
const AUDITOR = 'arn:aws:iam::999999999999:root';
const MEMBERS = Array.from({ length: 25 }, (_, i) => `ACCOUNT${String(i + 1).padStart(2, '0')}`);

const trust = (withBreakGlass: boolean) =>
  memberTrustJson(
    { management: MANAGEMENT, identity: IDENTITY, member: ACCOUNT02 },
    withBreakGlass ? [{ kind: 'aws', name: 'BreakGlass', scope: { accounts: ['ACCOUNT02'] }, arn: BREAK_GLASS, human: true }] : [],
  );

/** The ```text block after `marker`. */
function block(doc: string, marker: string): { start: number; end: number; text: string } {
  const at = doc.indexOf(marker);
  if (at < 0) throw new Error(`docs/live-commands.md has no "${marker}"`);
  const start = doc.indexOf('```text\n', at) + '```text\n'.length;
  const end = doc.indexOf('```', start);
  return { start, end, text: doc.slice(start, end) };
}

function expectBlock(marker: string, produced: string): void {
  const doc = readFileSync(DOC, 'utf8');
  const { start, end, text } = block(doc, marker);
  if (process.env.UPDATE_DOCS === '1') writeFileSync(DOC, doc.slice(0, start) + produced + doc.slice(end));
  else expect(text).toBe(produced);
}

describe('docs/live-commands.md examples are the code output', () => {
  it('verify: trust drift in words, an identity-side grant, the management group', () => {
    const expected = trust(false);
    const live = structuredClone(expected);
    delete live.Statement[1].Condition.Bool;
    const words = explainTrustDrift(live, expected, {
      policy: `trust policy of ${ROLE}`,
      fix: 'apply trust-1',
      principalName: namePrincipals(MANAGEMENT, [{ id: IDENTITY, name: 'IAM', isIdentity: true }]),
    }).words;
    const accounts: AccountDrift[] = [
      { account: 'Billing', kind: 'management', id: MANAGEMENT, drift: ['group crossaccount-admins: members intruder, user1; synthesized user1'] },
      { account: 'IAM', kind: 'identity', id: IDENTITY, drift: [grantDrift('user alice', 'attached policy AdministratorAccess (arn:aws:iam::aws:policy/AdministratorAccess)', MEMBERS, ROLE, GRANT_FIXES.userAttached('alice'))] },
      { account: 'ACCOUNT01', kind: 'member', id: ACCOUNT01, drift: words },
      ...MEMBERS.slice(1).map((name, i) => ({ account: name, kind: 'member' as const, id: String(400000000000 + i), drift: [] })),
    ];
    const { drifted, summary } = verifyVerdict(accounts, 'o-example123');
    expectBlock('Example (verify, text):', commandOutput({ exitCode: 1, lines: verifyLines('Verify of org.yaml against organization o-example123', drifted, summary) }));
  });

  it('preflight: a dropped principal, a narrowed one', () => {
    const live01 = { ...trust(false), Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MANAGEMENT}:root` }, Action: 'sts:AssumeRole' }, { Effect: 'Allow', Principal: { AWS: AUDITOR }, Action: 'sts:AssumeRole' }] };
    const live02 = { ...trust(false), Statement: [{ Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${MANAGEMENT}:root`, BREAK_GLASS] }, Action: 'sts:AssumeRole' }] };
    const findings = [
      ...featureSetFindings({ id: 'o-example123', featureSet: 'ALL' }),
      droppedFinding(droppedPrincipals(live01, trust(false)), 'ACCOUNT01'),
      ...narrowedPrincipals(live02, trust(true)).map((n) => narrowingFinding(n, `arn:aws:iam::${IDENTITY}:root`, 'ACCOUNT02')),
    ];
    const { summary } = preflightVerdict(findings, 26, 'o-example123');
    expectBlock('Example (preflight, text):', commandOutput({ exitCode: 0, lines: renderFindings('Preflight of org.yaml against organization o-example123', shownFindings(findings), summary) }));
  });
});
