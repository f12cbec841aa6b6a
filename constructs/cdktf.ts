/**
 * The one place that names the cdktf package. CDK Terrain (cdktn), the maintained fork,
 * renames it: switching is a change to this file and to the provider deep imports.
 */
export {
  App,
  CloudBackend,
  DataTerraformRemoteState,
  DataTerraformRemoteStateLocal,
  DataTerraformRemoteStateS3,
  LocalBackend,
  NamedCloudWorkspace,
  S3Backend,
  TerraformElement,
  TerraformOutput,
  TerraformProvider,
  TerraformResource,
  TerraformStack,
  Testing,
  type ITerraformDependable,
  type TerraformRemoteState,
} from 'cdktf';
