import type { TerraformStackRunner } from '../harness';

export interface ResourceChange {
  readonly address: string;
  readonly type: string;
  readonly actions: readonly string[];
  readonly importing: boolean;
}

/** `terraform plan -out` then `terraform show -json` of that plan: every resource change with its actions. */
export async function planChanges(tf: TerraformStackRunner): Promise<ResourceChange[]> {
  const plan = await tf.exec(['plan', '-out=e2e.tfplan', '-input=false', '-no-color', '-lock-timeout=30s']);
  if (plan.code !== 0) throw new Error(`terraform plan exited with ${plan.code}\n${plan.stderr}\n${plan.stdout.slice(-4000)}`);
  const show = await tf.exec(['show', '-json', 'e2e.tfplan']);
  if (show.code !== 0) throw new Error(`terraform show exited with ${show.code}\n${show.stderr}`);
  const json = JSON.parse(show.stdout) as { resource_changes?: { address: string; type: string; change: { actions: string[]; importing?: unknown } }[] };
  return (json.resource_changes ?? []).map((r) => ({ address: r.address, type: r.type, actions: r.change.actions, importing: r.change.importing !== undefined && r.change.importing !== null }));
}
