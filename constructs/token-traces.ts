/**
 * cdktf records where every token was created, for its messages about a token that fails to
 * resolve: `Error.captureStackTrace` on a plain object, whose `.stack` it then reads and splits
 * (cdktf/lib/tokens/private/stack-trace.js). Formatting those traces cost about 1 s of CPU at
 * 10,000 members, half the time spent building the constructs. While `build` runs, such plain
 * objects get an empty trace; every Error keeps its own, formatted as V8 does by default.
 * The synthesized JSON does not change (__tests__/constructs/token-traces.test.ts).
 */
export function withoutTokenTraces<T>(build: () => T): T {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (error: unknown, frames: NodeJS.CallSite[]) => {
    if (!(error instanceof Error)) return '';
    if (previous) return previous(error, frames);
    return `${error.name}: ${error.message}${frames.map((f) => `\n    at ${String(f)}`).join('')}`;
  };
  try {
    return build();
  } finally {
    Error.prepareStackTrace = previous;
  }
}
