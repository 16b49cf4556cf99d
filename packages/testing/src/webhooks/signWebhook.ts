import { createHmac } from 'node:crypto';

export interface SignWebhookInput {
  /** The webhook's secret, as configured in Chatwoot. */
  secret: string;
  /** The exact body that will be sent. */
  body: string | Uint8Array;
  /** Unix seconds. Default: now. */
  timestamp?: number;
}

export interface WebhookSignature {
  /** Value for `X-Chatwoot-Timestamp`. */
  timestamp: string;
  /** Value for `X-Chatwoot-Signature`: `sha256=<lowercase hex>`. */
  signature: string;
}

/**
 * Signs a body the way Chatwoot (4.11.2+) does: HMAC-SHA256, key = the secret as UTF-8, message =
 * `"<timestamp>.<raw body>"`, sent as `sha256=<lowercase hex>`.
 */
export function signWebhook({ secret, body, timestamp }: SignWebhookInput): WebhookSignature {
  const ts = String(timestamp ?? Math.floor(Date.now() / 1000));
  const hmac = createHmac('sha256', secret).update(`${ts}.`, 'utf8');
  hmac.update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
  return { timestamp: ts, signature: `sha256=${hmac.digest('hex')}` };
}
