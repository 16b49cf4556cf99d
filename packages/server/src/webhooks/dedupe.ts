import type { Store } from '../store/types';

/**
 * Where the webhook handler remembers which deliveries it has handled. Any `Store` fits: the default is
 * `createMemoryStore()` (this process only); pass a `createRedisStore(...)` shared by every instance so a duplicate is
 * caught whichever instance receives it.
 */
export type WebhookDedupe = Pick<Store, 'setIfAbsent' | 'get' | 'set' | 'deleteIfEquals'>;

export interface DeliveryClaimOptions {
  /** How long a handled delivery is remembered. */
  ttlMs: number;
  /** How long a delivery being handled is held before another attempt may take it over. */
  leaseMs: number;
  /** How long one store call may take before the attempt counts as failed. */
  timeoutMs: number;
  /** How long a copy waits for another attempt that holds the delivery before answering "in progress". */
  waitMs: number;
}

/** What one attempt learned from the store. */
export type ClaimOutcome =
  | { outcome: 'claimed'; claim: DeliveryClaim }
  | { outcome: 'duplicate' }
  /** Another attempt still held it after waiting (or died holding it): ask the sender to retry after the lease. */
  | { outcome: 'in_progress' };

export interface DeliveryClaim {
  /** The handler succeeded: remember the delivery for `ttlMs`. */
  done(): Promise<void>;
  /** The handler failed: give the delivery back at once (only this attempt's claim), so a retry is handled. */
  release(): Promise<void>;
}

const PENDING = 'pending:';
const DONE = 'done';
const POLL_MS = 50;
/** Bounds the wait loop whatever the clock does (e.g. frozen inside a Worker's request). */
const MAX_POLLS = 200;

/**
 * Claims a delivery in two steps, so that no failure leaves it unhandled for longer than a lease: a short
 * `pending:<token>` claim while the handler runs, replaced by `done` only after it succeeded. A claim that a crash, a
 * Redis outage or a stalled, late `SET NX` leaves behind expires after `leaseMs`; a release deletes only this
 * attempt's own claim (`deleteIfEquals`), never another's. Every store call is bounded by `timeoutMs`. Values written
 * by earlier versions (a timestamp) count as handled.
 */
export function createDeliveryClaims(dedupe: WebhookDedupe, options: DeliveryClaimOptions) {
  const bounded = <T>(call: () => Promise<T>): Promise<T> => withTimeout(call, options.timeoutMs);

  return {
    /** @throws when the store fails or does not answer in time (after giving back what this attempt claimed). */
    async claim(keys: readonly string[]): Promise<ClaimOutcome> {
      const value = PENDING + crypto.randomUUID();
      const held: string[] = [];
      const release = () => Promise.all(held.map((key) => bounded(() => dedupe.deleteIfEquals(key, value)).catch(() => false)));
      try {
        for (const key of keys) {
          const outcome = await claimKey(key, value);
          if (outcome === 'claimed') {
            held.push(key);
            continue;
          }
          // A copy of a handled delivery under a new key (a retry's fresh signature): remember that key as handled too.
          if (outcome === 'duplicate') await markDone(held);
          else await release();
          return { outcome };
        }
      } catch (error) {
        await release();
        throw error;
      }
      return {
        outcome: 'claimed',
        claim: { done: () => markDone(held), release: async () => void (await release()) },
      };
    },
  };

  /**
   * One key. Held by another attempt: wait (polling, at most `waitMs`) for it to finish — then this is a duplicate —
   * or to give the key back or lose it with its lease — then this attempt takes it over and handles the delivery.
   */
  async function claimKey(key: string, value: string): Promise<'claimed' | 'duplicate' | 'in_progress'> {
    const deadline = Date.now() + options.waitMs;
    for (let poll = 0; poll <= MAX_POLLS; poll++) {
      if (await bounded(() => dedupe.setIfAbsent(key, value, options.leaseMs))) return 'claimed';
      const current = await bounded(() => dedupe.get(key));
      if (current !== null && !current.startsWith(PENDING)) return 'duplicate';
      if (current !== null && Date.now() >= deadline) return 'in_progress';
      if (current !== null) await sleep(Math.min(POLL_MS, Math.max(0, deadline - Date.now())));
    }
    return 'in_progress';
  }

  async function markDone(keys: readonly string[]): Promise<void> {
    for (const key of keys) await bounded(() => dedupe.set(key, DONE, options.ttlMs));
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function withTimeout<T>(call: () => Promise<T>, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The dedupe store did not answer within ${timeoutMs} ms`)), timeoutMs);
    Promise.resolve().then(call).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
