import { randomUUID } from 'node:crypto';
import { signWebhook } from './signWebhook';
import { toRailsJson } from './toRailsJson';

export interface DeliverWebhookInput {
  /** The receiver. Tests only deliver to 127.0.0.1. */
  url: string;
  /** The payload object (serialised like Rails) or an exact body string to send as is. */
  payload: unknown;
  /** The webhook's secret. Without one, Chatwoot sends no signature headers (automation and macro webhooks). */
  secret?: string;
  /**
   * `X-Chatwoot-Delivery`, sent on every account, API-inbox and agent-bot delivery whether signed or not; default a
   * new UUID. Reuse one to simulate a duplicate delivery; `null` sends none (automation and macro webhooks).
   */
  deliveryId?: string | null;
  /**
   * Extra attempts after a 429 or 500 answer, the only ones Chatwoot retries (Chatwoot v4.15.1,
   * `lib/webhooks/trigger.rb`, `RETRYABLE_AGENT_BOT_STATUSES`; other statuses, network errors and timeouts are not).
   * Default 0: Chatwoot does not retry account webhooks; agent-bot deliveries use 2 (3 tries,
   * `app/jobs/agent_bots/webhook_job.rb`). Each attempt is signed with a fresh timestamp, same delivery id.
   */
  retries?: number;
  /** Per-attempt timeout. Default 5000 ms, as Chatwoot. */
  timeoutMs?: number;
  /** For tests of tolerance: the unix-seconds timestamp to sign with (every attempt). */
  timestamp?: number;
}

export interface WebhookDeliveryResult {
  /** True when the receiver answered 2xx (Chatwoot's only success criterion). */
  ok: boolean;
  /** The last HTTP status, or null when no answer came (network error or timeout). */
  status: number | null;
  /** The last response body, as text. */
  responseBody: string | null;
  attempts: number;
  /** The `X-Chatwoot-Delivery` sent, or null when none was. */
  deliveryId: string | null;
  /** The exact bytes sent (what was signed). */
  body: string;
  /** Why the last attempt got no answer. */
  error?: string;
}

/** The only answers Chatwoot retries an agent-bot delivery on (`lib/webhooks/trigger.rb`). */
const RETRIED_STATUSES = new Set([429, 500]);

const USER_AGENT = 'rest-client/2.1.0 (linux x86_64) ruby/3.4.4p34';

/**
 * POSTs one webhook the way Chatwoot does (Chatwoot v4.15.1, `lib/webhooks/trigger.rb`): Rails-escaped JSON body,
 * `Content-Type: application/json`, `Accept: application/json`, a 5 s timeout, `X-Chatwoot-Delivery`, and, when the
 * webhook has a secret, `X-Chatwoot-Timestamp` and `X-Chatwoot-Signature`. Never throws: like Chatwoot it records
 * the outcome and moves on.
 */
export async function deliverWebhook(input: DeliverWebhookInput): Promise<WebhookDeliveryResult> {
  const body = typeof input.payload === 'string' ? input.payload : toRailsJson(input.payload);
  const deliveryId = input.deliveryId === null ? null : (input.deliveryId ?? randomUUID());
  const maxAttempts = 1 + Math.max(0, Math.min(input.retries ?? 0, 10));
  const result: WebhookDeliveryResult = { ok: false, status: null, responseBody: null, attempts: 0, deliveryId, body };

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    result.attempts = attempt;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
      'user-agent': USER_AGENT,
    };
    if (deliveryId !== null) headers['x-chatwoot-delivery'] = deliveryId;
    if (input.secret) {
      const signed = signWebhook({ secret: input.secret, body, timestamp: input.timestamp });
      headers['x-chatwoot-timestamp'] = signed.timestamp;
      headers['x-chatwoot-signature'] = signed.signature;
    }
    try {
      const response = await fetch(input.url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(input.timeoutMs ?? 5000),
      });
      result.status = response.status;
      result.responseBody = await response.text();
      result.ok = response.ok;
      delete result.error;
      if (!RETRIED_STATUSES.has(response.status)) break;
    } catch (error) {
      result.status = null;
      result.responseBody = null;
      result.error = error instanceof Error ? error.message : String(error);
      break;
    }
  }
  return result;
}
