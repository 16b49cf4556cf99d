import { randomUUID } from 'node:crypto';
import { sleep } from '../client/rateLimiter';
import type { Store } from '../store/types';
import { NotifyLockTimeoutError } from './NotifyLockTimeoutError';

/** What a lease needs from a {@link Store}: take it if free, give it back only if still ours. */
export type LeaseStore = Pick<Store, 'setIfAbsent' | 'deleteIfEquals'>;

/** Pauses between tries grow from the first to the last, each with jitter so instances do not retry in step. */
const FIRST_PAUSE_MS = 25;
const LONGEST_PAUSE_MS = 500;
/** The shortest pause jitter can give; it bounds the number of tries within the wait. */
const SHORTEST_PAUSE_MS = FIRST_PAUSE_MS / 2;

export interface LeaseRequest {
  /** The lease expires by itself after this long, so a holder that crashed cannot keep it. */
  ttlMs: number;
  /** When this call started waiting (epoch ms), for the error. */
  startedAt: number;
  /** Give up at this time (epoch ms). */
  deadline: number;
  signal: AbortSignal | undefined;
}

/**
 * Takes the lease `key` in a store shared by several processes, polling until it is free: at most until
 * `deadline` and at most `deadline / shortest pause` tries. The value is a fresh random owner id, so `release`
 * deletes the lease only while it is still this caller's (not one another process took after it expired).
 *
 * @throws {NotifyLockTimeoutError} the lease stayed taken until the deadline.
 * @throws {StoreError} the store failed (e.g. Redis unreachable): no lease, so nothing is done.
 * @throws the signal's reason, when it aborts.
 */
export async function takeStoreLease(
  store: LeaseStore,
  key: string,
  request: LeaseRequest,
): Promise<{ release(): Promise<void> }> {
  const owner = randomUUID();
  const maxAttempts = Math.ceil((request.deadline - request.startedAt) / SHORTEST_PAUSE_MS) + 1;
  let pause = FIRST_PAUSE_MS;
  let attempts = 0;
  while (attempts < maxAttempts) {
    request.signal?.throwIfAborted();
    attempts += 1;
    if (await store.setIfAbsent(key, owner, request.ttlMs)) {
      return {
        async release() {
          // If the store fails here the lease still expires after ttlMs: waiting callers are delayed, not stuck.
          await store.deleteIfEquals(key, owner).catch(() => undefined);
        },
      };
    }
    const left = request.deadline - Date.now();
    if (left <= 0 || attempts === maxAttempts) break;
    await sleep(Math.min(left, pause / 2 + (Math.random() * pause) / 2), request.signal);
    pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
  }
  throw new NotifyLockTimeoutError(Date.now() - request.startedAt, attempts);
}
