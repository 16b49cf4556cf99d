/**
 * Base class of every error `@wootkit/server` throws. Match on `code` (stable) or `instanceof`; messages are for
 * people. No error ever carries the API access token, a webhook secret or an HMAC token: errors keep the status,
 * Chatwoot's message and the request path, never headers.
 */
export class ChatwootError extends Error {
  override name = 'ChatwootError';
  constructor(
    /** Stable, machine-readable reason, e.g. `api_error`, `rate_limited`, `invalid_signature`. */
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
