import { boundEchoes, ConfigError } from './config-error';

/**
 * Prints an error the way every entry point does and returns the exit code: the message
 * alone for bad input (1), `error: message` for anything else (2), with the stack only
 * under DEBUG=1.
 */
export function reportFailure(e: unknown, isUserError: (e: unknown) => boolean = () => false): number {
  if (e instanceof ConfigError || isUserError(e)) {
    process.stderr.write(`${boundEchoes((e as Error).message)}\n`);
    return 1;
  }
  const error = e instanceof Error ? e : new Error(String(e));
  process.stderr.write(`error: ${boundEchoes(error.message)}\n${process.env.DEBUG ? `${error.stack}\n` : ''}`);
  return 2;
}
