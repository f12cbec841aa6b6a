import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../config/load-config';
import { App, TerraformStack } from '../../constructs/cdktf';
import { OrgStack } from '../../constructs/org-stack';
import { generateOrgYaml } from '../../fixtures/generate-org';
import { planOrg } from '../../lock/trust-shards';
import { addOrgStacks } from '../../stacks/org-app';
import { exampleYaml } from '../helpers/example';

/** Every stack's cdk.tf.json after app.synth(), by stack name. */
function synthFiles(yaml: string): Record<string, string> {
  const config = parseConfig(yaml);
  const outdir = mkdtempSync(join(tmpdir(), 'org-stack-'));
  try {
    const app = new App({ outdir, skipValidation: true });
    addOrgStacks(app, config, planOrg(config));
    app.synth();
    const dir = join(outdir, 'stacks');
    return Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name, 'cdk.tf.json'), 'utf8')]));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

describe("OrgStack skips cdktf's preparing resolve", () => {
  const ours = OrgStack.prototype.prepareStack;
  afterEach(() => {
    OrgStack.prototype.prepareStack = ours;
  });

  it.each([
    ['the example', exampleYaml()],
    ['a generated org of 40 members, some imported, with groups on "*", an OU and a list', generateOrgYaml({ members: 40, importEvery: 3 })],
  ])('and writes the same bytes as with it, for %s', (_what, yaml) => {
    const without = synthFiles(yaml);
    // cdktf's own prepareStack, which resolves every element once more to find cross-stack references.
    OrgStack.prototype.prepareStack = TerraformStack.prototype.prepareStack;
    const withIt = synthFiles(yaml);
    expect(Object.keys(without).length).toBeGreaterThanOrEqual(3);
    expect(without).toEqual(withIt);
  });
});
