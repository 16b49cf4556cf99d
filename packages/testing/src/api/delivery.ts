import { deliverWebhook, type WebhookDeliveryResult } from '../webhooks/index';
import type { FakeDb } from './db';
import { agentBotDeliveries } from './agentBots';
import { apiInboxWebhook } from './inboxEvents';
import type { FakeApiEvent, FakeWebhookDelivery } from './types';

/** Tests only ever talk to this machine: a webhook URL elsewhere is recorded as skipped, never dialled. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The events WebhookListener hands to `deliver_webhook_payloads` (account webhooks and the API inbox's own webhook);
 * contact and inbox events go to account webhooks only (Chatwoot v4.15.1, `app/listeners/webhook_listener.rb`).
 */
const INBOX_SCOPED_EVENTS: ReadonlySet<FakeApiEvent['event']> = new Set([
  'conversation_created',
  'conversation_updated',
  'conversation_status_changed',
  'message_created',
]);

/**
 * `AgentBots::WebhookJob`: `retry_on RetryableError, attempts: 3` (a 429 or 500 answer), the same delivery id each
 * time. Chatwoot waits 3 s between attempts; the stand-in retries at once.
 */
const AGENT_BOT_RETRIES = 2;

/** `Webhooks::Trigger::SUPPORTED_ERROR_HANDLE_EVENTS`: a failed API-inbox delivery of these marks the message failed. */
const MESSAGE_EVENTS: ReadonlySet<FakeApiEvent['event']> = new Set(['message_created']);

function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return LOOPBACK.has(host) || LOOPBACK.has(`[${host}]`);
  } catch {
    return false; // An invalid URL cannot be saved, but stay safe.
  }
}

/** The inbox a conversation or message event belongs to (`inbox_id`, or a message's `inbox.id`). */
function inboxIdOf(event: FakeApiEvent): number | undefined {
  const payload = event.payload as { inbox_id?: unknown; inbox?: { id?: unknown } };
  const id = event.event.startsWith('message_') ? payload.inbox?.id : payload.inbox_id;
  return typeof id === 'number' ? id : undefined;
}

/**
 * Why a delivery failed, as `SafeFetch` words it (`lib/safe_fetch/fetcher.rb`: "<code> <message>" for an HTTP
 * answer); a dropped connection or timeout keeps the transport's own words.
 */
function failureText(result: WebhookDeliveryResult): string {
  return result.status === null ? (result.error ?? 'no answer') : `${result.status} ${result.responseBody ?? ''}`.trim();
}

/**
 * Delivers domain events as Chatwoot's WebhookListener does, after the API answer (Chatwoot uses a background job),
 * each with its own `X-Chatwoot-Delivery`, never retried:
 * - to the account webhooks subscribed to the event, signed with the webhook's secret;
 * - for conversation and message events of an API inbox with a `webhook_url`, to that URL too (every such event, no
 *   subscriptions), signed with the channel's secret;
 * - to the webhook agent bot connected to the event's inbox (agentBots.ts), signed with the bot's secret, retried on
 *   a 429 or 500. When that delivery of a `message_created` fails, the message
 *   becomes `failed` with the reason in `content_attributes.external_error` (`lib/webhooks/trigger.rb`,
 *   `update_message_status`; `app/services/messages/status_update_service.rb`).
 */
export function createWebhookDispatcher(db: FakeDb, isEnabled: () => boolean) {
  const log: FakeWebhookDelivery[] = [];
  const pending = new Set<Promise<void>>();

  function send(
    entry: FakeWebhookDelivery,
    secret: string,
    onResult?: (result: WebhookDeliveryResult) => void,
    retries = 0,
  ): void {
    log.push(entry);
    if (!isLoopback(entry.url)) {
      entry.skipped = 'not a loopback URL';
      return;
    }
    const delivery: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => deliverWebhook({ url: entry.url, payload: entry.payload, secret, retries }))
      .then((result: WebhookDeliveryResult) => {
        entry.result = result;
        onResult?.(result);
      })
      .finally(() => pending.delete(delivery));
    pending.add(delivery);
  }

  function markMessageFailed(event: FakeApiEvent, result: WebhookDeliveryResult): void {
    if (result.ok || !MESSAGE_EVENTS.has(event.event)) return;
    const message = db.messages.get(event.payload.id as number);
    if (!message) return;
    message.status = 'failed';
    message.content_attributes = { ...message.content_attributes, external_error: failureText(result) };
  }

  function dispatch(event: FakeApiEvent): void {
    if (!isEnabled()) return;
    for (const webhook of db.webhooks.values()) {
      if (webhook.accountId !== event.accountId || !webhook.subscriptions.includes(event.event)) continue;
      send({ target: 'account', webhookId: webhook.id, url: webhook.url, event: event.event, payload: event.payload, result: null }, webhook.secret);
    }
    if (!INBOX_SCOPED_EVENTS.has(event.event)) return;
    const inboxId = inboxIdOf(event);
    const inbox = inboxId === undefined ? undefined : db.inbox(inboxId);
    const channelHook = inbox ? apiInboxWebhook(inbox) : null;
    if (inbox && channelHook) {
      send(
        { target: 'api_inbox', inboxId: inbox.id, url: channelHook.url, event: event.event, payload: event.payload, result: null },
        channelHook.secret,
        (result) => markMessageFailed(event, result),
      );
    }
    // AgentBotListener runs beside WebhookListener: the inbox's bot gets its own deliveries.
    for (const { bot, event: name, payload } of agentBotDeliveries(db, event, inboxId)) {
      send({ target: 'agent_bot', agentBotId: bot.id, url: bot.outgoing_url!, event: name, payload, result: null }, bot.secret, undefined, AGENT_BOT_RETRIES);
    }
  }

  return {
    dispatch,
    deliveries: () => [...log],
    /** Resolves when every delivery started so far has finished (bounded: each has a 5 s timeout). */
    async settle(): Promise<void> {
      for (let round = 0; round < 100 && pending.size > 0; round++) await Promise.allSettled([...pending]);
    },
  };
}
