import type { Construct } from 'constructs';
import { movedChain, type KeyMove } from '../lock/history';
import { keyedConstructId } from './construct-ids';
import type { KeyedNames } from './keyed-names';
import { MovedBlock } from './moved-block';
import { RemovedBlock } from './removed-block';

/**
 * The lock's history as Terraform blocks: moved blocks for renames and removed blocks
 * (destroy = false) for what was retired and then deleted from the config. Written on every
 * synth; no-ops once applied. Keys sorted, so that the arrays never depend on YAML order.
 */
export function addHistoryBlocks(scope: Construct, names: KeyedNames, history: { moves: readonly KeyMove[]; forgotten: readonly string[] }): void {
  for (const move of movedChain(history.moves)) {
    new MovedBlock(scope, keyedConstructId('moved', names.logicalId(move.from)), { from: names.address(move.from), to: names.address(move.to) });
  }
  for (const key of [...new Set(history.forgotten)].sort()) new RemovedBlock(scope, keyedConstructId('forgotten', names.logicalId(key)), { from: names.address(key) });
}
