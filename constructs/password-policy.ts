import { IamAccountPasswordPolicy } from '@cdktf/provider-aws/lib/iam-account-password-policy';
import type { Construct } from 'constructs';
import type { PasswordPolicy } from '../config/model';

/** The account's IAM password policy, from the config (defaults follow CIS AWS Foundations). */
export function accountPasswordPolicy(scope: Construct, policy: PasswordPolicy): IamAccountPasswordPolicy {
  const resource = new IamAccountPasswordPolicy(scope, 'password-policy', {
    minimumPasswordLength: policy.minimumLength,
    requireUppercaseCharacters: policy.requireUppercase,
    requireLowercaseCharacters: policy.requireLowercase,
    requireNumbers: policy.requireNumbers,
    requireSymbols: policy.requireSymbols,
    allowUsersToChangePassword: policy.allowUsersToChangePassword,
    // IAM takes 1-1095 days; leaving it unset means passwords never expire.
    maxPasswordAge: policy.maxAgeDays > 0 ? policy.maxAgeDays : undefined,
    passwordReusePrevention: policy.reusePrevention,
    hardExpiry: policy.hardExpiry,
  });
  resource.overrideLogicalId('password_policy');
  return resource;
}
