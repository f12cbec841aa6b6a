/**
 * Names shared by the stacks and by the tools that read their output (the CLI, the tests):
 * every stack name comes from here. The names themselves live in lock/stack-naming.ts, below
 * the lock that records them. Free of cdktf, so that reading them loads none.
 */
export {
  IDENTITY_STACK,
  MANAGEMENT_STACK,
  TRUST_STACK_PATTERN,
  isTrustStackName,
  rolloutOrder,
  trustStackName,
  trustStackNumber,
} from '../lock/stack-naming';

/** The management stack's output: a map from account name to account id. */
export const ACCOUNT_IDS_OUTPUT = 'account_ids';
/** The management stack's output: the organization id (o-…). */
export const ORGANIZATION_ID_OUTPUT = 'organization_id';
/** The management stack's output: OU key (terraformKey of the OU path) to its entity path "o-…/r-…/ou-…/". */
export const OU_PATHS_OUTPUT = 'ou_org_paths';
