import { readOutputsFile, requireIds, resolveAccountIds } from '../resolve-account-ids';
import { accountsNeeded, buildProfiles, type RoleProfile } from '../aws-profiles';
import { renderExtensionConfig } from '../extension-config';
import { renderCredentialConfig, type CredentialFormat } from '../credential-formats';
import { loadOrg } from '../../lock/load-org';
import { renderLinks } from '../switch-role';
import { userAccess } from '../../access/user-access';

export interface AwsConfigOptions {
  readonly config: string;
  readonly user: string;
  readonly outputs?: string;
  readonly links?: boolean;
  readonly extension?: boolean;
  /** The tool the profiles are for; default aws-vault. */
  readonly format?: CredentialFormat;
}

/** The text `aws-config` prints: profiles for aws-vault, Granted or `aws login`, or switch-role links, or the extension config. */
export function awsConfigCommand(options: AwsConfigOptions): string {
  const { config } = loadOrg(options.config);
  const access = userAccess(config, options.user);
  const ids = resolveAccountIds(config, options.outputs ? readOutputsFile(options.outputs) : undefined);
  requireIds(ids, accountsNeeded(access, config), options.outputs !== undefined);
  const profiles = buildProfiles(config, access, ids);
  if (options.links) return renderLinks(profiles.filter((p): p is RoleProfile => p.kind === 'role'));
  if (options.extension) return renderExtensionConfig(profiles);
  return renderCredentialConfig(options.format ?? 'aws-vault', profiles, options.user, options.config);
}
