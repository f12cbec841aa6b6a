/**
 * Names shared by the stacks and by the tools that read their output (the CLI, the
 * tests). Kept free of imports so that reading them loads no cdktf.
 */
export const MANAGEMENT_STACK = 'management';
export const IDENTITY_STACK = 'identity';
/** The management stack's output: a map from account name to account id. */
export const ACCOUNT_IDS_OUTPUT = 'account_ids';
/** The management stack's output: the organization id (o-…). */
export const ORGANIZATION_ID_OUTPUT = 'organization_id';
/** The management stack's output: OU key (terraformKey of the OU path) to its entity path "o-…/r-…/ou-…/". */
export const OU_PATHS_OUTPUT = 'ou_org_paths';
