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

describe("OrgStack synthesizes what cdktf's own TerraformStack would", () => {
  const ours = { prepareStack: OrgStack.prototype.prepareStack, toTerraform: OrgStack.prototype.toTerraform };
  afterEach(() => Object.assign(OrgStack.prototype, ours));

  it.each([
    ['the example', exampleYaml()],
    ['the example on an s3 backend (a stack override: use_lockfile)', `${exampleYaml()}backend: { type: s3, bucket: org-state, region: us-east-1 }\n`],
    ['the example on Terraform Cloud', `${exampleYaml()}backend: { type: cloud, organization: acme }\n`],
    ['a generated org of 40 members, some imported, with groups on "*", an OU and a list', generateOrgYaml({ members: 40, importEvery: 3 })],
  ])('byte for byte, for %s', (_what, yaml) => {
    const ourFiles = synthFiles(yaml);
    // cdktf's own: prepareStack resolves every element once more to find cross-stack references,
    // toTerraform resolves the merged document once more.
    Object.assign(OrgStack.prototype, { prepareStack: TerraformStack.prototype.prepareStack, toTerraform: TerraformStack.prototype.toTerraform });
    const cdktfFiles = synthFiles(yaml);
    expect(Object.keys(ourFiles).length).toBeGreaterThanOrEqual(3);
    expect(ourFiles).toEqual(cdktfFiles);
  });
});
