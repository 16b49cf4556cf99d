import { ChatwootError } from '../errors/ChatwootError';

/**
 * Thrown when other creates of a contact with the same phone number (in this process, or in another one sharing the
 * `store`) held their turn for longer than `lockWaitMs`. Thrown before the create is sent: nothing was created, so
 * calling again later is safe. `syncContacts` reports it in `failed` for that customer.
 *
 * Code `contact_lock_timeout`.
 */
export class ContactLockTimeoutError extends ChatwootError {
  override name = 'ContactLockTimeoutError';
  constructor(
    /** How long this call waited, in ms. */
    readonly waitedMs: number,
    /** How many times it tried the store's lease (0 when it never got past the calls ahead of it in this process). */
    readonly attempts: number,
  ) {
    super(
      'contact_lock_timeout',
      `Another create of a contact with this phone number held the turn for ${waitedMs} ms ` +
        `(${attempts} lease attempts); no contact was created, so it is safe to try again.`,
    );
  }
}
