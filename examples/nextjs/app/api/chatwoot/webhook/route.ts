/**
 * Chatwoot's webhook on the Edge runtime, with `@wootkit/server/webhooks` (Web Crypto, no `node:` module: `next build`
 * refuses an Edge route that imports one). Point the account webhook (Settings → Integrations → Webhooks) at
 * `https://<your app>/api/chatwoot/webhook` and set CHATWOOT_WEBHOOK_SECRET to its secret.
 */
import { createWebhookHandler, type WebhookHandler } from '@wootkit/server/webhooks';

export const runtime = 'edge';

let handler: WebhookHandler | undefined;

function webhookHandler(): WebhookHandler {
  // Built on the first request, so the secret is read at run time, not baked in at build time.
  handler ??= createWebhookHandler({
    secret: process.env.CHATWOOT_WEBHOOK_SECRET ?? '',
    on: {
      message_created: (event) => {
        if (event.message_type === 'incoming' && !event.private) console.log(`conversation ${event.conversation.id}: new message`);
      },
      contact_created: (event) => console.log(`contact ${event.id} created`),
    },
  });
  return handler;
}

export function GET(request: Request): Promise<Response> {
  return webhookHandler()(request);
}

export function POST(request: Request): Promise<Response> {
  return webhookHandler()(request);
}
