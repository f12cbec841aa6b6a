import { accountRoot } from '../../policies/document';

/**
 * The fix for a member account without the cross-account role, after the AWS Organizations
 * User Guide, "Creating the OrganizationAccountAccessRole in an invited member account":
 * accounts that joined by invitation do not get the role that CreateAccount makes.
 */
export function invitedAccountFix(props: { accountId: string; memberRoleName: string; managementAccountId: string }): string {
  return (
    `Fix (AWS Organizations User Guide, "Creating the OrganizationAccountAccessRole in an invited member account"): ` +
    `sign in to account ${props.accountId} as an administrator, create the IAM role ${props.memberRoleName} ` +
    `("AWS account" trusted entity, account ${props.managementAccountId}, i.e. Principal ${accountRoot(props.managementAccountId)}), ` +
    `attach AdministratorAccess, and run preflight again.`
  );
}
