import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { roleArn } from '../../policies/document';
import { awsCall, useProfileInMessages } from './aws-error';

export interface AwsOptions {
  /** Region for regional endpoints (STS, Service Quotas); Organizations and IAM are global. */
  readonly region: string;
  /** A profile of ~/.aws/config; otherwise the standard chain (environment, aws-vault, SSO, instance role). */
  readonly profile?: string;
}

/**
 * Adaptive retries: the SDK slows down on throttling (Organizations allows a few calls a
 * second per account) instead of failing at 1,000 accounts.
 */
const RETRIES = { retryMode: 'adaptive', maxAttempts: 10 } as const;

/**
 * The SDK warns on every run under Node 20 that its releases after January 2027 will need
 * Node 22. This project pins its SDK versions, so the warning is about an upgrade, not this
 * run: it is off unless AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED is set otherwise.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** SDK v3 clients of the caller (the management account) and, through AssumeRole, of member accounts. */
export class LiveClients {
  readonly organizations: OrganizationsClient;
  readonly sts: STSClient;
  readonly serviceQuotas: ServiceQuotasClient;

  constructor(private readonly options: AwsOptions) {
    useProfileInMessages(options.profile);
    const base = { region: options.region, ...(options.profile ? { profile: options.profile } : {}), ...RETRIES };
    // Organizations lives in us-east-1 (its only endpoint in the commercial partition); so does its quota.
    this.organizations = new OrganizationsClient({ ...base, region: 'us-east-1' });
    this.serviceQuotas = new ServiceQuotasClient({ ...base, region: 'us-east-1' });
    this.sts = new STSClient(base);
  }

  /** An IAM client of the caller's own account (the management account). */
  iamHere(): IAMClient {
    return new IAMClient({ region: this.options.region, ...(this.options.profile ? { profile: this.options.profile } : {}), ...RETRIES });
  }

  /** An IAM client inside `accountId`, as the cross-account role there. Throws AwsCallError naming sts:AssumeRole. */
  async iamIn(accountId: string, assumeRoleName: string, session: string): Promise<IAMClient> {
    const arn = roleArn(accountId, assumeRoleName);
    const { Credentials } = await awsCall('sts:AssumeRole', () => this.sts.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: session, DurationSeconds: 900 })), arn);
    if (!Credentials?.AccessKeyId || !Credentials.SecretAccessKey) throw new Error(`sts:AssumeRole (${arn}) returned no credentials`);
    return new IAMClient({
      region: this.options.region,
      credentials: { accessKeyId: Credentials.AccessKeyId, secretAccessKey: Credentials.SecretAccessKey, sessionToken: Credentials.SessionToken },
      ...RETRIES,
    });
  }
}
