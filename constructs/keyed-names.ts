/** Logical ids and Terraform addresses of one resource type whose instances are named by a stable key. */
export interface KeyedNames {
  /** account01 -> account_account01 */
  logicalId(key: string): string;
  /** account01 -> aws_organizations_account.account_account01 */
  address(key: string): string;
}

/**
 * The names of `type` resources keyed with `prefix`, so that import, moved and removed blocks
 * agree with the resources they point at.
 */
export function keyedNames(type: string, prefix: string): KeyedNames {
  const logicalId = (key: string) => `${prefix}_${key}`;
  return { logicalId, address: (key: string) => `${type}.${logicalId(key)}` };
}
