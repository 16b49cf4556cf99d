import { InvalidNotificationError } from './InvalidNotificationError';
import { NotifyLockTimeoutError } from './NotifyLockTimeoutError';
import { takeProcessTurn } from './processLocks';
import { takeStoreLease, type LeaseStore } from './storeLease';

export const DEFAULT_LOCK_TTL_MS = 30_000;
/** Longer than the TTL, so a waiter outlasts the lease of a holder that crashed. */
export const DEFAULT_LOCK_WAIT_MS = 35_000;

export interface ConversationLockOptions {
  store?: LeaseStore | undefined;
  lockTtlMs?: number | undefined;
  lockWaitMs?: number | undefined;
  signal?: AbortSignal | undefined;
}

/** Rejects lock settings that are not whole positive milliseconds, before any request. */
export function assertLockOptions(options: ConversationLockOptions): void {
  for (const field of ['lockTtlMs', 'lockWaitMs'] as const) {
    const value = options[field];
    if (value !== undefined && (!Number.isSafeInteger(value) || value <= 0)) {
      throw new InvalidNotificationError(`${field} must be a positive integer of milliseconds`, field);
    }
  }
}

/**
 * The store key (and in-process key) of one contact's conversation in one inbox. The account id is part of it when
 * the client has one, so tenants sharing a store do not wait on each other.
 */
export function conversationLockKey(client: object, inboxId: number, contactId: number): string {
  const accountId = (client as { accountId?: unknown }).accountId;
  return `notify:lock:${typeof accountId === 'number' ? accountId : '-'}:${inboxId}:${contactId}`;
}

/**
 * Runs `work` while holding the lock of `key`: first this process's turn (so concurrent calls in one process queue
 * in memory and only one of them polls the store), then, with a `store`, a lease shared with other processes. Both
 * waits together last at most `lockWaitMs`.
 *
 * @throws {NotifyLockTimeoutError} the lock stayed taken for `lockWaitMs`; `work` did not run.
 */
export async function withConversationLock<T>(
  key: string,
  options: ConversationLockOptions,
  work: () => Promise<T>,
): Promise<T> {
  const startedAt = Date.now();
  const deadline = startedAt + (options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS);
  const endTurn = await takeProcessTurn(key, deadline, options.signal);
  if (!endTurn) throw new NotifyLockTimeoutError(Date.now() - startedAt, 0);
  try {
    if (!options.store) return await work();
    const lease = await takeStoreLease(options.store, key, {
      ttlMs: options.lockTtlMs ?? DEFAULT_LOCK_TTL_MS,
      startedAt,
      deadline,
      signal: options.signal,
    });
    try {
      return await work();
    } finally {
      await lease.release();
    }
  } finally {
    endTurn();
  }
}
