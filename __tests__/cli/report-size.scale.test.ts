import { parse, stringify } from 'yaml';
import { reportCommand } from '../../cli/commands/report';
import { reportDiffCommand } from '../../cli/commands/report-diff';
import { generateOrgYaml } from '../../fixtures/generate-org';
import { synthPairs } from './synth-pair';

/**
 * Reports a person can read at 10,000 member accounts: the whole Markdown report within 1 MB
 * (long tables grouped; the JSON keeps every row) and the pull-request diff within GitHub's
 * 65,536-character comment, for the everyday change and for a change that touches every account.
 */
const MEMBERS = 10_000;
const GITHUB_COMMENT_LIMIT = 65_536;

type Org = { accounts: { ou?: string }[]; identity: { groups: { name: string; users: string[] }[] } };
const edit = (yaml: string, change: (org: Org) => void) => {
  const org = parse(yaml) as Org;
  change(org);
  return stringify(org);
};

const CHANGES: readonly [string, (org: Org) => void][] = [
  ['one user joins the group on 300 named accounts, one account moves to the other OU', (org) => {
    org.identity.groups.find((g) => g.name === 'some')!.users.push('erin');
    org.accounts[0].ou = org.accounts[0].ou === 'Workloads/Prod' ? 'Workloads/Dev' : 'Workloads/Prod';
  }],
  ['every account moves to the other OU, and a user joins the group on "*"', (org) => {
    for (const a of org.accounts) a.ou = a.ou === 'Workloads/Prod' ? 'Workloads/Dev' : 'Workloads/Prod';
    org.identity.groups.find((g) => g.name === 'admins')!.users.push('erin');
  }],
];

describe(`reports at ${MEMBERS.toLocaleString('en-US')} member accounts`, () => {
  const base = generateOrgYaml({ members: MEMBERS, identityId: '200000000000' });
  // The base is synthesized once for both pull requests (three 10,000-account synths, not four).
  const pairs = synthPairs(base, CHANGES.map(([, change]) => edit(base, change)));

  it('the Markdown report is at most 1 MB, and the JSON report keeps every account', () => {
    const { configPath, headOut } = pairs[0];
    const md = reportCommand({ config: configPath, out: headOut, format: 'md' });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(1024 * 1024);
    expect(md).toContain(`${MEMBERS} member accounts, one row per OU and access pattern.`);
    const json = JSON.parse(reportCommand({ config: configPath, out: headOut, format: 'json' }));
    expect(json.accounts).toHaveLength(MEMBERS);
  });

  it.each(CHANGES.map(([what], i) => [what, i] as const))('report --base fits a GitHub comment: %s', (_what, i) => {
    const { configPath, headOut, baseOut } = pairs[i];
    const { text, exitCode } = reportDiffCommand({ config: configPath, out: headOut, base: baseOut, format: 'md' });
    expect(exitCode).toBe(3);
    expect(text.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(text).toContain('**Access grows.**');
  });
});
