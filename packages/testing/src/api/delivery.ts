import { deliverWebhook, type WebhookDeliveryResult } from '../webhooks/index';
import type { FakeDb } from './db';
import type { FakeApiEvent, FakeWebhookDelivery } from './types';

/** Tests only ever talk to this machine: a webhook URL elsewhere is recorded as skipped, never dialled. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Delivers domain events to the account webhooks subscribed to them, as Chatwoot's WebhookListener does: after the
 * API answer (Chatwoot uses a background job), signed when the webhook has a secret, never retried.
 */
export function createWebhookDispatcher(db: FakeDb, isEnabled: () => boolean) {
  const log: FakeWebhookDelivery[] = [];
  const pending = new Set<Promise<void>>();

  function dispatch(event: FakeApiEvent): void {
    if (!isEnabled()) return;
    for (const webhook of db.webhooks.values()) {
      if (webhook.accountId !== event.accountId || !webhook.subscriptions.includes(event.event)) continue;
      const entry: FakeWebhookDelivery = { webhookId: webhook.id, url: webhook.url, event: event.event, payload: event.payload, result: null };
      log.push(entry);
      let host = '';
      try {
        host = new URL(webhook.url).hostname;
      } catch {
        // An invalid URL cannot be saved, but stay safe.
      }
      if (!LOOPBACK.has(host) && !LOOPBACK.has(`[${host}]`)) {
        entry.skipped = 'not a loopback URL';
        continue;
      }
      const delivery: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => deliverWebhook({ url: webhook.url, payload: event.payload, secret: webhook.secret }))
        .then((result: WebhookDeliveryResult) => {
          entry.result = result;
        })
        .finally(() => pending.delete(delivery));
      pending.add(delivery);
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
