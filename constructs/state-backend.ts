import type { Construct } from 'constructs';
import type { BackendConfig } from '../config/model';
import { stateFileName } from '../lock/state-location';
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
 * App context: the directory of local state files as seen from OUT/stacks/NAME, where Terraform
 * runs (main.ts sets it from the config's and the output's locations; see lock/state-location.ts).
 * Relative, so no absolute path of the synthesizing machine ends up in the JSON. Unset: the
 * output directory sits beside the config, as cdktf.out does.
 */
export const LOCAL_STATE_DIR_CONTEXT = 'org-trust:localStateDir';
const DEFAULT_STATE_DIR = '../../..';

export const localStatePath = (stackName: string, stateDir = DEFAULT_STATE_DIR) => `${stateDir}/${stateFileName(stackName)}`;

const stateDirOf = (scope: Construct): string | undefined => scope.node.tryGetContext(LOCAL_STATE_DIR_CONTEXT) as string | undefined;

export const s3StateKey = (keyPrefix: string, stackName: string) =>
  keyPrefix ? `${keyPrefix.replace(/\/+$/, '')}/${stackName}.tfstate` : `${stackName}.tfstate`;

export const cloudWorkspaceName = (workspacePrefix: string, stackName: string) => `${workspacePrefix}${stackName}`;

/** Configures where `stack` keeps its state. */
export function configureStateBackend(stack: TerraformStack, backend: BackendConfig): void {
  const name = stack.node.id;
  switch (backend.type) {
    case 'local':
      new LocalBackend(stack, { path: localStatePath(name, stateDirOf(stack)) });
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
      return new DataTerraformRemoteStateLocal(scope, id, { path: localStatePath(stackName, stateDirOf(scope)) });
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
