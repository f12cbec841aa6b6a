import { Document, type Scalar, type YAMLMap } from 'yaml';
import type { LiveAccount, LiveOrganization, LiveOu } from '../live/live-organization';
import type { RoleDetection } from './role-detection';

interface OuEntry {
  name: string;
  id: string;
  children?: OuEntry[];
}

function ouTree(ous: readonly LiveOu[], parentId: string): OuEntry[] {
  return ous
    .filter((o) => o.parentId === parentId)
    .map((o) => {
      const children = ouTree(ous, o.id);
      return { name: o.name, id: o.id, ...(children.length ? { children } : {}) };
    });
}

function accountEntry(a: LiveAccount): Record<string, unknown> {
  const tags = a.tags ?? {};
  return { name: a.name, email: a.email, id: a.id, ...(a.ou ? { ou: a.ou } : {}), ...(Object.keys(tags).length ? { tags: { ...tags } } : {}) };
}

export interface DiscoveredOrg {
  readonly org: LiveOrganization;
  readonly region: string;
  readonly identity: LiveAccount;
  readonly members: readonly LiveAccount[];
  /** Accounts left out because they are not ACTIVE. */
  readonly leftOut: readonly LiveAccount[];
  readonly role: RoleDetection;
}

const list = (names: readonly string[]) => (names.length > 12 ? `${names.slice(0, 12).join(', ')} and ${names.length - 12} more` : names.join(', '));

/**
 * org.yaml for an existing organization: every OU and ACTIVE account with its id, so that
 * the first synth imports everything and creates nothing. Deterministic: the same
 * organization gives the same text.
 */
export function discoveredConfigYaml(d: DiscoveredOrg): string {
  const doc = new Document({
    organization: {
      managementAccountId: d.org.managementAccountId,
      id: d.org.id,
      region: d.region,
      crossAccountRoleName: d.role.memberRoleName,
      organizationalUnits: ouTree(d.org.ous, d.org.rootId),
    },
    identityAccount: accountEntry(d.identity),
    accounts: d.members.map(accountEntry),
  });
  doc.commentBefore =
    ` Written by \`org-trust discover\` from organization ${d.org.id} (management account ${d.org.managementAccountId}).\n` +
    ' Every OU and account carries its id: the first synth imports them and creates nothing.\n' +
    ' Add people under identity.groups and management.users (see the README), then run `org-trust preflight`.';
  const key = (name: string) => (doc.contents as YAMLMap).items.find((p) => (p.key as Scalar).value === name)!.key as Scalar;
  const roleNotes = [
    d.role.without.length
      ? ` crossAccountRoleName: ${d.role.memberRoleName} was found in ${d.role.checked - d.role.without.length} of ${d.role.checked} accounts; not in ${list(d.role.without)}.\n` +
        ' Create it there before the apply; `org-trust preflight` lists those accounts with the fix.'
      : ` crossAccountRoleName: ${d.role.memberRoleName}, found in all ${d.role.checked} accounts.`,
  ];
  key('organization').commentBefore = roleNotes.join('\n');
  if (d.leftOut.length) {
    key('accounts').commentBefore =
      ` Left out, not ACTIVE: ${d.leftOut.map((a) => `${a.name} (${a.id}, ${a.status})`).join(', ')}.`;
  }
  return doc.toString({ lineWidth: 0 });
}
