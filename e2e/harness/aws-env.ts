/** moto's default account: the one that creates the organization, i.e. the management account. */
export const MANAGEMENT_ACCOUNT_ID = '123456789012';

/** moto accepts any key; these name themselves so nobody mistakes them for real ones. */
export const DUMMY_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' } as const;

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** Options for any AWS SDK v3 client: emulator endpoint, region, credentials (the management account's by default). */
export function sdkConfig(endpoint: string, region: string, credentials: AwsCredentials = DUMMY_CREDENTIALS) {
  return { endpoint, region, credentials, forcePathStyle: true, maxAttempts: 2 };
}

/**
 * The process environment without anything that could point a tool at a real AWS account
 * (profiles, keys, config files, web identity), so a mistake reaches the emulator or nothing.
 */
export function withoutAwsSettings(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('AWS_') && k !== 'MOTO_ACCOUNT_ID'));
}

/**
 * Environment for anything that uses the standard AWS credential chain (Terraform's
 * provider and S3 backend, the SDK, the CLI): every service at the emulator, the
 * management account's dummy credentials.
 */
export function awsEnv(endpoint: string, region: string): NodeJS.ProcessEnv {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: DUMMY_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: DUMMY_CREDENTIALS.secretAccessKey,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    // No ~/.aws files and no instance metadata: nothing but the variables above.
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}
