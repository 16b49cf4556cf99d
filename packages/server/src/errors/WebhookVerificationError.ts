import { ChatwootError } from './ChatwootError';

/** Why a webhook delivery was refused. Stable: match on these, not on messages. */
export type WebhookVerificationErrorCode =
  /** `X-Chatwoot-Signature` is absent while a signature is required. */
  | 'missing_signature'
  /** `X-Chatwoot-Timestamp` is absent on a signed delivery. */
  | 'missing_timestamp'
  /** `X-Chatwoot-Timestamp` is not a unix time in seconds. */
  | 'invalid_timestamp'
  /** The signature does not match the body and timestamp under any configured secret. */
  | 'invalid_signature'
  /** The signature is right but the timestamp is further from now than `toleranceSeconds` (a replay or a bad clock). */
  | 'timestamp_out_of_range'
  /**
   * The body is not UTF-8 JSON of a Chatwoot webhook payload (refused, 400); or, told to `onError` with status 200, a
   * known event whose fields have an unexpected type, kept as `unknown` with no `on.unknown` handler.
   */
  | 'malformed_payload'
  /** Told to `onError` (status 200): an event name this version does not know, with no `on.unknown` handler. */
  | 'unknown_event'
  /** The body is larger than the handler's `maxBodyBytes`. */
  | 'payload_too_large'
  /** A signature is required but no secret was configured (a setup mistake, not the sender's fault). */
  | 'missing_secret'
  /** The raw body was already parsed by a JSON body parser, so its exact bytes (and the signature) are lost. */
  | 'raw_body_unavailable';

/**
 * Thrown by `verifyWebhook` and `parseWebhookEvent` (and reported by `createWebhookHandler`) when a delivery cannot
 * be trusted or read. The message says which check failed; it never contains a secret, a signature or the body.
 */
export class WebhookVerificationError extends ChatwootError {
  override name = 'WebhookVerificationError';
  declare readonly code: WebhookVerificationErrorCode;
  constructor(code: WebhookVerificationErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
