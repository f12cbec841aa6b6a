import { activeAccounts, identityUsers, type Account } from '../../config/model';
import { checkOrgLock, loadOrg, lockFrozen, type LoadedOrg } from '../../lock/load-org';
import { IDENTITY_STACK, MANAGEMENT_STACK } from '../../stacks/stack-names';
import { declaredPrincipalsSummary } from '../declared-principals-summary';
import { configWarnings, stateMigrationWarnings } from '../validate-warnings';
import { dirsWithState } from '../../lock/missing-lock';
import { accountsInManagementState } from '../../lock/management-state';
import { DEFAULT_OUTDIR, localStateDirs } from '../../lock/state-location';
import { count } from '../plural';

/** Checks the config and the lock as synth would, and summarizes what synth will produce. */
export function validateCommand(options: { readonly config: string }, env: NodeJS.ProcessEnv = process.env): string {
  const org = loadOrg(options.config);
  // As synth: frozen mode (CI) refuses a lock that would change, ORG_LOCK_INIT admits a new one.
  checkOrgLock(org, { frozen: lockFrozen(env), outdir: env.CDKTF_OUTDIR, env });
  const allStateDirs = localStateDirs(options.config, env.CDKTF_OUTDIR ?? DEFAULT_OUTDIR);
  const stateDirs = dirsWithState(allStateDirs);
  return renderSummary(org, stateMigrationWarnings(org.config, stateDirs), accountsInManagementState(allStateDirs, MANAGEMENT_STACK));
}

/**
 * `inState`: account keys the management stack's local state holds (undefined: no local
 * state), so that an account an apply created reads "managed", not "create".
 */
function renderSummary({ configPath, config, lockPath, plan }: LoadedOrg, extraWarnings: readonly string[] = [], inState?: ReadonlySet<string>): string {
  const out: string[] = [];
  const members = config.accounts;
  const activeCount = activeAccounts(config).length;
  const all = [config.identityAccount, ...members];
  const managed = (a: Account) => !a.id && inState?.has(a.key) === true;
  const imported = all.filter((a) => a.id).length;
  const inStateCount = all.filter(managed).length;
  out.push(`${configPath}: valid`);
  out.push('');
  out.push(`Organization: management account ${config.organization.managementAccountId}, region ${config.organization.region}, cross-account role ${config.organization.memberRoleName}`);
  out.push(
    `Accounts: ${all.length} (identity + ${count(members.length, 'member')}): ${all.length - imported - inStateCount} to create, ${imported} to import${inStateCount ? `, ${inStateCount} in the management state already` : ''}, ${members.length - activeCount} retired`,
  );
  const describe = (a: Account) => {
    const how = a.id ? `import ${a.id}` : managed(a) ? 'managed, in the management state' : inState ? 'create, not in the management state' : 'create';
    const parts = [a === config.identityAccount ? 'identity account' : undefined, how, a.retired ? 'retired: Terraform forgets it, AWS keeps it' : undefined];
    return `    ${a.name} (${parts.filter(Boolean).join(', ')})`;
  };
  const ous = [{ path: undefined as string | undefined, label: 'Root' }, ...config.organization.organizationalUnits.map((o) => ({ path: o.path, label: o.retired ? `${o.path} (retired: Terraform forgets it, AWS keeps it)` : o.path }))];
  for (const ou of ous) {
    const inOu = all.filter((a) => a.ou === ou.path);
    out.push(`  ${ou.label}${inOu.length ? '' : ' (empty)'}`);
    out.push(...inOu.map(describe));
  }
  out.push('');
  out.push(`Management account: group ${config.management.groupName}, users ${config.management.users.join(', ') || '(none)'}; role ${config.management.createAccountRoleName}`);
  const mfa = config.identity.denyWithoutMfa ? `MFA required${config.identity.mfaMaxAgeSeconds ? `, at most ${config.identity.mfaMaxAgeSeconds} s old` : ''}` : 'MFA NOT required';
  out.push(`Identity account ${config.identityAccount.name}: ${count(config.identity.groups.length, 'group')} (${mfa})`);
  for (const g of config.identity.groups) {
    const reach = [
      g.allAccounts ? `all ${count(activeCount, 'member account')} (by organization)` : '',
      g.ous.length ? `OUs ${g.ous.join(', ')} and below (by organization path)` : '',
      g.namedAccounts.length ? `accounts ${g.namedAccounts.join(', ')}` : '',
    ].filter(Boolean);
    const now = g.ous.length ? `; ${count(g.accounts.length, 'member account')} now: ${g.accounts.join(', ') || 'none'}` : '';
    out.push(`  ${g.name}: users ${g.users.join(', ') || '(none)'}; ${reach.join('; ') || 'accounts (none)'}${now}`);
  }
  const declared = declaredPrincipalsSummary(config);
  if (declared.length) out.push('', ...declared);
  out.push('');
  out.push('Stacks:');
  const managedOus = config.organization.organizationalUnits.filter((o) => !o.retired).length;
  const protections = [
    config.trust.guard && 'the trust guard SCP at the root',
    config.organization.centralRootAccess && 'centralized root access',
    config.management.breakGlass && `break-glass group ${config.management.breakGlass.groupName} (sts:AssumeRoot): ${config.management.breakGlass.users.join(', ')}`,
  ].filter(Boolean);
  out.push(`  ${MANAGEMENT_STACK}: ${count(managedOus, 'OU')}, ${count(all.length, 'account')}, the runbook's group, policies and role, users: ${config.management.users.join(', ') || '(none)'}${protections.map((p) => `; ${p}`).join('')}`);
  out.push(`  ${IDENTITY_STACK}: password policy, ${count(config.identity.groups.length, 'group')}, ${count(identityUsers(config).length, 'user')}`);
  for (const [stack, accounts] of plan.stacks) {
    out.push(`  ${stack}: ${accounts.map((a) => (a.retired ? `${a.name} (retired)` : a.name)).join(', ')}`);
  }
  out.push('');
  out.push(plan.changes.length ? `Lock ${lockPath}: synth will update it:\n${plan.changes.map((c) => `  ${c}`).join('\n')}` : `Lock ${lockPath}: up to date`);
  const warnings = [...configWarnings(config), ...extraWarnings];
  out.push('');
  out.push(warnings.length ? `Warnings (${warnings.length}):\n${warnings.map((w) => `  - ${w}`).join('\n')}` : 'Warnings: none');
  return `${out.join('\n')}\n`;
}
