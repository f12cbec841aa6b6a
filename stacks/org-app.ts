import type { Construct } from 'constructs';
import { activeAccounts, type OrgConfig } from '../config/model';
import { terraformLiterals } from '../constructs/terraform-literal';
import { EMPTY_HISTORY } from '../lock/history';
import { planOrg, type OrgPlan } from '../lock/org-plan';
import { identityMfaRule } from '../policies/mfa-condition';
import { IdentityStack } from './identity-stack';
import { ManagementStack } from './management-stack';
import type { OrgStackProps } from './org-stack';
import { IDENTITY_STACK, MANAGEMENT_STACK } from './stack-names';
import { TrustStack } from './trust-stack';

export interface OrgStacks {
  readonly management: ManagementStack;
  readonly identity: IdentityStack;
  readonly trust: ReadonlyMap<string, TrustStack>;
  readonly plan: OrgPlan;
}

/**
 * Adds every stack of the organization to `app`. The caller checks the plan's lock changes first.
 * Config strings become Terraform literals here, once, before any construct sees them; each
 * stack is given the parts of the config it uses.
 */
export function addOrgStacks(app: Construct, config: OrgConfig, plan: OrgPlan = planOrg(config)): OrgStacks {
  const literal = terraformLiterals({ config, plan });
  const { organization, identityAccount, backend } = literal.config;
  const history = literal.plan.lock.history ?? EMPTY_HISTORY;
  const { memberRoleName, managementAccountId, region } = organization;
  const awsProviderVersion = literal.config.terraform.awsProviderVersion;
  const common: OrgStackProps = { backend, awsProviderVersion, region, memberRoleName, identityAccount };
  const { groupName, createAccountRoleName, users, passwordPolicy, breakGlass } = literal.config.management;
  const management = new ManagementStack(app, MANAGEMENT_STACK, {
    ...common,
    managementAccountId,
    organizationId: organization.id,
    organizationalUnits: organization.organizationalUnits,
    accounts: literal.config.accounts,
    groupName,
    createAccountRoleName,
    users,
    passwordPolicy,
    breakGlass,
    history,
    trustGuard: literal.config.trust.guard,
    centralRootAccess: organization.centralRootAccess,
  });
  const identity = new IdentityStack(app, IDENTITY_STACK, {
    ...common,
    members: activeAccounts(literal.config),
    identity: literal.config.identity,
    managementAccountId,
    organizationId: organization.id,
    organizationalUnits: organization.organizationalUnits,
    retired: literal.config.accounts.filter((a) => a.retired),
    forgottenAccountIds: history.forgottenAccounts.flatMap((f) => (f.accountId ? [f.accountId] : [])),
  });
  const mfaRule = identityMfaRule(literal.config.identity);
  const { principals } = literal.config.trust;
  const accountsByName = new Map([literal.config.identityAccount, ...literal.config.accounts].map((a) => [a.name, a]));
  const trust = new Map(
    [...literal.plan.stacks].map(([name, accounts]) => {
      const moves = history.accountMoves.filter((m) => m.stack === name);
      const forgotten = history.forgottenAccounts.filter((f) => f.stack === name);
      return [name, new TrustStack(app, name, { ...common, managementAccountId, identityMfaRule: mfaRule, accounts, moves, forgotten, principals, accountsByName, runnerSessionGuard: config.trust.guard })];
    }),
  );
  return { management, identity, trust, plan };
}
