/** An IAM role or user ARN of the aws partition: account, type, path and name (names and path segments in IAM's name characters). */
export const IAM_PRINCIPAL_ARN = /^arn:aws:iam::(\d{12}):(role|user)\/((?:[A-Za-z0-9+=,.@_-]+\/)*)([A-Za-z0-9+=,.@_-]+)$/;

export function iamPrincipalArnParts(arn: string): { accountId: string; type: 'role' | 'user'; name: string } | undefined {
  const m = IAM_PRINCIPAL_ARN.exec(arn);
  return m ? { accountId: m[1], type: m[2] as 'role' | 'user', name: m[4] } : undefined;
}
