/** Settings of {@link createRateLimiter}. */
export interface RateLimitOptions {
  /**
   * Requests per minute for everything. Default 2500, under Chatwoot's 3000/min per IP (rack_attack) so a bulk job
   * never meets a 429.
   */
  requestsPerMinute?: number;
  /** Contact searches per minute, on top of the general budget. Default 90, under Chatwoot's 100/min per account. */
  searchesPerMinute?: number;
  /** How many requests may go at once after a quiet spell. Default: one second's worth (at least 1). */
  burst?: number;
  /** The same for contact searches. Default: one second's worth of searches (at least 1). */
  searchBurst?: number;
}

/** Which budget a request draws on: every request is `general`; contact searches also draw on `search`. */
export type RateLimitBucket = 'general' | 'search';

/**
 * A token-bucket limiter. `acquire` resolves when a request may go; waiters are served first come, first served.
 * Share one between clients that talk to the same Chatwoot from one IP.
 */
export interface RateLimiter {
  acquire(bucket: RateLimitBucket, signal?: AbortSignal): Promise<void>;
}

/** Creates a limiter with one general bucket and one for contact search. */
export function createRateLimiter(options: RateLimitOptions = {}): RateLimiter {
  const general = new TokenBucket(options.requestsPerMinute ?? 2500, options.burst);
  const search = new TokenBucket(options.searchesPerMinute ?? 90, options.searchBurst);
  return {
    async acquire(bucket, signal) {
      if (bucket === 'search') await search.take(signal);
      await general.take(signal);
    },
  };
}

/** Tells an options object from a ready limiter. */
export function isRateLimiter(value: unknown): value is RateLimiter {
  return typeof (value as RateLimiter | undefined)?.acquire === 'function';
}

class TokenBucket {
  private readonly perMs: number;
  private readonly capacity: number;
  private tokens: number;
  private last = Date.now();
  // A promise chain keeps waiters in order without a timer per waiter.
  private queue: Promise<void> = Promise.resolve();

  constructor(perMinute: number, burst?: number) {
    if (!(perMinute > 0)) throw new RangeError('rate limit per minute must be a positive number');
    this.perMs = perMinute / 60_000;
    this.capacity = Math.max(1, burst ?? Math.floor(perMinute / 60));
    this.tokens = this.capacity;
  }

  take(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.waitForToken(signal));
    // The next waiter goes after this one whatever happens to it.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitForToken(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.refill();
    if (this.tokens < 1) {
      await sleep((1 - this.tokens) / this.perMs, signal);
      this.refill();
    }
    this.tokens -= 1;
  }

  private refill(): void {
    const now = Date.now();
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.perMs);
    this.last = now;
  }
}

/** Resolves after `ms`, or rejects with the signal's reason when aborted first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, Math.ceil(ms)));
    function onAbort() {
      clearTimeout(timer);
      reject(signal!.reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
