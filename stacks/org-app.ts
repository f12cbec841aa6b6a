import type { Construct } from 'constructs';
import type { OrgConfig } from '../config/model';
import { terraformLiterals } from '../constructs/terraform-literal';
import { planOrg, type OrgPlan } from '../lock/trust-shards';
import { IdentityStack } from './identity-stack';
import { ManagementStack } from './management-stack';
import { TrustStack } from './trust-stack';

export interface OrgStacks {
  readonly management: ManagementStack;
  readonly identity: IdentityStack;
  readonly trust: ReadonlyMap<string, TrustStack>;
  readonly plan: OrgPlan;
}

/**
 * Adds every stack of the organization to `app`. The caller checks the plan's lock changes first.
 * Config strings become Terraform literals here, once, before any construct sees them.
 */
export function addOrgStacks(app: Construct, config: OrgConfig, plan: OrgPlan = planOrg(config)): OrgStacks {
  const literal = terraformLiterals({ config, plan });
  const history = literal.plan.lock.history;
  const management = new ManagementStack(app, literal.config, history);
  const identity = new IdentityStack(app, literal.config, history);
  const trust = new Map([...literal.plan.stacks].map(([name, accounts]) => [name, new TrustStack(app, name, literal.config, accounts, history)]));
  return { management, identity, trust, plan };
}
