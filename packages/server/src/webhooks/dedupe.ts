import type { Store } from '../store/types';

/**
 * Where the webhook handler remembers which `X-Chatwoot-Delivery` ids it has handled. Any `Store` fits (share a
 * Redis store between instances so a duplicate is caught whichever instance receives it).
 */
export type WebhookDedupe = Pick<Store, 'setIfAbsent' | 'delete'>;

export interface MemoryDedupeOptions {
  /** Most ids kept; the oldest are forgotten first. Default 100,000 (a few MB). */
  maxEntries?: number;
  /** For tests: the clock in epoch milliseconds. */
  now?: () => number;
}

/**
 * The default dedupe: in this process only, ids expire after their TTL, memory bounded by `maxEntries`. Enough for
 * one instance; with several, pass a shared store instead.
 */
export function createMemoryDedupe(options: MemoryDedupeOptions = {}): WebhookDedupe {
  const maxEntries = options.maxEntries ?? 100_000;
  const now = options.now ?? Date.now;
  // Map keeps insertion order, so the first entries are the oldest: cheap eviction and expiry sweeps.
  const expiries = new Map<string, number>();

  function sweep(at: number): void {
    for (const [key, expiresAt] of expiries) {
      if (expiresAt > at && expiries.size <= maxEntries) break;
      expiries.delete(key);
    }
  }

  return {
    async setIfAbsent(key, _value, ttlMs) {
      const at = now();
      const expiresAt = expiries.get(key);
      if (expiresAt !== undefined && expiresAt > at) return false;
      expiries.delete(key);
      expiries.set(key, at + ttlMs);
      if (expiries.size > maxEntries) sweep(at);
      else {
        // Drop expired entries from the front now and then, so a quiet process does not hold them forever.
        const first = expiries.entries().next().value;
        if (first && first[1] <= at) sweep(at);
      }
      return true;
    },
    async delete(key) {
      expiries.delete(key);
    },
  };
}
