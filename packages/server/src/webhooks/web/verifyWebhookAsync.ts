import { concatUtf8, fromHex, hmacSha256, timingSafeEqualBytes } from '../../crypto/webHmac';
import { acceptSignedDelivery, isVerified, readDelivery, type NamedSecret, type SignedDelivery } from '../delivery';
import type { VerifiedWebhook, VerifyWebhookOptions, WebhookBody } from '../delivery';
import type { WebhookEvent } from '../events';
import type { WebhookHeaders } from '../headers';

/**
 * `verifyWebhook` on Web Crypto: the same checks, options, result and error codes, but asynchronous (Web Crypto's
 * HMAC returns a Promise) and with no `node:` module, so it runs on Cloudflare Workers, Vercel/Next.js Edge, Deno and
 * Bun as well as Node. On Node the synchronous `verifyWebhook` of `@wootkit/server` (on `node:crypto`) is faster.
 *
 * @example
 * // Cloudflare Worker
 * import { verifyWebhookAsync } from '@wootkit/server/webhooks';
 * const event = await verifyWebhookAsync(await request.text(), request.headers, { secret: env.CHATWOOT_WEBHOOK_SECRET });
 *
 * @throws {WebhookVerificationError} (as a rejection) `missing_signature`, `missing_timestamp`, `invalid_timestamp`,
 * `invalid_signature`, `timestamp_out_of_range`, `malformed_payload`, `missing_secret`.
 */
export async function verifyWebhookAsync(rawBody: WebhookBody, headers: WebhookHeaders, options: VerifyWebhookOptions): Promise<WebhookEvent> {
  return (await verifyWebhookDeliveryAsync(rawBody, headers, options)).event;
}

/** Like `verifyWebhookAsync`, and also returns the delivery id and timestamp (what a handler needs for dedupe). */
export async function verifyWebhookDeliveryAsync(
  rawBody: WebhookBody,
  headers: WebhookHeaders,
  options: VerifyWebhookOptions,
): Promise<VerifiedWebhook> {
  const delivery = readDelivery(rawBody, headers, options);
  if (isVerified(delivery)) return delivery;
  return acceptSignedDelivery(delivery, await signatureMatches(delivery), options);
}

/** The secret that signed the delivery, or undefined when none did. */
async function signatureMatches({ signatureHex, timestampHeader, body, secrets }: SignedDelivery): Promise<NamedSecret | undefined> {
  if (signatureHex === undefined) return undefined;
  const expected = fromHex(signatureHex);
  const message = concatUtf8(`${timestampHeader}.`, body);
  // Every secret is tried (no early exit) so timing does not tell which secret, if any, is in use.
  const digests = await Promise.all(secrets.map((named) => hmacSha256(named.secret, message)));
  let matched: NamedSecret | undefined;
  digests.forEach((digest, index) => {
    if (timingSafeEqualBytes(digest, expected)) matched ??= secrets[index];
  });
  return matched;
}
