import { GetRoleCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { LiveClients } from './aws-clients';
import { AwsCallError, awsCall } from './aws-error';
import { parsePolicyText } from './policy-normalize';

export type RoleRead =
  | { readonly ok: true; readonly trustPolicy: unknown }
  | { readonly ok: false; readonly error: AwsCallError };

/**
 * Assumes the cross-account role in a member account and reads that same role (GetRole).
 * Reading is the real test: an emulator, unlike AWS, lets AssumeRole succeed where the role
 * does not exist, and a role the runner may assume but not read cannot be imported either.
 */
export async function readMemberRole(clients: LiveClients, accountId: string, memberRoleName: string, session: string): Promise<RoleRead> {
  try {
    const iam = await clients.iamIn(accountId, memberRoleName, session);
    const { Role } = await awsCall('iam:GetRole', () => iam.send(new GetRoleCommand({ RoleName: memberRoleName })), `${memberRoleName} in ${accountId}`);
    return { ok: true, trustPolicy: parsePolicyText(Role?.AssumeRolePolicyDocument ?? '{}') };
  } catch (e) {
    if (e instanceof AwsCallError && e.code !== 'NoCredentials' && e.code !== 'NetworkError') return { ok: false, error: e };
    throw e;
  }
}

/** The trust policy of a role of the client's account; undefined when the role does not exist. */
export async function readRoleTrust(iam: IAMClient, roleName: string): Promise<unknown> {
  try {
    const { Role } = await awsCall('iam:GetRole', () => iam.send(new GetRoleCommand({ RoleName: roleName })), roleName);
    return parsePolicyText(Role?.AssumeRolePolicyDocument ?? '{}');
  } catch (e) {
    if (e instanceof AwsCallError && e.code === 'NoSuchEntity') return undefined;
    throw e;
  }
}
