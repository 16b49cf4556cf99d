import type { Webhook, WebhookInput } from '../types/webhook';
import type { RequestOptions } from './profile';
import type { Transport } from './transport';

/** The account's webhooks. Needs an administrator's token. */
export interface WebhooksResource {
  list(options?: RequestOptions): Promise<Webhook[]>;
  /** Registers a URL (unique per account: a second webhook on the same URL is a 422). */
  create(input: WebhookInput & { url: string }, options?: RequestOptions): Promise<Webhook>;
  update(id: number, input: WebhookInput, options?: RequestOptions): Promise<Webhook>;
  delete(id: number, options?: RequestOptions): Promise<void>;
}

export function createWebhooksResource(send: Transport, accountId: number): WebhooksResource {
  const base = `accounts/${accountId}/webhooks`;
  return {
    list: async (options) =>
      (await send<{ payload: { webhooks: Webhook[] } }>({ method: 'GET', path: base, signal: options?.signal })).payload
        .webhooks,
    create: async (input, options) =>
      (await send<{ payload: { webhook: Webhook } }>({ method: 'POST', path: base, json: input, signal: options?.signal }))
        .payload.webhook,
    update: async (id, input, options) =>
      (
        await send<{ payload: { webhook: Webhook } }>({
          method: 'PATCH',
          path: `${base}/${id}`,
          json: input,
          signal: options?.signal,
        })
      ).payload.webhook,
    delete: async (id, options) => {
      await send<unknown>({ method: 'DELETE', path: `${base}/${id}`, signal: options?.signal });
    },
  };
}
