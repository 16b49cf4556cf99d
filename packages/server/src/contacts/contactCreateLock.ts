import { withConversationLock } from '../notify/conversationLock';
import { NotifyLockTimeoutError } from '../notify/NotifyLockTimeoutError';
import type { ContactLockOptions } from './Customer';
import { ContactLockTimeoutError } from './ContactLockTimeoutError';

/**
 * Rejects lock settings that are not whole positive milliseconds, before any request (a RangeError, like
 * `syncContacts`' `concurrency`).
 */
export function assertContactLockOptions(options: ContactLockOptions): void {
  for (const field of ['lockTtlMs', 'lockWaitMs'] as const) {
    const value = options[field];
    if (value !== undefined && (!Number.isSafeInteger(value) || value <= 0)) {
      throw new RangeError(`${field} must be a positive integer of milliseconds`);
    }
  }
}

/**
 * The lock key of creating a contact with this phone: one per real number, whichever of its stored forms the
 * customer gave (`phones` is `phoneVariants`' list; the smallest form names them all), per account.
 */
export function contactCreateLockKey(client: object, phones: readonly string[]): string {
  const accountId = (client as { accountId?: unknown }).accountId;
  const canonical = [...phones].sort()[0];
  return `contacts:lock:${typeof accountId === 'number' ? accountId : '-'}:${canonical}`;
}

/**
 * Runs `work` in the turn of `key`: one at a time in this process, and with a `store` one at a time across the
 * processes sharing it — the same turn-taking and store lease `notify` uses for conversations. Chatwoot keeps a
 * phone number unique only by a model validation (no unique index), so two creates that overlap both succeed; this
 * is what stops them overlapping.
 *
 * @throws {ContactLockTimeoutError} the turn stayed taken for `lockWaitMs`; `work` did not run.
 */
export async function withContactCreateLock<T>(key: string, options: ContactLockOptions, work: () => Promise<T>): Promise<T> {
  let started = false;
  try {
    return await withConversationLock(key, options, () => {
      started = true;
      return work();
    });
  } catch (error) {
    // Only the wait's own timeout is ours to rename; whatever `work` threw goes through untouched.
    if (!started && error instanceof NotifyLockTimeoutError) throw new ContactLockTimeoutError(error.waitedMs, error.attempts);
    throw error;
  }
}
