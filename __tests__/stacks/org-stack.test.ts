import { TerraformStack } from '../../constructs/cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { OrganizationsAccount } from '@cdktf/provider-aws/lib/organizations-account';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { LeanAwsProvider, LeanIamRole, LeanOrganizationsAccount } from '../../constructs/lean-elements';
import { LeanStack } from '../../constructs/lean-stack';
import { generateOrgYaml } from '../../fixtures/generate-org';
import { exampleYaml } from '../helpers/example';
import { synthFilesOnDisk } from '../helpers/synth';

const synthFiles = (yaml: string) => synthFilesOnDisk(yaml).files;

/** The lean classes and their provider binding parents. */
const LEAN = [
  [LeanAwsProvider, AwsProvider],
  [LeanIamRole, IamRole],
  [LeanOrganizationsAccount, OrganizationsAccount],
] as const;
type Synthesizing = { synthesizeAttributes(): Record<string, unknown> };
const synthesizeOf = (c: { prototype: object }) => (c.prototype as unknown as Synthesizing).synthesizeAttributes;

describe("LeanStack and the lean elements synthesize what cdktf's own classes would", () => {
  const ours = { prepareStack: LeanStack.prototype.prepareStack, toTerraform: LeanStack.prototype.toTerraform };
  const lean = LEAN.map(([c]) => synthesizeOf(c));
  afterEach(() => {
    Object.assign(LeanStack.prototype, ours);
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
    Object.assign(LeanStack.prototype, { prepareStack: TerraformStack.prototype.prepareStack, toTerraform: TerraformStack.prototype.toTerraform });
    for (const [leanClass, binding] of LEAN) (leanClass.prototype as unknown as Synthesizing).synthesizeAttributes = synthesizeOf(binding);
    const cdktfFiles = synthFiles(yaml);
    expect(Object.keys(ourFiles).length).toBeGreaterThanOrEqual(3);
    expect(ourFiles).toEqual(cdktfFiles);
  });
});
