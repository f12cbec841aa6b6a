import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../config/load-config';
import { App, TerraformStack } from '../../constructs/cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { OrganizationsAccount } from '@cdktf/provider-aws/lib/organizations-account';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { LeanAwsProvider, LeanIamRole, LeanOrganizationsAccount } from '../../constructs/lean-elements';
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

/** The lean classes and their provider binding parents. */
const LEAN = [
  [LeanAwsProvider, AwsProvider],
  [LeanIamRole, IamRole],
  [LeanOrganizationsAccount, OrganizationsAccount],
] as const;
type Synthesizing = { synthesizeAttributes(): Record<string, unknown> };
const synthesizeOf = (c: { prototype: object }) => (c.prototype as unknown as Synthesizing).synthesizeAttributes;

describe("OrgStack and the lean elements synthesize what cdktf's own classes would", () => {
  const ours = { prepareStack: OrgStack.prototype.prepareStack, toTerraform: OrgStack.prototype.toTerraform };
  const lean = LEAN.map(([c]) => synthesizeOf(c));
  afterEach(() => {
    Object.assign(OrgStack.prototype, ours);
    LEAN.forEach(([c], i) => ((c.prototype as unknown as Synthesizing).synthesizeAttributes = lean[i]));
  });

  it.each([
    ['the example', exampleYaml()],
    ['the example on an s3 backend (a stack override: use_lockfile)', `${exampleYaml()}backend: { type: s3, bucket: org-state, region: us-east-1 }\n`],
    ['the example on Terraform Cloud', `${exampleYaml()}backend: { type: cloud, organization: acme }\n`],
    ['a generated org of 40 members, some imported, with groups on "*", an OU and a list', generateOrgYaml({ members: 40, importEvery: 3 })],
  ])('byte for byte, for %s', (_what, yaml) => {
    const ourFiles = synthFiles(yaml);
    // cdktf's own: prepareStack resolves every element once more to find cross-stack references,
    // toTerraform resolves the merged document once more.
    // The provider bindings synthesize every argument, set or not.
    Object.assign(OrgStack.prototype, { prepareStack: TerraformStack.prototype.prepareStack, toTerraform: TerraformStack.prototype.toTerraform });
    for (const [leanClass, binding] of LEAN) (leanClass.prototype as unknown as Synthesizing).synthesizeAttributes = synthesizeOf(binding);
    const cdktfFiles = synthFiles(yaml);
    expect(Object.keys(ourFiles).length).toBeGreaterThanOrEqual(3);
    expect(ourFiles).toEqual(cdktfFiles);
  });
});
