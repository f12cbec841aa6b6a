/** What a live command prints on stdout and the exit code it asks for. */
export interface CommandResult {
  readonly stdout: string;
  readonly exitCode: number;
}
