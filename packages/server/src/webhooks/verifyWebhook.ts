import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { acceptSignedDelivery, isVerified, readDelivery, type NamedSecret, type SignedDelivery } from './delivery';
import type { VerifiedWebhook, VerifyWebhookOptions, WebhookBody } from './delivery';
import type { WebhookEvent } from './events';
import type { WebhookHeaders } from './headers';

export type { VerifiedWebhook, VerifyWebhookOptions, WebhookBody } from './delivery';

/**
 * Verifies a Chatwoot webhook delivery and returns its typed event. Chatwoot signs `"<timestamp>.<raw body>"` with
 * HMAC-SHA256 under the webhook's secret and sends `X-Chatwoot-Signature: sha256=<hex>` and `X-Chatwoot-Timestamp`.
 * Pass the body exactly as received: Chatwoot writes `<`, `>`, `&` as `\u003c`… and re-serialising parsed JSON does not
 * give the signed bytes back. The comparison is constant-time; secrets never appear in errors.
 *
 * @example
 * const event = verifyWebhook(await request.text(), request.headers, { secret: process.env.CHATWOOT_WEBHOOK_SECRET });
 * if (event.event === 'message_created' && event.message_type === 'incoming') { ... }
 *
 * @throws {WebhookVerificationError} `missing_signature`, `missing_timestamp`, `invalid_timestamp`,
 * `invalid_signature`, `timestamp_out_of_range`, `malformed_payload`, `missing_secret`.
 */
export function verifyWebhook(rawBody: WebhookBody, headers: WebhookHeaders, options: VerifyWebhookOptions): WebhookEvent {
  return verifyWebhookDelivery(rawBody, headers, options).event;
}

/** Like `verifyWebhook`, and also returns the delivery id and timestamp (what a handler needs for dedupe). */
export function verifyWebhookDelivery(
  rawBody: WebhookBody,
  headers: WebhookHeaders,
  options: VerifyWebhookOptions,
): VerifiedWebhook {
  const delivery = readDelivery(rawBody, headers, options);
  if (isVerified(delivery)) return delivery;
  return acceptSignedDelivery(delivery, signatureMatches(delivery), options);
}

/** The secret that signed the delivery, or undefined when none did. */
function signatureMatches({ signatureHex, timestampHeader: timestamp, body, secrets }: SignedDelivery): NamedSecret | undefined {
  if (signatureHex === undefined) return undefined;
  const expected = Buffer.from(signatureHex, 'hex');
  let matched: NamedSecret | undefined;
  // Every secret is tried (no early exit) so timing does not tell which secret, if any, is in use.
  for (const named of secrets) {
    const secret = named.secret;
    const hmac = createHmac('sha256', hmacKey(secret));
    // Two updates rather than one concatenated string: no copy of a large body just to prepend the timestamp.
    hmac.update(`${timestamp}.`, 'utf8');
    if (typeof body === 'string') hmac.update(body, 'utf8');
    else hmac.update(body);
    if (timingSafeEqual(hmac.digest(), expected)) matched ??= named;
  }
  return matched;
}

// Importing the key once per secret instead of on every delivery (a server verifies with the same few secrets).
const keyCache = new Map<string, KeyObject>();
const KEY_CACHE_SIZE = 16;

function hmacKey(secret: string): KeyObject {
  let key = keyCache.get(secret);
  if (key === undefined) {
    if (keyCache.size >= KEY_CACHE_SIZE) keyCache.clear();
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keyCache.set(secret, key);
  }
  return key;
}
