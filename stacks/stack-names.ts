/**
 * Names shared by the stacks and by the tools that read their output (the CLI, the
 * tests). Kept free of imports so that reading them loads no cdktf.
 */
export const MANAGEMENT_STACK = 'management';
export const IDENTITY_STACK = 'identity';
/** The management stack's output: a map from account name to account id. */
export const ACCOUNT_IDS_OUTPUT = 'account_ids';
