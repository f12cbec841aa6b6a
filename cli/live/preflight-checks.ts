import { GetServiceQuotaCommand } from '@aws-sdk/client-service-quotas';
import { blocks, notChecked, ok, warning, type Finding } from './findings';
import type { LiveAccount } from './live-organization';
import { trustKeepsManagementRoot } from './management-root';
import { narrowedPrincipals } from './narrowed-principals';
import { narrowingFinding } from './narrowing-finding';
import { invitedAccountFix } from './invited-account-fix';
import type { LiveContext, MatchedAccount } from './live-context';
import { readMemberRole } from './member-role';
import { droppedPrincipals } from './policy-normalize';
import { providerFindings } from './provider-check';
import { mapPool } from './pool';
import { Progress } from './progress';
import { ScpReader } from './scp-reader';
import { guardPreflightFindings } from './guard-checks';
import { organizationPolicyFindings } from './organization-policy-findings';
import { toAwsCallError } from './aws-error';

/** Organizations' "Default maximum number of accounts" quota, and AWS's default for it. */
const ACCOUNT_QUOTA = { serviceCode: 'organizations', quotaCode: 'L-29A0C5DF', awsDefault: 10 } as const;
const SESSION = 'org-trust-preflight';

export function featureSetFindings(org: Pick<LiveContext['org'], 'id' | 'featureSet'>): Finding[] {
  return org.featureSet === 'ALL'
    ? [ok('features', `organization ${org.id} has all features enabled`)]
    : [blocks('features', `organization ${org.id} has feature set ${org.featureSet}: enable all features (Organizations console, Settings) so that SCPs and account management work`)];
}

/** The configured account against the organization's: id, status, name, email, OU. */
export function accountFindings(ctx: LiveContext, m: MatchedAccount): Finding[] {
  const { account, live } = m;
  const f = (finding: (c: string, msg: string, a?: string) => Finding, msg: string) => finding('account', msg, account.name);
  if (!live && account.id) return [f(blocks, `account ${account.id} is not in organization ${ctx.org.id}: check the id, or invite the account`)];
  const twin = account.id ? undefined : (live ?? ctx.liveByName.get(account.name));
  if (twin) {
    const adopted = existingAccountFinding(ctx, m, twin);
    if (adopted) return [adopted];
  }
  if (!live) return [f(ok, `no account with email ${account.email} or name "${account.name}" yet: the management stack will create it`)];
  if (live.id === ctx.org.managementAccountId) return [f(blocks, `${live.id} is the management account; it cannot be listed as ${m.isIdentity ? 'the identity account' : 'a member'}`)];
  const out: Finding[] = [];
  if (live.status !== 'ACTIVE') out.push(f(blocks, `account ${live.id} is ${live.status}, not ACTIVE`));
  if (live.email.toLowerCase() !== account.email.toLowerCase()) out.push(f(blocks, `account ${live.id} has email ${live.email}, the config says ${account.email}: the apply would try to change it (Organizations cannot)`));
  if (live.name !== account.name) out.push(f(warning, `account ${live.id} is named "${live.name}" in the organization; the apply renames it to "${account.name}"`));
  if ((live.ou ?? '') !== (account.ou ?? '')) out.push(f(warning, `account ${live.id} is in ${live.ou ?? 'the root'}; the apply moves it to ${account.ou ?? 'the root'}`));
  if (!out.length) out.push(f(ok, `${live.id} exists, ACTIVE, with the configured email and OU${account.id ? '' : ' (found by email)'}`));
  return out;
}

/**
 * A configured account without an id that the organization already holds (same email, or same
 * name): the apply creates it again unless the management state already holds it (CreateAccount
 * then fails part-way through the apply). Undefined when the state holds it.
 */
function existingAccountFinding(ctx: LiveContext, m: MatchedAccount, live: LiveAccount): Finding | undefined {
  if (ctx.accountsInState?.has(m.account.key)) return undefined;
  const field = m.isIdentity ? 'identityAccount.id' : `the id of account "${m.account.name}"`;
  const how = live.email.toLowerCase() === m.account.email.toLowerCase() ? `email ${live.email}` : `name "${live.name}" (email ${live.email})`;
  const fix = `add id: "${live.id}" as ${field} so that the apply imports it (or run org-trust discover)`;
  if (ctx.accountsInState === undefined && ctx.config.backend.type !== 'local') {
    return notChecked('account', `the organization holds account ${live.id} with ${how}, the config gives no id, and the ${ctx.config.backend.type} state cannot be read from here: if no apply has created it, the apply would try to create it again; ${fix}`, m.account.name);
  }
  return blocks('account', `the organization already holds account ${live.id} with ${how}, but the config gives no id and no management state holds it: the apply would try to create it again (CreateAccount fails part-way); ${fix}`, m.account.name);
}

/** Reads the role in the account as the runner; for members, compares its trust with the synthesized one and checks SCPs. */
async function roleFindings(ctx: LiveContext, m: MatchedAccount, scps: ScpReader): Promise<Finding[]> {
  const { account, live, id } = m;
  if (!live || !id || live.status !== 'ACTIVE' || id === ctx.org.managementAccountId) return [];
  const memberRoleName = ctx.config.organization.memberRoleName;
  const out: Finding[] = [];
  const read = await readMemberRole(ctx.clients, id, memberRoleName, SESSION);
  if (!read.ok) {
    out.push(blocks('role', `cannot assume and read ${memberRoleName} in ${id}: ${read.error.message}. ${invitedAccountFix({ accountId: id, memberRoleName, managementAccountId: ctx.org.managementAccountId })}`, account.name));
  } else {
    out.push(ok('role', `the runner assumes and reads ${memberRoleName}`, account.name));
    const expected = m.isIdentity ? undefined : ctx.synthesized.memberTrust(account)?.document;
    if (!m.isIdentity && expected === undefined) out.push(warning('trust', 'no trust stack manages this role in the synthesized JSON: run synth', account.name));
    if (expected !== undefined && !trustKeepsManagementRoot(expected, ctx.org.managementAccountId)) {
      out.push(blocks('trust', `the synthesized trust of ${memberRoleName} does not let arn:aws:iam::${ctx.org.managementAccountId}:root assume it unconditionally: the apply would lock the management account (and Terraform) out; synthesize again with this version of org-trust and do not edit cdktf.out by hand`, account.name));
    }
    if (expected !== undefined) {
      const dropped = droppedPrincipals(read.trustPolicy, expected);
      out.push(droppedFinding(dropped, account.name));
      const identityRoot = `arn:aws:iam::${ctx.accounts.find((a) => a.isIdentity)?.id ?? ''}:root`;
      out.push(...narrowedPrincipals(read.trustPolicy, expected).map((n) => narrowingFinding(n, identityRoot, account.name)));
    }
    if (!m.isIdentity) out.push(...(await providerFindings(ctx, m, SESSION)));
  }
  if (!m.isIdentity) {
    out.push(...(await organizationPolicyFindings(ctx, m, scps, 'SERVICE_CONTROL_POLICY')), ...(await organizationPolicyFindings(ctx, m, scps, 'RESOURCE_CONTROL_POLICY')));
  }
  return out;
}

export async function memberFindings(ctx: LiveContext, concurrency: number, quiet?: boolean): Promise<Finding[]> {
  const scps = new ScpReader(ctx.clients.organizations, ctx.org);
  const guard = await guardPreflightFindings(ctx, scps);
  const progress = new Progress('preflight accounts', ctx.accounts.length, process.stderr, quiet);
  const perAccount = await mapPool(ctx.accounts, concurrency, async (m) => [...accountFindings(ctx, m), ...(await roleFindings(ctx, m, scps))], progress.tick);
  return [...guard, ...perAccount.flat()];
}

/** The account quota against the accounts there will be. Service Quotas may not answer (no permission, or an emulator without it). */
export async function quotaFindings(ctx: LiveContext): Promise<Finding[]> {
  const toCreate = ctx.accounts.filter((m) => !m.live && !m.account.id).length;
  const total = ctx.org.accounts.length + toCreate;
  const counts = `${ctx.org.accounts.length} accounts in the organization (closed ones count until removed) + ${toCreate} to create = ${total}`;
  let quota: number | undefined;
  let why = '';
  try {
    const { Quota } = await ctx.clients.serviceQuotas.send(new GetServiceQuotaCommand({ ServiceCode: ACCOUNT_QUOTA.serviceCode, QuotaCode: ACCOUNT_QUOTA.quotaCode }));
    quota = Quota?.Value;
  } catch (e) {
    why = toAwsCallError('servicequotas:GetServiceQuota', e, `${ACCOUNT_QUOTA.serviceCode} ${ACCOUNT_QUOTA.quotaCode}`).message;
  }
  if (quota !== undefined) {
    return total > quota
      ? [blocks('quota', `${counts}, over the quota of ${quota} accounts: ask for more in Service Quotas (AWS Organizations, "Default maximum number of accounts") before the apply`)]
      : [ok('quota', `${counts}, within the quota of ${quota}`)];
  }
  const known = Math.max(ctx.org.accounts.length, ACCOUNT_QUOTA.awsDefault);
  if (!toCreate) return [ok('quota', `no account to create, so the quota does not matter (${counts}; it could not be read: ${why})`)];
  if (total <= known) return [ok('quota', `${counts}, within the ${known} accounts the quota is at least (it could not be read: ${why})`)];
  return [notChecked('quota', `could not read the account quota (${why}); ${counts}, more than the ${known} it is known to allow: check it in Service Quotas before the apply`)];
}

/** Principals of the live trust that the synthesized one does not admit: the apply drops them. */
export function droppedFinding(dropped: readonly string[], account: string): Finding {
  return dropped.length
    ? warning('trust', `the apply would drop ${dropped.length} principal(s) from the trust policy: ${dropped.join(', ')} (add them elsewhere first if something still needs them)`, account)
    : ok('trust', 'the apply drops no principal from the trust policy', account);
}
