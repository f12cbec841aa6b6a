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
