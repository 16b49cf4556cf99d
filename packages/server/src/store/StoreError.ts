import { ChatwootError } from '../errors/ChatwootError';

/** Stable reasons a {@link StoreError} carries. */
export type StoreErrorCode =
  /** The backing service (Redis) could not be reached in time: down, wrong URL, network, or too slow. */
  | 'store_unavailable'
  /** The backing service answered with an error (e.g. a key holding the wrong type, a script error). */
  | 'store_command_failed'
  /** An argument was out of range (a TTL that is not a positive integer of milliseconds, a fractional increment). */
  | 'store_invalid_argument'
  /** The store was used after `close()`. */
  | 'store_closed';

/**
 * Thrown by a {@link Store} when it cannot do what was asked. The message is one line with a hint; it never carries
 * a password from a Redis URL (credentials are stripped before a URL is shown).
 */
export class StoreError extends ChatwootError {
  override name = 'StoreError';
  declare readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
