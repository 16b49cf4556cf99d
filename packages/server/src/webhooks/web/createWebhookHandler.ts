import { buildWebhookHandler, type WebhookHandler, type WebhookHandlerOptions } from '../buildWebhookHandler';
import { verifyWebhookDeliveryAsync } from './verifyWebhookAsync';

/**
 * Builds the whole webhook endpoint on Web Crypto, for Cloudflare Workers, Vercel/Next.js Edge, Deno and Bun: POST →
 * verify the signature (401) and shape (400) → skip repeated deliveries (200 `{ duplicate: true }`) → your
 * `on[event]` → 200. Bodies over `maxBodyBytes` get 413, GET/HEAD answer 200, other methods 405. Same options and
 * answers as `createWebhookHandler` of `@wootkit/server` (which verifies on `node:crypto`).
 *
 * The default dedupe lives in memory: on Workers that is one isolate, so pass a shared `dedupe` (anything with
 * `setIfAbsent` and `delete`) to catch a duplicate that reaches another isolate.
 *
 * @example
 * // Cloudflare Worker: the secret comes with `env`, so build the handler on the first request and keep it
 * import { createWebhookHandler, type WebhookHandler } from '@wootkit/server/webhooks';
 * let handler: WebhookHandler | undefined;
 * export default {
 *   fetch(request: Request, env: { CHATWOOT_WEBHOOK_SECRET: string }) {
 *     handler ??= createWebhookHandler({ secret: env.CHATWOOT_WEBHOOK_SECRET, on: { message_created: (event) => console.log(event.id) } });
 *     return handler(request);
 *   },
 * };
 */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  return buildWebhookHandler(options, verifyWebhookDeliveryAsync);
}
