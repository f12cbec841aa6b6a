import { boundEchoes, UserFacingError } from './user-errors';

/** How an entry point numbers its failures. */
export interface ExitCodes {
  /** A UserFacingError (bad config, lock, options or arguments), printed alone. */
  readonly userError: number;
  /** Anything else: printed as `error: message`, with the stack only under DEBUG=1. */
  readonly unexpected: number;
}

/** The app (main.ts) and the offline commands: 1 for bad input, 2 for anything else. */
export const EXIT_CODES: ExitCodes = { userError: 1, unexpected: 2 };

/**
 * The live commands, where 1 already means "something blocks the apply" or "drift": 2 for bad
 * options or a bad config, 1 for anything else (an AWS call that failed says so itself).
 */
export const LIVE_EXIT_CODES: ExitCodes = { userError: 2, unexpected: 1 };

/** The one reporter: prints an error the way every entry point does and returns its exit code. */
export function reportFailure(e: unknown, codes: ExitCodes = EXIT_CODES): number {
  if (e instanceof UserFacingError) {
    process.stderr.write(`${boundEchoes(e.message)}\n`);
    return e.exitCode ?? codes.userError;
  }
  const error = e instanceof Error ? e : new Error(String(e));
  process.stderr.write(`error: ${boundEchoes(error.message)}\n${process.env.DEBUG ? `${error.stack}\n` : ''}`);
  return codes.unexpected;
}
