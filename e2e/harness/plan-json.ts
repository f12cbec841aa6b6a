import type { TerraformStackRunner } from './terraform';

export interface ResourceChange {
  readonly address: string;
  /** Where a moved block brought it from. */
  readonly previousAddress?: string;
  readonly type: string;
  readonly actions: readonly string[];
  readonly importing: boolean;
  /** Top-level attributes whose planned value differs from the current one (or is unknown until apply). */
  readonly changedAttributes: readonly string[];
}

export interface OutputChange {
  readonly actions: readonly string[];
  readonly before: unknown;
  readonly after: unknown;
}

export interface PlanJson {
  readonly resources: readonly ResourceChange[];
  /** Only the outputs whose value changes. */
  readonly outputs: Readonly<Record<string, OutputChange>>;
}

interface RawChange {
  actions: string[];
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  after_unknown?: Record<string, unknown>;
  importing?: unknown;
}

function changedAttributes(change: RawChange): string[] {
  const before = change.before ?? {};
  const after = change.after ?? {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after), ...Object.keys(change.after_unknown ?? {})]);
  const differs = (k: string) => change.after_unknown?.[k] === true || JSON.stringify(before[k]) !== JSON.stringify(after[k]);
  return [...keys].filter(differs).sort();
}

/** What the plan that `tf.plan()` saved last would change, resource by resource and output by output. */
export async function savedPlanJson(tf: TerraformStackRunner): Promise<PlanJson> {
  const json = (await tf.showSavedPlan()) as {
    resource_changes?: { address: string; previous_address?: string; type: string; change: RawChange }[];
    output_changes?: Record<string, RawChange>;
  };
  const resources = (json.resource_changes ?? []).map((r) => ({
    address: r.address,
    previousAddress: r.previous_address,
    type: r.type,
    actions: r.change.actions,
    importing: r.change.importing !== undefined && r.change.importing !== null,
    changedAttributes: changedAttributes(r.change),
  }));
  const outputs = Object.fromEntries(
    Object.entries(json.output_changes ?? {})
      .filter(([, c]) => c.actions.join() !== 'no-op')
      .map(([name, c]) => [name, { actions: c.actions, before: c.before, after: c.after }]),
  );
  return { resources, outputs };
}

/** `terraform plan` (saved) then `terraform show -json` of it; throws if the plan fails. */
export async function planJson(tf: TerraformStackRunner): Promise<PlanJson> {
  const { outcome, result } = await tf.plan();
  if (outcome === 'error') throw new Error(`terraform plan exited with ${result.code}\n${result.stderr}\n${result.stdout.slice(-4000)}`);
  return savedPlanJson(tf);
}

/** Resource changes only (see planJson). */
export async function planChanges(tf: TerraformStackRunner): Promise<readonly ResourceChange[]> {
  return (await planJson(tf)).resources;
}
