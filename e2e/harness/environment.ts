import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awsEnv, sdkConfig, withoutAwsSettings, type AwsCredentials } from './aws-env';
import { startMoto, type MotoServer } from './moto-server';
import { findProviderMirror, terraformEnv, writeTerraformCliConfig } from './terraform-env';

export interface E2eEnvironment {
  readonly moto: MotoServer;
  readonly region: string;
  /** The provider mirror in use, or undefined (registry). */
  readonly providerMirror?: string;
  /** Environment for child processes (synth, terraform, the CLI): emulator, dummy credentials, CLI config. */
  readonly env: NodeJS.ProcessEnv;
  /** Options for an AWS SDK v3 client against the emulator; the management account unless credentials are given. */
  sdk(credentials?: AwsCredentials): ReturnType<typeof sdkConfig>;
  /** Stops the emulator and removes the generated CLI config. */
  stop(): Promise<void>;
}

export interface E2eOptions {
  readonly region?: string;
  /**
   * Load AWS-managed policies (AdministratorAccess, ...) into every account, as AWS has them.
   * Off by default: it costs about 1.7 s per account created; see startMoto.
   */
  readonly awsManagedPolicies?: boolean;
}

/**
 * One emulated AWS for one flow: a fresh moto server, and the environment that points
 * Terraform, its provider and the SDK at it and nowhere else.
 */
export async function startE2eEnvironment(options: E2eOptions = {}): Promise<E2eEnvironment> {
  const region = options.region ?? 'us-east-1';
  const providerMirror = findProviderMirror();
  const scratch = mkdtempSync(join(tmpdir(), 'org-trust-e2e-tf-'));
  const cliConfig = writeTerraformCliConfig(scratch, providerMirror);
  const moto = await startMoto({ awsManagedPolicies: options.awsManagedPolicies });
  const env = { ...withoutAwsSettings(), ...awsEnv(moto.endpoint, region), ...terraformEnv(cliConfig) };
  return {
    moto,
    region,
    providerMirror,
    env,
    sdk: (credentials) => sdkConfig(moto.endpoint, region, credentials),
    stop: async () => {
      await moto.stop();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
