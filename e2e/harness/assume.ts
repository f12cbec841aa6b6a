import { IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentials } from './aws-env';
import type { E2eEnvironment } from './environment';

/** Credentials in `accountId` from assuming its role as the management account (moto answers as that account afterwards). */
export async function assumeInto(e2e: E2eEnvironment, accountId: string, roleName = 'OrganizationAccountAccessRole'): Promise<AwsCredentials> {
  const sts = new STSClient(e2e.sdk());
  const { Credentials } = await sts.send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/${roleName}`, RoleSessionName: 'org-trust-e2e' }),
  );
  return { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretAccessKey!, sessionToken: Credentials!.SessionToken };
}

/** An IAM client acting inside `accountId`. */
export async function iamIn(e2e: E2eEnvironment, accountId: string, roleName?: string): Promise<IAMClient> {
  return new IAMClient(e2e.sdk(await assumeInto(e2e, accountId, roleName)));
}
