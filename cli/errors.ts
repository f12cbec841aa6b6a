/**
 * A user-facing failure of a command: its message is printed alone (no stack trace) and
 * the process exits with code 1. ConfigError (config/config-error.ts) is treated the same.
 */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}
