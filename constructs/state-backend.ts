import type { Construct } from 'constructs';
import type { BackendConfig } from '../config/model';
import {
  CloudBackend,
  DataTerraformRemoteState,
  DataTerraformRemoteStateLocal,
  DataTerraformRemoteStateS3,
  LocalBackend,
  NamedCloudWorkspace,
  S3Backend,
  type TerraformRemoteState,
  type TerraformStack,
} from './cdktf';

/**
 * Local state lives at the repository root. Terraform runs in cdktf.out/stacks/NAME, so the
 * path is relative to that folder: no absolute path of the synthesizing machine ends up in
 * the JSON, and synth stays byte-identical across machines.
 */
export const localStatePath = (stackName: string) => `../../../terraform.${stackName}.tfstate`;

export const s3StateKey = (keyPrefix: string, stackName: string) =>
  keyPrefix ? `${keyPrefix.replace(/\/+$/, '')}/${stackName}.tfstate` : `${stackName}.tfstate`;

export const cloudWorkspaceName = (workspacePrefix: string, stackName: string) => `${workspacePrefix}${stackName}`;

/** Configures where `stack` keeps its state. */
export function configureStateBackend(stack: TerraformStack, backend: BackendConfig): void {
  const name = stack.node.id;
  switch (backend.type) {
    case 'local':
      new LocalBackend(stack, { path: localStatePath(name) });
      return;
    case 's3':
      // cdktf 0.21 predates use_lockfile (S3-native locking, Terraform >= 1.10).
      new S3Backend(stack, { bucket: backend.bucket, key: s3StateKey(backend.keyPrefix, name), region: backend.region, encrypt: true });
      if (backend.useLockfile) stack.addOverride('terraform.backend.s3.use_lockfile', true);
      return;
    case 'cloud':
      new CloudBackend(stack, {
        hostname: backend.hostname,
        organization: backend.organization,
        workspaces: new NamedCloudWorkspace(cloudWorkspaceName(backend.workspacePrefix, name)),
      });
      return;
  }
}

/** A data source that reads the outputs of stack `stackName` through the same backend. */
export function remoteState(scope: Construct, id: string, backend: BackendConfig, stackName: string): TerraformRemoteState {
  switch (backend.type) {
    case 'local':
      return new DataTerraformRemoteStateLocal(scope, id, { path: localStatePath(stackName) });
    case 's3':
      return new DataTerraformRemoteStateS3(scope, id, { bucket: backend.bucket, key: s3StateKey(backend.keyPrefix, stackName), region: backend.region });
    case 'cloud':
      // terraform_remote_state reads Terraform Cloud workspaces through the "remote" backend.
      return new DataTerraformRemoteState(scope, id, {
        hostname: backend.hostname,
        organization: backend.organization,
        workspaces: { name: cloudWorkspaceName(backend.workspacePrefix, stackName) },
      });
  }
}
