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

/**
 * How long this process remembers that it made (or found) a contact for a phone key. A caller whose lookup ran
 * before that create finished reaches the turn within its lookup's time, which the client's timeouts and retries keep
 * far below this.
 */
const RECENT_CREATE_MS = 5 * 60_000;
/** key → when this process last made or found the contact, in insertion order (oldest first) so pruning is cheap. */
const recentCreates = new Map<string, number>();

/** Records that the turn of `key` ended with a contact, for {@link createdRecently}. */
export function markCreated(key: string, now = Date.now()): void {
  recentCreates.delete(key);
  recentCreates.set(key, now);
  for (const [oldKey, at] of recentCreates) {
    if (now - at < RECENT_CREATE_MS) break;
    recentCreates.delete(oldKey);
  }
}

/**
 * Whether a turn of `key` in this process ended with a contact lately: only then can the caller's earlier lookup be
 * out of date (without a store, no other process takes these turns), so only then is a second lookup worth its
 * request. That keeps a first sync of distinct customers at one lookup per batch.
 */
export function createdRecently(key: string, now = Date.now()): boolean {
  const at = recentCreates.get(key);
  return at !== undefined && now - at < RECENT_CREATE_MS;
}

