import { hmacSha256, toHex } from '../crypto/webHmac';
import { CHATWOOT_DELIVERY_HEADER, CHATWOOT_SIGNATURE_HEADER, CHATWOOT_TIMESTAMP_HEADER } from './headers';

export interface SignWebhookInput {
  /** The webhook's, API channel's or agent bot's secret. */
  secret: string;
  /** The exact body that will be sent. */
  body: string;
  /** Unix seconds; default now. */
  timestamp?: number;
  /** `X-Chatwoot-Delivery` to send; default a random UUID. */
  deliveryId?: string;
}

/** The headers of a signed delivery, ready for `fetch` (with `content-type`). */
// A type literal (not an interface) so it fits `HeadersInit` as it is.
export type SignedWebhookHeaders = {
  'content-type': 'application/json';
  'x-chatwoot-timestamp': string;
  'x-chatwoot-signature': string;
  'x-chatwoot-delivery': string;
};

/**
 * Signs a body as Chatwoot does (Chatwoot v4.15.1, `lib/webhooks/trigger.rb`): `sha256=` + hex HMAC-SHA256 over
 * `"<timestamp>.<body>"` with the secret, sent with `X-Chatwoot-Timestamp` and a delivery id. For test deliveries
 * (`wootkit doctor`) and for tests of a host app's endpoint; `verifyWebhook` accepts what it signs. Web Crypto only, so
 * it runs wherever `verifyWebhook` does.
 */
export async function signWebhook(input: SignWebhookInput): Promise<SignedWebhookHeaders> {
  const timestamp = String(input.timestamp ?? Math.floor(Date.now() / 1000));
  const hex = toHex(await hmacSha256(input.secret, `${timestamp}.${input.body}`));
  return {
    'content-type': 'application/json',
    [CHATWOOT_TIMESTAMP_HEADER]: timestamp,
    [CHATWOOT_SIGNATURE_HEADER]: `sha256=${hex}`,
    [CHATWOOT_DELIVERY_HEADER]: input.deliveryId ?? crypto.randomUUID(),
  } as SignedWebhookHeaders;
}
