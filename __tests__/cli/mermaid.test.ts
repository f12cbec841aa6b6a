import { accessReport } from '../../access/access-matrix';
import { readAccessModel } from '../../access/access-model';
import { ACCOUNT_NODES_PER_OU, mermaidLabel, renderMermaid } from '../../cli/mermaid';
import { generateOrgYaml } from '../../fixtures/generate-org';
import { exampleYaml } from '../helpers/example';
import { synthYaml } from '../helpers/synth';

const diagramOf = (yaml: string) => {
  const synth = synthYaml(yaml);
  return renderMermaid(accessReport(readAccessModel(synth.json, synth.config)));
};

/** Structural checks of Mermaid flowchart syntax as this renderer writes it. */
function expectValidFlowchart(text: string) {
  const lines = text.trimEnd().split('\n');
  expect(lines[0]).toBe('flowchart LR');
  let depth = 0;
  const declared = new Set<string>();
  for (const line of lines.slice(1)) {
    const t = line.trim();
    let m: RegExpExecArray | null;
    if ((m = /^subgraph (\w+)\["[^"]*"\]$/.exec(t))) {
      depth++;
      declared.add(m[1]);
    } else if (t === 'end') depth--;
    else if ((m = /^(\w+)\["[^"]*"\]$/.exec(t))) declared.add(m[1]);
    else if ((m = /^(\w+) (-->|-\.->)(\|"[^"]*"\|)? (\w+)$/.exec(t))) {
      expect(declared.has(m[1])).toBe(true);
      expect(declared.has(m[4])).toBe(true);
    } else throw new Error(`unexpected Mermaid line: ${line}`);
    expect(depth).toBeGreaterThanOrEqual(0);
  }
  expect(depth).toBe(0);
}

describe('Mermaid trust graph', () => {
  it('is a valid flowchart with one subgraph per OU for the example org', () => {
    const text = diagramOf(exampleYaml());
    expectValidFlowchart(text);
    expect(text).toContain('subgraph ou3["OU Workloads/Prod"]');
    // admins covers every account of every OU: one edge per OU, none per account.
    expect(text).toMatch(/s1 -->\|"all 2, MFA"\| ou3/);
    expect(text).not.toMatch(/^\s+s1 --> a\d+$/m);
    // developers covers ACCOUNT02, alone in Workloads/Dev: an OU edge; auditors cover Prod and Security whole.
    expect(text).toContain('group developers (account IAM)<br/>bob, carol');
  });

  it('stays readable at 100 accounts: capped nodes, edges to OUs, few per-account edges', () => {
    const text = diagramOf(generateOrgYaml({ members: 100 }));
    expectValidFlowchart(text);
    const accountNodes = text.split('\n').filter((l) => /^\s+a\d+\[/.test(l));
    expect(accountNodes.length).toBeLessThanOrEqual(2 * ACCOUNT_NODES_PER_OU);
    expect(text).toContain('… 42 more accounts');
    const edges = text.split('\n').filter((l) => /-->|-\.->/.test(l));
    expect(edges.length).toBeLessThanOrEqual(13);
    // "prod-ops" is the group of OU Workloads/Prod: one edge to that OU, all of it.
    expect(text).toMatch(/s2 -->\|"all 50, MFA"\| ou2/);
    expect(text).not.toMatch(/s2 --> .*ou1/);
    // "some" reaches every tenth account: 10 of the 50 in Prod, none in Dev; one labelled edge, not 10.
    expect(text).toMatch(/s3 -->\|"10 of 50, MFA"\| ou\d/);
  });

  it('quotes labels so that names cannot break the syntax', () => {
    expect(mermaidLabel('a "b" <c> & d')).toBe('"a #quot;b#quot; #lt;c#gt; #amp; d"');
  });
});
