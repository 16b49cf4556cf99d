import { buildWebhookHandler, type WebhookHandler, type WebhookHandlerOptions } from './buildWebhookHandler';
import { verifyWebhookDelivery } from './verifyWebhook';

/**
 * Builds the whole webhook endpoint: POST → verify the signature (401) and that the body is a JSON object with an
 * `event` (400; any other shape surprise goes to `on.unknown`, answered 200) → skip repeated
 * `X-Chatwoot-Delivery` ids (200 `{ duplicate: true }`) → your `on[event]` → 200. Bodies over `maxBodyBytes` get 413,
 * GET/HEAD answer 200 as a health check, other methods 405. For Node `http`/Express wrap it with `toNodeHandler`.
 *
 * This one verifies on `node:crypto`. On Cloudflare Workers, Vercel/Next.js Edge or Deno import the same function
 * from `@wootkit/server/webhooks` (Web Crypto; same options, same answers).
 *
 * @example
 * // app/api/chatwoot/route.ts (Next.js)
 * const handler = createWebhookHandler({
 *   secret: process.env.CHATWOOT_WEBHOOK_SECRET!,
 *   on: { message_created: async (event) => { if (event.message_type === 'incoming') await notifyTeam(event); } },
 * });
 * export { handler as GET, handler as POST };
 */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  return buildWebhookHandler(options, verifyWebhookDelivery);
}
