/**
 * Node.js deprecation warnings that dependencies raise and a user can do nothing about. cdktf
 * 0.21 (archived; no fix will be published) calls util.isArray, which Node 22 and later report
 * as DEP0044 on every synth, on stderr, where `cdktf synth` shows it as an [ERROR].
 */
export const DEPENDENCY_DEPRECATIONS: readonly string[] = ['DEP0044'];

/** The code of a process.emitWarning call: emitWarning(w, type, code) or emitWarning(w, { code }). */
function warningCode(args: unknown[]): unknown {
  const [typeOrOptions, code] = args;
  return typeOrOptions !== null && typeof typeOrOptions === 'object' ? (typeOrOptions as { code?: unknown }).code : code;
}

/** Drops the warnings with these codes; every other warning is emitted as before. */
export function silenceDeprecations(codes: readonly string[] = DEPENDENCY_DEPRECATIONS): void {
  const emit = process.emitWarning;
  process.emitWarning = function (this: NodeJS.Process, ...args: Parameters<typeof emit>) {
    const code = warningCode(args.slice(1));
    if (typeof code === 'string' && codes.includes(code)) return;
    return (emit as (...a: unknown[]) => void).apply(this, args);
  } as typeof emit;
}
