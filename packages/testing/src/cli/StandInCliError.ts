/** What went wrong, for callers that branch on it (tests, scripts): `usage` is a bad flag, the rest a failed start. */
export type StandInCliErrorCode = 'usage' | 'port_in_use' | 'port_denied' | 'webhook_rejected';

/**
 * A failure `wootkit-standin` reports as one line (what went wrong and what to do). Exit code 2 for usage mistakes,
 * 1 for a start that failed. Messages never hold a token or secret.
 */
export class StandInCliError extends Error {
  override name = 'StandInCliError';
  constructor(
    readonly code: StandInCliErrorCode,
    message: string,
  ) {
    super(message);
  }

  get exitCode(): 1 | 2 {
    return this.code === 'usage' ? 2 : 1;
  }
}
