import { IDENTITY_STACK, MANAGEMENT_STACK, rolloutOrder } from '../../stacks/stack-names';

/**
 * A repo-level atlantis.yaml (version 3): one project per stack, in the synthesized JSON's
 * folder. The identity and trust stacks depend on management (they read its account ids)
 * and run in a later execution order group; an apply that fails stops the later groups.
 */
export function atlantisConfig(stacks: readonly string[]): Record<string, unknown> {
  const ordered = rolloutOrder(stacks);
  if (ordered[0] !== MANAGEMENT_STACK || ordered[1] !== IDENTITY_STACK) throw new Error(`stacks must include ${MANAGEMENT_STACK} and ${IDENTITY_STACK}: ${ordered.join(', ')}`);
  return {
    version: 3,
    automerge: false,
    parallel_plan: true,
    parallel_apply: true,
    abort_on_execution_order_fail: true,
    projects: ordered.map((stack) => ({
      name: stack,
      dir: `cdktf.out/stacks/${stack}`,
      workspace: 'default',
      execution_order_group: stack === MANAGEMENT_STACK ? 0 : 1,
      ...(stack === MANAGEMENT_STACK ? {} : { depends_on: [MANAGEMENT_STACK] }),
      autoplan: { enabled: true, when_modified: ['cdk.tf.json'] },
      plan_requirements: ['undiverged'],
      apply_requirements: ['approved', 'mergeable', 'undiverged'],
    })),
  };
}
