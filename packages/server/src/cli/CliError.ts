/**
 * A failure the CLI reports as one line (what went wrong and what to do) with an exit code: 2 for usage and
 * configuration mistakes, 1 for everything else. Its message never holds a token or secret.
 */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}
