/** How idempotent requests are retried. Chatwoot sends no Retry-After, so the client backs off on its own. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 3. */
  limit?: number;
  /** Backoff base in ms: attempt n waits a random time up to `baseDelayMs * 2^(n-1)` ("full jitter"). Default 500. */
  baseDelayMs?: number;
  /** Cap of one wait in ms. Default 8000. */
  maxDelayMs?: number;
  /** No retry starts after this many ms since the first attempt. Default 30000. */
  maxElapsedMs?: number;
}

/** Retry settings with every default filled in. */
export type ResolvedRetry = Required<RetryOptions>;

/** Normalises the `retry` option once, at client creation. */
export function resolveRetry(options: RetryOptions | false | undefined): ResolvedRetry {
  if (options === false) return { limit: 0, baseDelayMs: 0, maxDelayMs: 0, maxElapsedMs: 0 };
  return {
    limit: options?.limit ?? 3,
    baseDelayMs: options?.baseDelayMs ?? 500,
    maxDelayMs: options?.maxDelayMs ?? 8000,
    maxElapsedMs: options?.maxElapsedMs ?? 30_000,
  };
}

/** The wait before retry number `retry` (1-based): exponential, capped, fully jittered so clients spread out. */
export function backoffDelay(retry: ResolvedRetry, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(random() * ceiling);
}

/**
 * How a request may be retried:
 * - `idempotent`: GET, PUT, PATCH, DELETE and the read-only POSTs (filter): retried on 429, 5xx, timeouts and network
 *   errors;
 * - `create`: a POST that creates something (contact, conversation, message, webhook, contact inbox): retried only on
 *   429, which Chatwoot sends before processing; anything else could make a duplicate.
 */
export type RetryMode = 'idempotent' | 'create';
