import type { Construct } from 'constructs';
import { nameTable, type NameTable } from '../config/name-table';
import { DefaultTokenResolver, StringConcat, TerraformOutput, Tokenization } from './cdktf';

export interface NameKeyedOutputProps {
  /** Name to value (a token or a literal), in the order the JSON lists them. */
  readonly entries: readonly (readonly [string, string])[];
  /** The output's description. */
  readonly description: string;
}

/**
 * A Terraform output whose value is a table keyed by names. cdktf copies an output's value
 * into plain objects on its way to the JSON (TerraformOutput's synthesizeValue, the token
 * resolver, the stack's deepMerge), where the key `__proto__` sets the prototype instead and
 * vanishes. So the stack that holds it replaces the value in its finished JSON with
 * `resolvedValue()`, a null-prototype table that keeps every name (see ManagementStack).
 */
export class NameKeyedOutput extends TerraformOutput {
  private readonly entries: readonly (readonly [string, string])[];

  constructor(scope: Construct, id: string, props: NameKeyedOutputProps) {
    super(scope, id, { value: nameTable(props.entries), description: props.description });
    this.entries = props.entries;
  }

  /** Every entry, its tokens resolved as cdktf resolves them (a list keeps every name: only objects lose keys). */
  resolvedValue(): NameTable<string> {
    const values = Tokenization.resolve(
      this.entries.map(([, value]) => value),
      { scope: this, resolver: new DefaultTokenResolver(new StringConcat()), preparing: false },
    ) as string[];
    return nameTable(this.entries.map(([name], i) => [name, values[i]]));
  }

  /** Puts the full table into the stack's finished JSON (`toTerraform()` of the stack). */
  writeInto(stackJson: { output?: Record<string, { value?: unknown }> }): void {
    const output = stackJson.output?.[this.friendlyUniqueId];
    if (output) output.value = this.resolvedValue();
  }
}
