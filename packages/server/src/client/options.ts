import type { RateLimiter, RateLimitOptions } from './rateLimiter';
import type { RetryOptions } from './retry';

/** Observability callbacks. They receive no headers: nothing here can leak the token. */
export interface ChatwootClientHooks {
  /** Before each attempt, after the rate limiter let it through. */
  onRequest?(event: { method: string; path: string; attempt: number }): void;
  /** After each attempt that got an HTTP answer. */
  onResponse?(event: { method: string; path: string; attempt: number; status: number; durationMs: number }): void;
  /** Before waiting to retry a failed attempt. */
  onRetry?(event: { method: string; path: string; attempt: number; delayMs: number; error: Error }): void;
}

/** Options of {@link createChatwootClient}. */
export interface ChatwootClientOptions {
  /** Chatwoot's origin, e.g. `https://app.chatwoot.com` (a path prefix is kept). */
  baseUrl: string;
  /** A user's access token (Profile settings) or an agent bot's. Sent as the `api-access-token` header only (what Rails reads as `api_access_token`; proxies drop underscores). */
  apiAccessToken: string;
  /** The account every account-scoped resource addresses. */
  accountId: number;
  /** Time limit of one attempt in ms. Default 15000. */
  timeoutMs?: number;
  /** Retry policy of idempotent requests, or `false` for none. */
  retry?: RetryOptions | false;
  /**
   * Client-side rate limiting: options for a limiter of this client, a limiter shared by several clients (one per
   * IP is what Chatwoot counts), or `false` to turn it off. Default: 2500 requests/min, 90 contact searches/min.
   */
  rateLimit?: RateLimitOptions | RateLimiter | false;
  /** A Fetch implementation (default: the global `fetch`). */
  fetch?: typeof fetch;
  hooks?: ChatwootClientHooks;
}
