import { compareNames } from '../config/iam-names';

/**
 * What Terraform state may still hold under an old address: renames (moves) and accounts or
 * OUs that were retired and then deleted from the config (forgotten). The lock keeps them, and
 * synth writes them as moved and removed blocks on every run (no-ops once applied), so that a
 * second synth before an apply loses nothing. All keys are Terraform keys (terraformKey).
 */
export interface LockHistory {
  /** Collapsed: each old key points at the account's latest key. `stack` is absent for the identity account. */
  readonly accountMoves: readonly AccountMove[];
  readonly forgottenAccounts: readonly ForgottenAccount[];
  readonly ouMoves: readonly KeyMove[];
  readonly forgottenOus: readonly string[];
}

export interface KeyMove {
  readonly from: string;
  readonly to: string;
}

export interface AccountMove extends KeyMove {
  /** The account's trust stack, where its role's address moves too; absent for the identity account. */
  readonly stack?: string;
}

export interface ForgottenAccount {
  readonly key: string;
  readonly stack: string;
  /** Its id, where known: the trust stack keeps a provider for the role until the forget is applied. */
  readonly accountId?: string;
}

export const EMPTY_HISTORY: LockHistory = { accountMoves: [], forgottenAccounts: [], ouMoves: [], forgottenOus: [] };

/**
 * Adds moves, in the order they happened, to collapsed ones: A→B then B→C gives A→C and B→C;
 * A→B then B→A leaves B→A; self-moves (a change of case) are dropped.
 */
export function addMoves<M extends KeyMove>(moves: readonly M[], added: readonly M[]): M[] {
  let out = [...moves];
  for (const move of added) {
    out = out.map((m) => (m.to === move.from ? { ...m, to: move.to } : m)).filter((m) => m.from !== move.from);
    out.push(move);
  }
  return out.filter((m) => m.from !== m.to);
}

/** Moves into a forgotten key are forgotten too: whatever state sits at their source is that same object. */
export function forgetMoved<M extends KeyMove>(moves: readonly M[], forgotten: ReadonlySet<string>): { kept: M[]; forgotten: M[] } {
  return { kept: moves.filter((m) => !forgotten.has(m.to)), forgotten: moves.filter((m) => forgotten.has(m.to)) };
}

const byMove = (a: KeyMove, b: KeyMove) => compareNames(a.from, b.from) || compareNames(a.to, b.to);

/** Records this synth's account renames and forgotten accounts; drops what the config declares again. */
export function nextAccountHistory(
  previous: LockHistory,
  moves: readonly AccountMove[],
  forgotten: readonly ForgottenAccount[],
  declared: ReadonlySet<string>,
): Pick<LockHistory, 'accountMoves' | 'forgottenAccounts'> {
  const collapsed = forgetMoved(addMoves(previous.accountMoves, moves), new Set(forgotten.map((f) => f.key)));
  const gone = [
    ...previous.forgottenAccounts,
    ...forgotten,
    // State may still sit at a move's old address, under the provider alias of that old key.
    ...collapsed.forgotten
      .filter((m) => m.stack !== undefined)
      .map((m) => ({ key: m.from, stack: m.stack!, ...idOf(forgotten.find((f) => f.key === m.to)) })),
  ];
  const forgottenAccounts = unique(gone.filter((f) => !declared.has(f.key)), (f) => `${f.key} ${f.stack}`).sort(
    (a, b) => compareNames(a.key, b.key) || compareNames(a.stack, b.stack),
  );
  return { accountMoves: collapsed.kept.filter((m) => !declared.has(m.from)).sort(byMove), forgottenAccounts };
}

const idOf = (f: ForgottenAccount | undefined) => (f?.accountId ? { accountId: f.accountId } : {});

/** Records this synth's OU renames and forgotten OUs; drops what the config declares again. */
export function nextOuHistory(
  previous: LockHistory,
  moves: readonly KeyMove[],
  forgotten: readonly string[],
  declared: ReadonlySet<string>,
): Pick<LockHistory, 'ouMoves' | 'forgottenOus'> {
  const collapsed = forgetMoved(addMoves(previous.ouMoves, moves), new Set(forgotten));
  const gone = [...previous.forgottenOus, ...forgotten, ...collapsed.forgotten.map((m) => m.from)];
  return {
    ouMoves: collapsed.kept.filter((m) => !declared.has(m.from)).sort(byMove),
    forgottenOus: [...new Set(gone)].filter((k) => !declared.has(k)).sort(compareNames),
  };
}

/**
 * Collapsed moves as Terraform accepts them: each address may be the source of one move and
 * the target of one, so the sources of one target form a chain (A→B, B→C rather than A→C, B→C).
 * State at any source still ends at the target.
 */
export function movedChain<M extends KeyMove>(moves: readonly M[]): KeyMove[] {
  const sources = new Map<string, string[]>();
  for (const m of moves) sources.set(m.to, [...(sources.get(m.to) ?? []), m.from]);
  const chain: KeyMove[] = [];
  for (const [to, from] of sources) {
    const path = [...new Set(from)].sort(compareNames);
    path.forEach((key, i) => chain.push({ from: key, to: path[i + 1] ?? to }));
  }
  return chain.sort(byMove);
}

export function isEmptyHistory(history: LockHistory): boolean {
  return !history.accountMoves.length && !history.forgottenAccounts.length && !history.ouMoves.length && !history.forgottenOus.length;
}

function unique<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(key(item)) && Boolean(seen.add(key(item))));
}
