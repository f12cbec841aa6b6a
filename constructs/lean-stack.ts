import type { IConstruct } from 'constructs';
import { DefaultTokenResolver, StringConcat, TerraformElement, TerraformOutput, TerraformStack, Tokenization } from './cdktf';

const RESOLVER = new DefaultTokenResolver(new StringConcat());

type Json = Record<string, unknown>;

/**
 * The base of every stack of this app (stacks/org-stack.ts): it synthesizes the JSON cdktf 0.21 would, with less work (about 4
 * of 12 s of CPU at 10,000 members; the same bytes, __tests__/stacks/org-stack.test.ts):
 *
 * - `prepareStack` does not resolve every element once more: that run only finds references
 *   to another stack's resources, and this app makes none (ids cross stacks through explicit
 *   remote state, constructs/account-id-source.ts).
 * - `toTerraform` resolves each element once, as cdktf does, but not the merged document a
 *   second time (nothing is left to resolve in it), and merges lists by appending rather
 *   than by copying them (quadratic in the 5,000 import blocks of a 10,000-member org).
 */
export class LeanStack extends TerraformStack {
  /** What addOverride set, as cdktf keeps it (privately) in rawOverrides. */
  private readonly overrides: Json = {};

  override prepareStack(): void {
    this.ensureBackendExists();
  }

  override addOverride(path: string, value: unknown): void {
    super.addOverride(path, value);
    const parts = path.split('.');
    let node = this.overrides;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      node = (node[part] = next !== null && typeof next === 'object' && !Array.isArray(next) ? next : {}) as Json;
    }
    node[parts[parts.length - 1]] = value;
  }

  override toTerraform(): Json {
    const resolve = <T>(value: T): T => Tokenization.resolve(value, { scope: this, preparing: false, resolver: RESOLVER }) as T;
    const elements = stackElements(this);
    const metadata: Json = {
      version: this.node.tryGetContext('cdktfVersion'),
      stackName: this.node.id,
      backend: 'local',
      cloud: undefined,
      ...(Object.keys(this.overrides).length ? { overrides: { stack: Object.keys(this.overrides) } } : {}),
    };
    for (const e of elements) mergeInto(metadata, resolve(e.toMetadata()) as Json);
    const outputs: Json = {};
    for (const e of elements) {
      if (!TerraformOutput.isTerraformOutput(e)) continue;
      const nested = e.node.path.split('/').reduceRight<Json>((inner, part) => ({ [part]: Object.keys(inner).length ? inner : e.friendlyUniqueId }), {});
      mergeInto(outputs, nested);
    }
    const tf: Json = { '//': { metadata: dropUndefined(metadata), outputs } };
    for (const e of elements) mergeInto(tf, resolve(e.toTerraform()) as Json);
    mergeInto(tf, resolve(this.overrides));
    return tf;
  }
}

/** The elements of `stack`, depth first, not entering nested stacks: cdktf's order. */
function stackElements(node: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(node)) into.push(node);
  for (const child of node.node.children) if (!TerraformStack.isStack(child)) stackElements(child, into);
  return into;
}

/**
 * cdktf's deepMerge for resolved JSON: objects merge key by key, lists are concatenated, an
 * undefined value deletes the key, anything else replaces.
 */
function mergeInto(target: Json, source: Json): void {
  for (const [key, value] of Object.entries(source)) {
    if (Array.isArray(value)) {
      const current = target[key];
      if (Array.isArray(current)) current.push(...(value as unknown[]));
      else target[key] = [...(value as unknown[])];
    } else if (value !== null && typeof value === 'object') {
      if (target[key] === null || typeof target[key] !== 'object') target[key] = {};
      mergeInto(target[key] as Json, value as Json);
    } else if (value === undefined) delete target[key];
    else target[key] = value;
  }
}

/** What cdktf's final resolve drops from the metadata (cloud: undefined). */
function dropUndefined(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
