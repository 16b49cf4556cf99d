// A Cloudflare Worker using the built `@wootkit/server/webhooks` entry as a host app would, run in real workerd by
// test/webhooks-workerd.test.ts. Module state lives as long as the isolate: enough for one test file.
import {
  createWebhookHandler,
  identifierHashAsync,
  parseWebhookEvent,
  verifyWebhookAsync,
  WebhookVerificationError,
} from '../../dist/webhooks.js';

const handled = [];
const errors = [];
let handler;

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    handler ??= createWebhookHandler({
      secret: { account: env.ACCOUNT_SECRET, evolution: env.EVOLUTION_SECRET },
      maxBodyBytes: 64 * 1024,
      on: {
        contact_created: (event, context) => void handled.push({ event: event.event, id: event.id, name: event.name, source: context.source, deliveryId: context.deliveryId }),
        message_created: (event, context) => {
          if (event.content === 'throw') throw new Error('handler failed on purpose');
          handled.push({ event: event.event, id: event.id, content: event.content, source: context.source, deliveryId: context.deliveryId });
        },
      },
      onError: (error, info) => void errors.push({ name: error.name, code: error.code, status: info.status, deliveryId: info.deliveryId }),
    });

    switch (url.pathname) {
      case '/webhook':
        return handler(request);
      case '/seen':
        return Response.json({ handled, errors });
      case '/verify':
        try {
          const event = await verifyWebhookAsync(await request.text(), request.headers, { secret: env.ACCOUNT_SECRET });
          return Response.json({ ok: true, event: event.event, id: event.id });
        } catch (error) {
          return Response.json({ ok: false, typed: error instanceof WebhookVerificationError, code: error.code, message: error.message }, { status: 401 });
        }
      case '/parse':
        try {
          const event = parseWebhookEvent(await request.text());
          return Response.json({ ok: true, event: event.event });
        } catch (error) {
          return Response.json({ ok: false, typed: error instanceof WebhookVerificationError, code: error.code }, { status: 400 });
        }
      case '/hash':
        return Response.json({ hash: await identifierHashAsync(url.searchParams.get('identifier'), env.HMAC_TOKEN) });
      case '/runtime':
        // What this runtime is: workerd has no `process` global and sets navigator.userAgent to "Cloudflare-Workers".
        return Response.json({ userAgent: globalThis.navigator?.userAgent, hasProcess: typeof globalThis.process !== 'undefined' });
      default:
        return new Response('not found', { status: 404 });
    }
  },
};
