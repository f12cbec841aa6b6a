import { awsLimitIssues } from './aws-limit-rules';
import { formatPath } from '../errors/user-errors';
import { findDuplicates, type Issue } from './find-duplicates';
import { flattenUnits } from './ou-tree';
import { organizationalUnitLifecycleIssues } from './ou-lifecycle-rules';
import { declaredPrincipalIssues } from './principal-rules';
import { guardIssues } from './guard-rules';
import { renameIssues } from './rename-rules';
import { SELF_SERVICE_GROUP, terraformKey } from './iam-names';
import type { OrganizationalUnit } from './model';
import type { OrganizationalUnitInput, ParsedOrgConfig } from './schema';

/** Rules that span several fields, run after the schema has accepted each field alone. */
export function crossFieldIssues(config: ParsedOrgConfig): Issue[] {
  return [
    ...accountIdentityIssues(config),
    ...organizationalUnitIssues(config),
    ...groupIssues(config),
    ...managementIssues(config),
    ...lifecycleIssues(config),
    ...renameIssues(config),
    ...organizationalUnitLifecycleIssues(config),
    ...mfaIssues(config),
    ...awsLimitIssues(config),
    ...declaredPrincipalIssues(config),
    ...guardIssues(config),
  ];
}

function accountIdentityIssues(config: ParsedOrgConfig): Issue[] {
  const identity = config.identityAccount;
  const all = [identity, ...config.accounts];
  const pathOf = (field: string) => (i: number): (string | number)[] =>
    i === 0 ? ['identityAccount', field] : ['accounts', i - 1, field];
  const issues: Issue[] = [];

  config.accounts.forEach((account, i) => {
    // Each shared field is its own problem: an email reused by mistake is not "the identity account again".
    const shared = [
      account.name === identity.name && { field: 'name', what: `the name "${identity.name}"` },
      account.email.toLowerCase() === identity.email.toLowerCase() && { field: 'email', what: `the email ${identity.email}` },
      account.id !== undefined && account.id === identity.id && { field: 'id', what: `the id ${identity.id}` },
    ].filter((x): x is { field: string; what: string } => Boolean(x));
    for (const { field, what } of shared) {
      issues.push({
        path: ['accounts', i, field],
        message: `has ${what} of the identity account (identityAccount.${field}); every account needs its own ${field}${field === 'email' ? ' (AWS requires a unique email per account)' : ''}. If this is the identity account, declare it only under identityAccount: it is not a member account`,
      });
    }
  });
  if (issues.length) return issues;

  issues.push(
    ...findDuplicates(all, (a) => a.name, pathOf('name'), (v, first) => `duplicate account name "${v}" (first at ${first}); names must be unique`),
    ...findDuplicates(all, (a) => terraformKey(a.name), pathOf('name'), (v, first) =>
      `account name maps to the same Terraform key "${v}" as ${first}; names must differ in more than case and punctuation`),
    ...findDuplicates(all, (a) => a.email.toLowerCase(), pathOf('email'), (v, first) =>
      `duplicate email "${v}" (first at ${first}); AWS requires a unique email per account`),
    ...findDuplicates(all, (a) => a.id, pathOf('id'), (v, first) => `duplicate account id "${v}" (first at ${first})`),
  );
  all.forEach((account, i) => {
    if (account.id === config.organization.managementAccountId) {
      issues.push({
        path: pathOf('id')(i),
        message: `is the management account id; the management account is organization.managementAccountId, not a member`,
      });
    }
  });
  return onePerPath(issues);
}

/** Keeps the first issue per field: a case-insensitive duplicate also collides on its Terraform key. */
function onePerPath(issues: Issue[]): Issue[] {
  return issues.filter((issue, i, list) => list.findIndex((o) => formatPath(o.path) === formatPath(issue.path)) === i);
}


function organizationalUnitIssues(config: ParsedOrgConfig): Issue[] {
  const issues: Issue[] = [];
  const ids: { id?: string; path: (string | number)[] }[] = [];
  const checkSiblings = (units: readonly OrganizationalUnitInput[], path: (string | number)[]) => {
    issues.push(
      ...findDuplicates(units, (u) => u.name.toLowerCase(), (i) => [...path, i, 'name'], (v, first) =>
        `duplicate OU name "${v}" under the same parent (first at ${first})`),
    );
    units.forEach((u, i) => {
      ids.push({ id: u.id, path: [...path, i, 'id'] });
      checkSiblings(u.children ?? [], [...path, i, 'children']);
    });
  };
  checkSiblings(config.organization.organizationalUnits, ['organization', 'organizationalUnits']);
  issues.push(...findDuplicates(ids, (u) => u.id, (i) => ids[i].path, (v, first) => `duplicate OU id "${v}" (first at ${first})`));

  const known = flattenUnits(config.organization.organizationalUnits).map((u) => u.path);
  const keyOwners = new Map<string, string>();
  for (const path of known) {
    const key = terraformKey(path);
    const owner = keyOwners.get(key);
    if (owner && owner.toLowerCase() !== path.toLowerCase()) {
      issues.push({ path: ['organization', 'organizationalUnits'], message: `OU paths "${owner}" and "${path}" map to the same Terraform key "${key}"; rename one` });
    }
    keyOwners.set(key, path);
  }
  const accepted = known.length ? `one of: ${known.map((p) => `"${p}"`).join(', ')}` : 'none: organization.organizationalUnits is empty';
  const checkOu = (ou: string | undefined, path: (string | number)[]) => {
    if (ou !== undefined && !known.includes(ou)) {
      issues.push({ path, message: `unknown OU path "${ou}"; accepted: ${accepted}` });
    }
  };
  checkOu(config.identityAccount.ou, ['identityAccount', 'ou']);
  config.accounts.forEach((a, i) => checkOu(a.ou, ['accounts', i, 'ou']));
  return issues;
}

function groupIssues(config: ParsedOrgConfig): Issue[] {
  const groups = config.identity.groups;
  const issues: Issue[] = [
    ...findDuplicates(groups, (g) => g.name.toLowerCase(), (i) => ['identity', 'groups', i, 'name'], (v, first) =>
      `duplicate group name "${v}" (first at ${first}); IAM group names are unique regardless of case`),
    ...findDuplicates(groups, (g) => terraformKey(g.name), (i) => ['identity', 'groups', i, 'name'], (v, first) =>
      `group name maps to the same Terraform key "${v}" as ${first}; rename one`),
  ];
  const members = new Map(config.accounts.map((a) => [a.name, a]));
  const units = flattenUnits(config.organization.organizationalUnits);
  groups.forEach((group, g) => {
    if (group.name.toLowerCase() === SELF_SERVICE_GROUP || terraformKey(group.name) === terraformKey(SELF_SERVICE_GROUP)) {
      issues.push({ path: ['identity', 'groups', g, 'name'], message: `"${group.name}" is reserved for the group every user joins for MFA self-service` });
    }
    issues.push(
      ...findDuplicates(group.users, (u) => u.toLowerCase(), (i) => ['identity', 'groups', g, 'users', i], (v) =>
        `user "${v}" is listed twice in this group`),
    );
    if (group.accounts.includes('*') && group.accounts.length > 1) {
      issues.push({ path: ['identity', 'groups', g, 'accounts'], message: `"*" means every member account and must stand alone` });
      return;
    }
    issues.push(...groupOuIssues(group, g, units));
    group.accounts.forEach((name, i) => {
      if (name === '*') return;
      const path = ['identity', 'groups', g, 'accounts', i];
      const account = members.get(name);
      if (name === config.identityAccount.name) {
        issues.push({ path, message: `"${name}" is the identity account; groups grant access to member accounts only` });
      } else if (!account) {
        issues.push({ path, message: `unknown account "${name}"; accepted: a name from accounts[].name, or "*"` });
      } else if (account.retired) {
        issues.push({ path, message: `account "${name}" is retired; remove it from this group` });
      }
    });
  });
  // A user may be in several groups; two spellings that IAM or Terraform would take for one user may not.
  const spellings = groups
    .flatMap((g, gi) => g.users.map((name, ui) => ({ name, path: ['identity', 'groups', gi, 'users', ui] })))
    .filter((u, i, all) => all.findIndex((o) => o.name === u.name) === i);
  issues.push(
    ...findDuplicates(spellings, (u) => u.name.toLowerCase(), (i) => spellings[i].path, (v, first) =>
      `user "${v}" is spelled differently at ${first}; IAM user names are unique regardless of case, so use one spelling`),
    ...findDuplicates(spellings, (u) => terraformKey(u.name), (i) => spellings[i].path, (v, first) =>
      `user name maps to the same Terraform key "${v}" as ${first}; rename one`),
  );
  return onePerPath(issues);
}

/** A group's `ous`: known, managed OU paths, not beside "*" (which holds them all already). */
function groupOuIssues(group: ParsedOrgConfig['identity']['groups'][number], g: number, units: readonly OrganizationalUnit[]): Issue[] {
  if (group.ous.length && group.accounts.includes('*')) {
    return [{ path: ['identity', 'groups', g, 'ous'], message: '"*" in accounts already reaches every member account in every OU; remove ous, or name accounts instead of "*"' }];
  }
  const managed = units.filter((u) => !u.retired).map((u) => u.path);
  const accepted = managed.length ? `one of: ${managed.map((p) => `"${p}"`).join(', ')}` : 'none: organization.organizationalUnits is empty';
  const issues: Issue[] = [];
  group.ous.forEach((path, i) => {
    const at = ['identity', 'groups', g, 'ous', i];
    const unit = units.find((u) => u.path === path);
    if (!unit) issues.push({ path: at, message: `unknown OU path "${path}"; accepted: ${accepted}` });
    else if (unit.retired) issues.push({ path: at, message: `OU "${path}" is retired; remove it from this group` });
  });
  issues.push(...findDuplicates(group.ous, (p) => p, (i) => ['identity', 'groups', g, 'ous', i], (v, first) => `OU "${v}" is listed twice in this group (first at ${first})`));
  return issues;
}

function managementIssues(config: ParsedOrgConfig): Issue[] {
  const users = config.management.users;
  const issues = findDuplicates(users, (u) => u.toLowerCase(), (i) => ['management', 'users', i], (v, first) =>
    `duplicate user "${v}" (first at ${first}); IAM user names are unique regardless of case`);
  issues.push(
    ...findDuplicates(users, (u) => terraformKey(u), (i) => ['management', 'users', i], (v, first) =>
      `user name maps to the same Terraform key "${v}" as ${first}; rename one`),
  );
  if (config.management.createAccountRoleName === config.organization.crossAccountRoleName) {
    issues.push({
      path: ['management', 'createAccountRoleName'],
      message: `must differ from organization.crossAccountRoleName ("${config.organization.crossAccountRoleName}")`,
    });
  }
  return onePerPath(issues);
}

function mfaIssues(config: ParsedOrgConfig): Issue[] {
  if (!config.identity.requireMfa && config.identity.mfaMaxAgeSeconds !== undefined) {
    return [{ path: ['identity', 'mfaMaxAgeSeconds'], message: 'needs identity.requireMfa: true (an MFA age limit without MFA cannot be met)' }];
  }
  return [];
}

/** Rules for accounts that are retiring or being renamed. */
function lifecycleIssues(config: ParsedOrgConfig): Issue[] {
  const issues: Issue[] = [];
  const names = new Set([config.identityAccount, ...config.accounts].map((a) => a.name));
  config.accounts.forEach((account, i) => {
    if (account.retired && account.id === undefined) {
      issues.push({
        path: ['accounts', i, 'retired'],
        message:
          `needs accounts[${i}].id: once management forgets the account its id leaves the account_ids output, and the trust stack still needs it to forget the role. ` +
          'Copy it from `terraform output account_ids` of the management stack',
      });
    }
  });
  [config.identityAccount, ...config.accounts].forEach((account, i) => {
    const path = i === 0 ? ['identityAccount', 'renamedFrom'] : ['accounts', i - 1, 'renamedFrom'];
    if (account.renamedFrom === undefined) return;
    if ('retired' in account && account.retired) {
      issues.push({ path, message: 'cannot be combined with retired: true; apply the rename first, then retire' });
    }
    // A change of case alone keeps the Terraform key: accepted, it only re-keys the lock.
    if (account.renamedFrom === account.name) {
      issues.push({ path, message: `is the account's current name; remove it` });
    } else if (names.has(account.renamedFrom)) {
      issues.push({ path, message: `"${account.renamedFrom}" is the name of another account in this config` });
    }
  });
  return issues;
}
