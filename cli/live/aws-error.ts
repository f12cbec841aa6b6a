import { UserFacingError } from '../../errors/user-errors';

/**
 * Failures of AWS calls, said in one line that names the API call, so that a missing
 * credential or a denied permission reads as such and never as a stack trace.
 */
export class AwsCallError extends UserFacingError {
  /** Live commands exit 1 when an AWS call fails, as when something blocks the apply. */
  override readonly exitCode = 1;

  constructor(
    /** The API call, e.g. "organizations:ListAccountsForParent". */
    readonly api: string,
    /** The AWS error code (AccessDenied, NoSuchEntity, ...) or "NoCredentials". */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AwsCallError';
  }

  get denied(): boolean {
    return /AccessDenied|UnauthorizedOperation|NotAuthorized|Forbidden/i.test(this.code);
  }
}

const CREDENTIALS_HINT =
  'set credentials of the management account through the standard chain (for example `aws-vault exec billing-admin -- npx org-trust ...`, ' +
  'AWS_PROFILE or --profile, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)';

/**
 * The profile the clients of this process were given (--profile), if any. A missing profile
 * fails like missing credentials; the message must name it, not suggest --profile again.
 */
let profileInUse: string | undefined;
export function useProfileInMessages(profile: string | undefined): void {
  profileInUse = profile;
}

/** What to do when no credentials were found, for the profile in effect (--profile, then AWS_PROFILE) or none. */
function credentialsHint(): string {
  const profile = profileInUse ?? process.env.AWS_PROFILE;
  if (!profile) return CREDENTIALS_HINT;
  const how = profileInUse ? `--profile ${profile}` : `AWS_PROFILE=${profile}`;
  const files = `${process.env.AWS_CONFIG_FILE ?? '~/.aws/config'} or ${process.env.AWS_SHARED_CREDENTIALS_FILE ?? '~/.aws/credentials'}`;
  return `${how} gave none: check that ${files} has that profile and that it yields credentials of the management account (or run under aws-vault exec ${profile} -- npx org-trust ... without it)`;
}

/** Turns whatever the SDK threw into an AwsCallError naming `api` and, where given, what it was about. */
export function toAwsCallError(api: string, e: unknown, about?: string): AwsCallError {
  if (e instanceof AwsCallError) return e;
  const error = e as { name?: string; Code?: string; message?: string; $metadata?: unknown };
  const code = error?.Code ?? error?.name ?? 'Error';
  const where = about ? ` (${about})` : '';
  const reason = String(error?.message ?? e).split('\n')[0];
  if (code === 'CredentialsProviderError' || /Could not load credentials|credential/i.test(code)) {
    return new AwsCallError(api, 'NoCredentials', `${api}${where}: no AWS credentials found (${reason}); ${credentialsHint()}`);
  }
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT/.test(reason) || /ECONNREFUSED|ENOTFOUND/.test(code)) {
    return new AwsCallError(api, 'NetworkError', `${api}${where}: cannot reach the AWS endpoint (${reason}); check the network, AWS_ENDPOINT_URL and --region`);
  }
  const denied = /AccessDenied|UnauthorizedOperation|NotAuthorized/i.test(code);
  const hint = denied ? `; the caller needs permission for ${api} (see "IAM permissions" in the README)` : '';
  return new AwsCallError(api, code, `${api}${where} failed: ${code}: ${reason}${hint}`);
}

/** Runs one SDK call; any failure becomes an AwsCallError naming it. */
export async function awsCall<T>(api: string, send: () => Promise<T>, about?: string): Promise<T> {
  try {
    return await send();
  } catch (e) {
    throw toAwsCallError(api, e, about);
  }
}
