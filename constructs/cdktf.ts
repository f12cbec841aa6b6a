/**
 * The one place that names the cdktf package. CDK Terrain (cdktn), the maintained fork,
 * renames it: switching is a change to this file and to the provider deep imports
 * (`npm run test:cdktn` makes both in a temporary copy and runs the tests there).
 */

// The app and its building blocks.
export { App, TerraformStack, TerraformElement, TerraformOutput, TerraformProvider, TerraformResource, Testing } from 'cdktf';
export type { ITerraformDependable, TerraformRemoteState } from 'cdktf';

// Token resolution, for the stack's own toTerraform (stacks/org-stack.ts) and JSON that cdktf's own copying would lose (name-keyed-output.ts).
export { DefaultTokenResolver, StringConcat, Tokenization } from 'cdktf';

// State backends, and the data sources that read another stack's state through them.
export { LocalBackend, S3Backend, CloudBackend, NamedCloudWorkspace } from 'cdktf';
export { DataTerraformRemoteState, DataTerraformRemoteStateLocal, DataTerraformRemoteStateS3 } from 'cdktf';

// Test support: the jest matchers (toHaveResourceWithProperties, ...), registered by __tests__/helpers/jest-setup.ts.
export { setupJest } from 'cdktf/lib/testing/adapters/jest';
