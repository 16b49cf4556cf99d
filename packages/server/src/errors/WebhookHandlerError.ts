import { ChatwootError } from './ChatwootError';
import { WebhookVerificationError } from './WebhookVerificationError';

/** Why {@link WebhookHandlerError} was given to `onError`. */
export type WebhookHandlerErrorCode =
  /** Your `on[event]` threw or rejected (`cause` is what it threw): answered 500, the delivery forgotten for a retry. */
  | 'handler_failed'
  /**
   * The dedupe store failed or did not answer within `dedupeTimeoutMs` (`cause` says which): answered 500 and not
   * handled, or — told with status 200 — handled but not remembered.
   */
  | 'dedupe_failed'
  /** Another attempt of this delivery holds it (or died holding it, until its lease ends): answered 429 with `Retry-After`. */
  | 'delivery_in_progress'
  /** Anything else, e.g. the request stream broke while the body was read (`cause` says what): answered 500. */
  | 'internal_error';

/**
 * A delivery the webhook handler could not complete although nothing was wrong with it: your own handler failed, the
 * dedupe store did, or the request broke. `cause` holds the original error (your code's, or the store's) for your
 * logs; the answer Chatwoot gets carries only the `code`.
 */
export class WebhookHandlerError extends ChatwootError {
  override name = 'WebhookHandlerError';
  declare readonly code: WebhookHandlerErrorCode;
  constructor(code: WebhookHandlerErrorCode, message: string, cause?: unknown) {
    super(code, message, { cause });
  }
}

/**
 * What the webhook handler's `onError` receives: a `WebhookVerificationError` for a refused delivery (signature,
 * timestamp, body, shape; or a kept-as-unknown delivery with no `on.unknown`), a `WebhookHandlerError` otherwise.
 */
export type WebhookError = WebhookVerificationError | WebhookHandlerError;

/** Keeps our typed errors as they are and wraps anything else as `code`. */
export function toWebhookError(error: unknown, code: WebhookHandlerErrorCode, message: string): WebhookError {
  if (error instanceof WebhookVerificationError || error instanceof WebhookHandlerError) return error;
  return new WebhookHandlerError(code, message, error);
}
