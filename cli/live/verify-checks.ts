import type { IAMClient } from '@aws-sdk/client-iam';
import { AwsCallError } from './aws-error';
import { groupDrift, policyDocument } from './group-drift';
import type { LiveContext, MatchedAccount } from './live-context';
import { unsynthesizedGrants } from './live-grants';
import { readMemberRole } from './member-role';
import { mapPool } from './pool';
import { Progress } from './progress';
import { explainTrustDrift } from './trust-drift';
import { memberRoleArns, principalNamer, synthesizedPeople } from './drift-context';
import type { NormalStatement } from './policy-normalize';
import { managementDrift } from './management-drift';

const SESSION = 'org-trust-verify';

export interface AccountDrift {
  /** The account's name (the live name for the management account). */
  readonly account: string;
  readonly kind: 'management' | 'identity' | 'member';
  readonly id?: string;
  /** Each drift in words, with its fix. */
  readonly drift: readonly string[];
  /** The exact statements of a trust policy that differ (JSON output), where the trust drifted. */
  readonly trust?: { readonly stack: string; readonly onlyLive: readonly NormalStatement[]; readonly onlyExpected: readonly NormalStatement[] };
}

/** OU and trust policy of one member (or the OU of the identity account) against config and synthesized JSON. */
async function accountDrift(ctx: LiveContext, m: MatchedAccount): Promise<Pick<AccountDrift, 'drift' | 'trust'>> {
  const { account, live, id } = m;
  if (!live || !id) return { drift: [`not in organization ${ctx.org.id}${account.id ? ` (configured id ${account.id})` : ` (no account with email ${account.email})`}`] };
  const drift: string[] = [];
  if (live.status !== 'ACTIVE') drift.push(`status ${live.status}`);
  if ((live.ou ?? '') !== (account.ou ?? '')) drift.push(`in ${live.ou ? `OU ${live.ou}` : 'the root'}; the config says ${account.ou ? `OU ${account.ou}` : 'the root'}; apply the management stack to move it back`);
  if (m.isIdentity) return { drift };
  const memberRoleName = ctx.config.organization.memberRoleName;
  const expected = ctx.synthesized.memberTrust(account);
  if (expected === undefined) return { drift: [...drift, 'no trust stack manages its role in the synthesized JSON: run synth'] };
  const read = await readMemberRole(ctx.clients, id, memberRoleName, SESSION);
  if (!read.ok) return { drift: [...drift, `role ${memberRoleName} cannot be read: ${read.error.message}`] };
  const trust = explainTrustDrift(read.trustPolicy, expected.document, { policy: `trust policy of ${memberRoleName}`, fix: `apply ${expected.stack}`, principalName: principalNamer(ctx) });
  if (!trust.words.length) return { drift };
  return { drift: [...drift, ...trust.words], trust: { stack: expected.stack, onlyLive: trust.onlyLive, onlyExpected: trust.onlyExpected } };
}

/** Identity groups as synthesized against the identity account, and every grant there that the synth does not hold. */
async function identityDrift(ctx: LiveContext, m: MatchedAccount): Promise<string[]> {
  if (!m.id) return [];
  const memberRoleName = ctx.config.organization.memberRoleName;
  let iam: IAMClient;
  try {
    iam = await ctx.clients.iamIn(m.id, memberRoleName, SESSION);
  } catch (e) {
    if (e instanceof AwsCallError) return [`cannot enter the identity account: ${e.message}`];
    throw e;
  }
  const groups = ctx.synthesized.identityGroups();
  return [...(await groupDrift(iam, groups)), ...(await unsynthesizedGrants(iam, synthesizedPeople(groups), memberRoleArns(ctx), memberRoleName, (arn) => policyDocument(iam, arn)))];
}

export async function verifyDrift(ctx: LiveContext, concurrency: number, quiet?: boolean): Promise<AccountDrift[]> {
  const progress = new Progress('verify accounts', ctx.accounts.length, process.stderr, quiet);
  const members = await mapPool(
    ctx.accounts,
    concurrency,
    async (m) => {
      const found = await accountDrift(ctx, m);
      const drift = m.isIdentity ? [...found.drift, ...(await identityDrift(ctx, m))] : found.drift;
      return { account: m.account.name, kind: m.isIdentity ? ('identity' as const) : ('member' as const), id: m.id, ...found, drift };
    },
    progress.tick,
  );
  const managementId = ctx.org.managementAccountId;
  const managementName = ctx.org.accounts.find((a) => a.id === managementId)?.name ?? managementId;
  return [{ account: managementName, kind: 'management', id: managementId, drift: await managementDrift(ctx) }, ...members];
}
