/** The e2e harness: see e2e/README.md. */
export { MANAGEMENT_ACCOUNT_ID, DUMMY_CREDENTIALS, awsEnv, sdkConfig, withoutAwsSettings, type AwsCredentials } from './aws-env';
export { assumeInto, iamIn } from './assume';
export { startE2eEnvironment, type E2eEnvironment, type E2eOptions } from './environment';
export { startMoto, freePort, type MotoServer } from './moto-server';
export { ensureMoto } from './venv';
export { SENTINEL_INLINE_POLICY, createMemberAccount, createOrganization, giveRoleItsAwsPolicies, type EmulatedOrganization } from './organization';
export { DEFAULT_STACK_CONCURRENCY, applyAll, planAll, unclean, type ApplyOptions, type StackPlan } from './rollout';
export { planChanges, planJson, savedPlanJson, type OutputChange, type PlanJson, type ResourceChange } from './plan-json';
export { run, type RunResult } from './run';
export { TerraformError, TerraformStackRunner, type PlanOutcome } from './terraform';
export { findProviderMirror, terraformEnv, writeTerraformCliConfig } from './terraform-env';
export { OrgWorkspace, type StackSnapshot, type SynthOptions } from './workspace';
export { rolloutOrder } from '../../stacks/stack-names';
export { REPO_ROOT, VENV_DIR } from './paths';
export {
  accountEntityPaths,
  accountsByOuPath,
  attachedPolicyArns,
  awsPrincipals,
  expectMemberTrust,
  groupAssumableAccounts,
  inlinePolicyNames,
  trustPolicy,
  type PolicyStatement,
} from './checks';
export { exampleOrgForEmulator } from './example-org';
export { StackValidator } from './stack-validator';
export { sampleTreeMemory, type TreeMemory } from './process-memory';
