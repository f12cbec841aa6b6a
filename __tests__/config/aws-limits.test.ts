import { parse, stringify } from 'yaml';
import { ConfigError, formatPath } from '../../errors/user-errors';
import { parseConfig } from '../../config/load-config';
import type { OrganizationalUnitInput, OrgConfigInput } from '../../config/schema';
import { exampleYaml } from '../helpers/example';

/** AWS limits as config rules: the edge itself is accepted, one past it refused with a path. */
function issuesOf(edit: (input: OrgConfigInput) => void): string[] {
  const input = parse(exampleYaml()) as OrgConfigInput;
  edit(input);
  try {
    parseConfig(stringify(input));
    return [];
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
  }
}

const chain = (depth: number): OrganizationalUnitInput => {
  let unit: OrganizationalUnitInput = { name: `L${depth}` };
  for (let d = depth - 1; d >= 1; d--) unit = { name: `L${d}`, children: [unit] };
  return unit;
};

describe('AWS limits are config rules', () => {
  it('OUs nest five levels deep, not six or seven', () => {
    expect(issuesOf((c) => c.organization.organizationalUnits!.push(chain(5)))).toEqual([]);
    for (const depth of [6, 7]) {
      const issues = issuesOf((c) => c.organization.organizationalUnits!.push(chain(depth)));
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatch(/^organization\.organizationalUnits\[2\](\.children\[0\]){5}\.name: OU "L6" is 6 levels below the root/);
    }
  });

  it('a user is in at most 10 groups, mfa-self-service counted', () => {
    const groups = (n: number) => (c: OrgConfigInput) =>
      c.identity!.groups!.push(...Array.from({ length: n }, (_, i) => ({ name: `team${i}`, users: ['zed'], accounts: ['ACCOUNT01'] })));
    expect(issuesOf(groups(9))).toEqual([]);
    expect(issuesOf(groups(10))).toEqual([expect.stringMatching(/^identity\.groups\[12\]\.users\[0\]: user "zed" would be in 11 groups/)]);
    expect(issuesOf(groups(14))).toHaveLength(1);
    // bob is already in two groups of the example: eight more reach the limit.
    const more = (n: number) => (c: OrgConfigInput) =>
      c.identity!.groups!.push(...Array.from({ length: n }, (_, i) => ({ name: `crew${i}`, users: ['Bob'.toLowerCase()], accounts: [] })));
    expect(issuesOf(more(7))).toEqual([]);
    expect(issuesOf(more(8))).toEqual([expect.stringMatching(/^identity\.groups\[10\]\.users\[0\]: user "bob" would be in 11 groups/)]);
  });

  it('an account is listed once per group', () => {
    const issues = issuesOf((c) => (c.identity!.groups![2].accounts = ['ACCOUNT01', 'Logging', 'ACCOUNT01', 'ACCOUNT01']));
    expect(issues).toEqual([
      'identity.groups[2].accounts[2]: account "ACCOUNT01" is listed twice in this group (first at identity.groups[2].accounts[0])',
      'identity.groups[2].accounts[3]: account "ACCOUNT01" is listed twice in this group (first at identity.groups[2].accounts[0])',
    ]);
  });

  it('group names that IAM would cut to the same policy name are refused, in any case', () => {
    const stem = 'x'.repeat(120);
    expect(issuesOf((c) => c.identity!.groups!.push({ name: `${stem}a`, users: [] }, { name: `${stem}b`, users: [] }))).toEqual([]);
    const long = 'y'.repeat(127);
    const issues = issuesOf((c) => c.identity!.groups!.push({ name: `${long}a`, users: [] }, { name: `${long.toUpperCase()}b`, users: [] }, { name: `${long}c`, users: [] }));
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatch(/^identity\.groups\[4\]\.name: the group's IAM policy name/);
  });
});
