import { mdText } from '../../cli/markdown-text';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AccessDiff } from '../../access/access-diff';
import { accessReport } from '../../access/access-matrix';
import { readAccessModel } from '../../access/access-model';
import { reportDiffCommand } from '../../cli/commands/report-diff';
import { validateCommand } from '../../cli/commands/validate';
import { renderMermaid } from '../../cli/mermaid';
import { renderMarkdownReport } from '../../cli/report-markdown';
import { exampleYaml } from '../helpers/example';
import { synthYaml } from '../helpers/synth';
import { synthPair } from './synth-pair';
import { tempOrg } from './temp-org';

const EXAMPLE = readFileSync(join(__dirname, '..', '..', 'examples', 'declared-principals.yaml'), 'utf8');
const synth = synthYaml(EXAMPLE);
const report = accessReport(readAccessModel(synth.json, synth.config));

/** The example org with one OIDC declaration on the Prod OU. */
const GITHUB = `trust:
  shardSize: 10
  principals:
    - name: GithubDeploy
      kind: oidc
      provider: token.actions.githubusercontent.com
      audiences: [sts.amazonaws.com]
      subjects: ["repo:acme/infrastructure:ref:refs/heads/main"]
      scope: { ous: [Workloads/Prod] }
`;
const withGithub = (yaml: string) => yaml.replace('trust:\n  shardSize: 10\n', GITHUB);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('report: declared principals', () => {
  it('names each declared statement by its declaration, with its kind, in the roles of its scope only', () => {
    const trustOf = (account: string) => report.accounts.find((a) => a.name === account)!.trust.filter((t) => t.name).map((t) => [t.name, t.type ?? 'AWS', t.mfa]);
    expect(trustOf('ACCOUNT01')).toEqual([['BreakGlass', 'AWS', true], ['GithubDeploy', 'Federated', false], ['SsoAdmins', 'AWS', false]]);
    expect(trustOf('ACCOUNT02')).toEqual([['BreakGlass', 'AWS', true], ['CiRunner', 'AWS', false], ['SsoAdmins', 'AWS', false]]);
    expect(trustOf('Logging')).toEqual([['BreakGlass', 'AWS', true], ['Okta', 'Federated', false], ['Backup', 'Service', false]]);
  });

  it('shows a declared role by the ARN it is held to, not by the root of its account', () => {
    const breakGlass = report.accounts[0].trust.find((t) => t.name === 'BreakGlass')!;
    expect(breakGlass.principal).toBe('arn:aws:iam::444455556666:role/break-glass');
  });

  it('the Markdown report has a table of declarations and where each is trusted', () => {
    const md = renderMarkdownReport(report, { out: 'cdktf.out', stacks: Object.keys(synth.json), config: synth.config });
    const section = md.slice(md.indexOf('### Declared principals'), md.indexOf('## Trust graph'));
    const row = (name: string) => section.split('\n').find((l) => l.startsWith(`| ${name} |`));
    expect(row('BreakGlass')).toMatch(/`arn:aws:iam::444455556666:role\/break-glass` \(MFA\) \| all 4 member accounts \|$/);
    // Conditions are mdText: `.`, `:` and `@` backslash-escaped so that no autolink starts in them.
    expect(row('GithubDeploy')).toMatch(
      new RegExp(`${escapeRegExp(mdText('(federated; StringEquals token.actions.githubusercontent.com:aud "sts.amazonaws.com", StringEquals token.actions.githubusercontent.com:sub "repo:acme/infrastructure:ref:refs/heads/main")'))} \\| ACCOUNT01, ACCOUNT03 \\|$`),
    );
    expect(row('CiRunner')).toMatch(/\(no MFA condition\) \| ACCOUNT02 \|$/);
    expect(row('Backup')).toMatch(/\(service; StringEquals aws\\:SourceAccount .*\) \| Logging \|$/);
    expect(md).not.toContain('the config has no setting for extra principals');
  });

  it('the diagram draws one dotted node per declaration, to exactly its accounts', () => {
    const diagram = renderMermaid(report);
    const node = (label: string) => /^ {2}(s\d+)\["(.*)"\]$/m.exec(diagram.split('\n').filter((l) => l.includes(label)).join('\n'))?.[1];
    const github = node('declared GithubDeploy (federated)')!;
    expect(github).toBeDefined();
    // Workloads/Prod holds exactly ACCOUNT01 and ACCOUNT03: one edge to the OU, "all 2".
    expect(diagram.split('\n').filter((l) => l.startsWith(`  ${github} `))).toEqual([`  ${github} -.->|"all 2"| ou3`]);
    expect(diagram).toContain('subgraph ou3["OU Workloads/Prod"]');
    const ci = node('declared CiRunner')!;
    expect(diagram.split('\n').filter((l) => l.startsWith(`  ${ci} `))).toHaveLength(1);
  });
});

describe('report --base: declared principals entering and leaving trust policies', () => {
  const diffOf = (base: string, head: string): AccessDiff => {
    const pair = synthPair(base, head);
    return JSON.parse(reportDiffCommand({ config: pair.configPath, out: pair.headOut, base: pair.baseOut, format: 'json' }).text) as AccessDiff;
  };

  it('a new declaration enters the roles of its scope by name, and access grows', () => {
    const diff = diffOf(exampleYaml(), withGithub(exampleYaml()));
    expect(diff.accessGrew).toBe(true);
    expect(diff.trust.entered.map((t) => [t.account, t.name, t.type])).toEqual([
      ['ACCOUNT01', 'GithubDeploy', 'Federated'],
      ['ACCOUNT03', 'GithubDeploy', 'Federated'],
    ]);
    expect(diff.trust.left).toEqual([]);
    const pair = synthPair(exampleYaml(), withGithub(exampleYaml()));
    const md = reportDiffCommand({ config: pair.configPath, out: pair.headOut, base: pair.baseOut, format: 'md' }).text;
    expect(md).toContain('Trust policies: 2 entries added (1 principal)');
    expect(md).toMatch(/\| ACCOUNT01 \| OrganizationAccountAccessRole \| GithubDeploy \(declared\): `arn:aws:iam::\{ACCOUNT01\}:oidc-provider\/token\.actions\.githubusercontent\.com` \| federated \| enters \|/);
  });

  it('a narrowed scope: the declaration leaves the accounts it no longer names, and access does not grow', () => {
    const narrowed = withGithub(exampleYaml()).replace('scope: { ous: [Workloads/Prod] }', 'scope: { accounts: [ACCOUNT03] }');
    const diff = diffOf(withGithub(exampleYaml()), narrowed);
    expect(diff.trust.left.map((t) => [t.account, t.name])).toEqual([['ACCOUNT01', 'GithubDeploy']]);
    expect(diff.trust.entered).toEqual([]);
    expect(diff.accessGrew).toBe(false);
  });
});

describe('validate: declared principals', () => {
  const text = validateCommand({ config: tempOrg(EXAMPLE, { synth: false }).configPath });

  it('summarizes each declaration: kind, principal and conditions, scope and how many members it reaches', () => {
    expect(text).toContain('Declared principals (trust.principals): 6, trusted beside the management root and identity users');
    expect(text).toContain('  BreakGlass (aws): arn:aws:iam::444455556666:role/break-glass (MFA required); every member account: 4 member accounts');
    expect(text).toContain('  GithubDeploy (oidc): OIDC provider token.actions.githubusercontent.com of each account; sub repo:acme/infrastructure:ref:refs/heads/main; aud sts.amazonaws.com; OU Workloads/Prod (and below): 2 member accounts');
    expect(text).toContain('  CiRunner (aws): arn:aws:iam::777788889999:role/ci/runner (machine role: no MFA condition); account ACCOUNT02: 1 member account');
  });

  it('warns that the OIDC and SAML providers must exist before the apply, and about a scope that reaches no account', () => {
    expect(text).toMatch(/declared principal "GithubDeploy": the OIDC provider token\.actions\.githubusercontent\.com must exist in every account of its scope/);
    expect(text).toMatch(/declared principal "Okta": the SAML provider okta must exist/);
    const empty = validateCommand({ config: tempOrg(EXAMPLE.replace('scope: { ous: [Security] }', 'scope: { ous: [Workloads/Dev] }').replace('    ou: Workloads/Dev\n', ''), { synth: false }).configPath });
    expect(empty).toContain('declared principal "Okta" reaches no active member account (OU Workloads/Dev (and below))');
  });
});
