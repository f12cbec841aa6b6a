import type { Account, OrganizationalUnit } from '../../config/model';
import type { LiveOrganization, LiveOu } from './live-organization';
import { memberRoleNames } from '../../constructs/member-role-trust';
import { IDENTITY_STACK, isTrustStackName, MANAGEMENT_STACK, ORGANIZATION_ID_OUTPUT } from '../../stacks/stack-names';
import { CliError } from '../../errors/user-errors';
import type { StackJson } from '../../access/synth-output';

/**
 * What the apply will write, read from the synthesized JSON (not rebuilt from the config),
 * with its Terraform references resolved to live values: account ids from the management
 * stack's `account_ids` output become the ids the organization has, resource names become
 * the names they were given. Escaped IAM variables ("$${aws:username}") read as IAM sees them.
 */
export class SynthesizedPolicies {
  constructor(
    private readonly stacks: Readonly<Record<string, StackJson>>,
    /** Account name to its live (or configured) id. */
    private readonly idByName: ReadonlyMap<string, string>,
    /** The live organization's id and OU entity paths by OU key, for groups on "*" and by OU. */
    private readonly organization?: LiveOrganizationPaths,
  ) {}

  /** The trust policy the apply writes to a member's role and the stack that writes it, or undefined when no trust stack manages it. */
  memberTrust(account: Account): { readonly stack: string; readonly document: unknown } | undefined {
    const logicalId = memberRoleNames.logicalId(account.key);
    for (const [name, stack] of Object.entries(this.stacks)) {
      if (!isTrustStackName(name)) continue;
      const role = stack.resource?.aws_iam_role?.[logicalId];
      if (role) return { stack: name, document: JSON.parse(this.resolve(String(role.assume_role_policy), `${name}: aws_iam_role.${logicalId}`, stack)) };
    }
    return undefined;
  }

  /** The guard SCP the management stack writes (trust.guard), or undefined. */
  trustGuardPolicy(): unknown {
    const content = this.stacks[MANAGEMENT_STACK]?.resource?.aws_organizations_policy?.trust_guard?.content;
    return typeof content === 'string' ? JSON.parse(content) : undefined;
  }

  /** Identity groups as synthesized: name, attached managed policies (name and document), users. */
  identityGroups(): SynthesizedGroup[] {
    return this.groups(IDENTITY_STACK);
  }

  /** The management account's group (crossaccount-admins) as synthesized, the same way. */
  managementGroups(): SynthesizedGroup[] {
    return this.groups(MANAGEMENT_STACK);
  }

  /** Roles a stack creates (the management stack's assumerole_create_account): trust and inline policies. */
  roles(stackName: string): SynthesizedRole[] {
    const stack = this.stacks[stackName] ?? {};
    const r = stack.resource ?? {};
    const roles: Record<string, { name: string; assume_role_policy: string }> = r.aws_iam_role ?? {};
    const inline: Record<string, { name: string; role: string; policy: string }> = r.aws_iam_role_policy ?? {};
    const at = (what: string) => `${stackName}: ${what}`;
    return Object.entries(roles)
      .map(([key, role]) => {
        const policies = Object.entries(inline)
          .filter(([, p]) => this.resolve(p.role, at(`aws_iam_role_policy.${key}`), stack) === role.name)
          .map(([policyKey, p]) => ({ name: p.name, document: JSON.parse(this.resolve(p.policy, at(`aws_iam_role_policy.${policyKey}`), stack)) }))
          .sort((a, b) => a.name.localeCompare(b.name));
        return { name: role.name, trust: JSON.parse(this.resolve(role.assume_role_policy, at(`aws_iam_role.${key}`), stack)), inlinePolicies: policies };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Groups of a stack as synthesized: name, attached managed policies (name and document), users. */
  private groups(stackName: string): SynthesizedGroup[] {
    const stack = this.stacks[stackName] ?? {};
    const r = stack.resource ?? {};
    const groups: Record<string, { name: string }> = r.aws_iam_group ?? {};
    const policies: Record<string, { name: string; policy: string }> = r.aws_iam_policy ?? {};
    const attachments: Record<string, { group: string; policy_arn: string }> = r.aws_iam_group_policy_attachment ?? {};
    const memberships: Record<string, { user: string; groups: string[] }> = r.aws_iam_user_group_membership ?? {};
    const at = (what: string) => `${stackName}: ${what}`;
    const result = new Map<string, SynthesizedGroup>();
    for (const [key, g] of Object.entries(groups)) result.set(g.name, { name: g.name, policies: [], users: [], key });
    for (const [key, a] of Object.entries(attachments)) {
      const group = this.resolve(a.group, at(`aws_iam_group_policy_attachment.${key}`), stack);
      const policyKey = /^\$\{aws_iam_policy\.([^.]+)\.arn\}$/.exec(a.policy_arn)?.[1];
      const policy = policyKey ? policies[policyKey] : undefined;
      if (!policy || !result.has(group)) throw new CliError(`${at(`aws_iam_group_policy_attachment.${key}`)}: cannot tell which group and policy it attaches; synthesize again`);
      const document = JSON.parse(this.resolve(policy.policy, at(`aws_iam_policy.${policyKey}`), stack));
      result.get(group)!.policies.push({ name: policy.name, document });
    }
    for (const [key, m] of Object.entries(memberships)) {
      const user = this.resolve(m.user, at(`aws_iam_user_group_membership.${key}`), stack);
      for (const g of m.groups) result.get(this.resolve(g, at(`aws_iam_user_group_membership.${key}`), stack))?.users.push(user);
    }
    return [...result.values()]
      .map((g) => ({ ...g, users: [...g.users].sort(), policies: [...g.policies].sort((a, b) => a.name.localeCompare(b.name)) }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Replaces the references synth writes; refuses any other, rather than comparing against a guess. */
  private resolve(text: string, where: string, stack: StackJson): string {
    return text.replace(/(\$?)\$\{([^}]*)\}/g, (whole, escape: string, ref: string) => {
      if (escape) return whole.slice(1);
      const output = /^data\.terraform_remote_state\.[^.]+\.outputs\.account_ids\[\\?"([^"\\]+)\\?"\]$/.exec(ref);
      if (output) {
        const id = this.idByName.get(output[1]);
        if (!id) throw new CliError(`${where}: account "${output[1]}" has no id in the config and none was found in the organization (by its email); has the management stack been applied?`);
        return id;
      }
      if (ref.endsWith(`.outputs.${ORGANIZATION_ID_OUTPUT}`) && /^data\.terraform_remote_state\./.test(ref)) {
        if (!this.organization) throw new CliError(`${where}: the organization id is not known; run against the organization`);
        return this.organization.id;
      }
      const ouPath = /^data\.terraform_remote_state\.[^.]+\.outputs\.ou_org_paths\[\\?"([^"\\]+)\\?"\]$/.exec(ref);
      if (ouPath) {
        const path = this.organization?.ouPaths.get(ouPath[1]);
        if (!path) throw new CliError(`${where}: OU "${ouPath[1]}" is not in the organization; has the management stack been applied?`);
        return path;
      }
      const named = /^(aws_iam_[a-z_]+)\.([^.]+)\.name$/.exec(ref);
      const name = named ? stack.resource?.[named[1]]?.[named[2]]?.name : undefined;
      if (typeof name === 'string') return name;
      throw new CliError(`${where}: cannot resolve the Terraform reference \${${ref}}; synthesize again with this version of org-trust`);
    });
  }
}

/** What groups on "*" and by OU refer to, read from the live organization. */
export interface LiveOrganizationPaths {
  readonly id: string;
  /** OU key (terraformKey of its path) to its entity path "o-…/r-…/ou-…/". */
  readonly ouPaths: ReadonlyMap<string, string>;
}

/** Entity paths of the live OUs, keyed by the config's OU keys (matched by path of names). */
export function liveOrganizationPaths(org: LiveOrganization, units: readonly OrganizationalUnit[]): LiveOrganizationPaths {
  const byId = new Map(org.ous.map((ou) => [ou.id, ou]));
  const entityPath = (ou: LiveOu, depth = 0): string => {
    const parent = byId.get(ou.parentId);
    return `${parent && depth < 10 ? entityPath(parent, depth + 1) : `${org.id}/${org.rootId}/`}${ou.id}/`;
  };
  const byPath = new Map(org.ous.map((ou) => [ou.path, ou]));
  const ouPaths = new Map<string, string>();
  for (const unit of units) {
    const live = byPath.get(unit.path);
    if (live && !unit.retired) ouPaths.set(unit.key, entityPath(live));
  }
  return { id: org.id, ouPaths };
}

export interface SynthesizedGroup {
  readonly name: string;
  readonly key: string;
  readonly policies: { readonly name: string; readonly document: unknown }[];
  readonly users: string[];
}

export interface SynthesizedRole {
  readonly name: string;
  readonly trust: unknown;
  readonly inlinePolicies: readonly { readonly name: string; readonly document: unknown }[];
}
