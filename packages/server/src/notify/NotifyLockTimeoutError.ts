import { ChatwootError } from '../errors/ChatwootError';

/**
 * Thrown by `notify` when another call for the same contact and inbox (in this process, or in another one sharing
 * the `store`) held the conversation lock for longer than `lockWaitMs`. Thrown before the message is posted:
 * nothing was sent, so calling `notify` again later is safe.
 *
 * Code `notify_lock_timeout`.
 */
export class NotifyLockTimeoutError extends ChatwootError {
  override name = 'NotifyLockTimeoutError';
  constructor(
    /** How long this call waited, in ms. */
    readonly waitedMs: number,
    /** How many times it tried the store's lease (0 when it never got past the calls ahead of it in this process). */
    readonly attempts: number,
  ) {
    super(
      'notify_lock_timeout',
      `Another notify() for this contact and inbox held the conversation lock for ${waitedMs} ms ` +
        `(${attempts} lease attempts); nothing was posted, so it is safe to call notify() again.`,
    );
  }
}
