import type { Server } from 'node:http';
import express, { type Express, type RequestHandler } from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deliverWebhook, startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import {
  createNodeWebhookHandler,
  createWebhookHandler,
  toNodeHandler,
  type NodeWebhookHandler,
  type WebhookEvent,
} from '../src/index';
import { answer, baseUrlOf, closeServer, FRAMEWORK_SECRET as SECRET, recordingHandlers } from './webhook-frameworks.helpers';
import { payloads } from './webhook.fixtures';

/**
 * The webhook handler inside a real Express 5 app on 127.0.0.1, fed by the stand-in's `deliverWebhook` (Rails-escaped,
 * signed exactly like Chatwoot). Each way a host app typically mounts it must verify, dedupe and answer alike.
 */

const WEBHOOK_PATH = '/webhooks/chatwoot';
const MAX_BODY_BYTES = 64 * 1024;

/** What `req.body` held when our handler ran: proves which body path each mount really exercised. */
type BodyKind = 'none' | 'buffer' | 'string' | 'object';

function bodyKindOf(body: unknown): BodyKind {
  if (body === undefined || body === null) return 'none';
  if (Buffer.isBuffer(body)) return 'buffer';
  return typeof body === 'string' ? 'string' : 'object';
}

interface Mount {
  /** Adds `handler` to `app` at WEBHOOK_PATH, with the middleware this mount is about. */
  install(app: Express, handler: RequestHandler): void;
  bodyKind: BodyKind;
}

const mounts: Record<string, Mount> = {
  // No body parser on the route: the adapter streams the body from the request itself.
  'no body parser': {
    install: (app, handler) => void app.post(WEBHOOK_PATH, handler),
    bodyKind: 'none',
  },
  // The documented setup: express.raw() leaves the exact bytes on req.body as a Buffer.
  'express.raw() on the route': {
    install: (app, handler) => void app.post(WEBHOOK_PATH, express.raw({ type: 'application/json', limit: '1mb' }), handler),
    bodyKind: 'buffer',
  },
  // express.text() decodes the bytes as UTF-8; re-encoding gives the signed bytes back (non-ASCII included).
  'express.text() on the route': {
    install: (app, handler) => void app.post(WEBHOOK_PATH, express.text({ type: 'application/json', limit: '1mb' }), handler),
    bodyKind: 'string',
  },
  // A Router mounted under a prefix, registered before the app-wide express.json() the rest of the app uses.
  'a Router registered before app-wide express.json()': {
    install: (app, handler) => {
      const router = express.Router();
      router.post('/chatwoot', handler);
      app.use('/webhooks', router);
      app.use(express.json());
      app.post('/api/orders', (req, res) => void res.json({ got: req.body }));
    },
    bodyKind: 'none',
  },
};

interface ExpressReceiver {
  url: string;
  received: ReturnType<typeof recordingHandlers>['received'];
  bodyKinds: BodyKind[];
  errors: Array<{ code: unknown; status: number }>;
  server: Server;
}

async function startExpress(install: (app: Express, handler: RequestHandler) => void): Promise<ExpressReceiver> {
  const { on, received } = recordingHandlers();
  const errors: ExpressReceiver['errors'] = [];
  const bodyKinds: BodyKind[] = [];
  const handler: NodeWebhookHandler = createNodeWebhookHandler({
    secret: SECRET,
    on,
    maxBodyBytes: MAX_BODY_BYTES,
    onError: (error, info) => errors.push({ code: (error as { code?: unknown }).code, status: info.status }),
  });
  const app = express();
  install(app, (req, res) => {
    bodyKinds.push(bodyKindOf(req.body));
    void handler(req, res);
  });
  const server = app.listen(0, '127.0.0.1');
  return { url: `${await baseUrlOf(server)}${WEBHOOK_PATH}`, received, bodyKinds, errors, server };
}

describe.each(Object.entries(mounts))('createNodeWebhookHandler in Express 5 with %s', (_name, mount) => {
  let receiver: ExpressReceiver;
  beforeAll(async () => {
    receiver = await startExpress(mount.install);
  });
  afterAll(() => closeServer(receiver?.server));
  afterEach(() => {
    receiver.received.length = 0;
    receiver.bodyKinds.length = 0;
    receiver.errors.length = 0;
  });

  it('verifies a Rails-escaped signed delivery on its raw bytes and hands over the typed event', async () => {
    const result = await deliverWebhook({ url: receiver.url, payload: payloads.message_created, secret: SECRET });

    expect(result.body).toContain('Precio \\u003cb\\u003etotal\\u003c/b\\u003e \\u0026 envío \\u003e 100');
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(answer(result.responseBody)).toEqual({ ok: true, handled: true });
    expect(receiver.bodyKinds).toEqual([mount.bodyKind]);
    expect(receiver.received).toHaveLength(1);
    const { event, deliveryId } = receiver.received[0]!;
    if (event.event !== 'message_created') throw new Error(`got ${event.event}`);
    expect(event.content).toBe('Precio <b>total</b> & envío > 100');
    expect(event.conversation.id).toBe(payloads.message_created.conversation.id);
    expect(deliveryId).toBe(result.deliveryId);
  });

  it('handles a repeated delivery id once, sequentially and concurrently', async () => {
    const again = 'e1a2b3c4-0000-4000-8000-00000000e001';
    const first = await deliverWebhook({ url: receiver.url, payload: payloads.conversation_created, secret: SECRET, deliveryId: again });
    const second = await deliverWebhook({ url: receiver.url, payload: payloads.conversation_created, secret: SECRET, deliveryId: again });
    expect(answer(first.responseBody)).toEqual({ ok: true, handled: true });
    expect(second.status).toBe(200);
    expect(answer(second.responseBody)).toEqual({ ok: true, duplicate: true });

    const racing = 'e1a2b3c4-0000-4000-8000-00000000e002';
    const copies = await Promise.all(
      Array.from({ length: 5 }, () => deliverWebhook({ url: receiver.url, payload: payloads.message_created, secret: SECRET, deliveryId: racing })),
    );
    expect(copies.map((copy) => copy.status)).toEqual([200, 200, 200, 200, 200]);
    expect(copies.filter((copy) => answer(copy.responseBody).duplicate === true)).toHaveLength(4);

    expect(receiver.received.map(({ deliveryId }) => deliveryId)).toEqual([again, racing]);
  });

  it('answers 401 to a wrong secret, an unsigned delivery and a stale timestamp, and handles none of them', async () => {
    const wrong = await deliverWebhook({ url: receiver.url, payload: payloads.message_created, secret: 'not-the-secret' });
    const unsigned = await deliverWebhook({ url: receiver.url, payload: payloads.message_created });
    const stale = await deliverWebhook({
      url: receiver.url,
      payload: payloads.message_created,
      secret: SECRET,
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });

    expect([wrong.status, unsigned.status, stale.status]).toEqual([401, 401, 401]);
    expect(answer(wrong.responseBody)).toEqual({ ok: false, error: 'invalid_signature' });
    expect(answer(unsigned.responseBody)).toEqual({ ok: false, error: 'missing_signature' });
    expect(answer(stale.responseBody)).toEqual({ ok: false, error: 'timestamp_out_of_range' });
    expect(receiver.errors).toEqual([
      { code: 'invalid_signature', status: 401 },
      { code: 'missing_signature', status: 401 },
      { code: 'timestamp_out_of_range', status: 401 },
    ]);
    expect(receiver.received).toHaveLength(0);
  });

  it('answers 400 to a signed body that is not a Chatwoot payload', async () => {
    const result = await deliverWebhook({ url: receiver.url, payload: '{"id":"x"}', secret: SECRET });
    expect(result.status).toBe(400);
    expect(answer(result.responseBody)).toEqual({ ok: false, error: 'malformed_payload' });
    expect(receiver.received).toHaveLength(0);
  });

  it('answers 413 to a signed body over maxBodyBytes', async () => {
    const big = { ...payloads.message_created, content: 'x'.repeat(MAX_BODY_BYTES + 1) };
    const result = await deliverWebhook({ url: receiver.url, payload: big, secret: SECRET });
    expect(result.status).toBe(413);
    expect(answer(result.responseBody)).toEqual({ ok: false, error: 'payload_too_large' });
    expect(receiver.received).toHaveLength(0);
  });
});

describe('createNodeWebhookHandler in Express 5 when the body was parsed first', () => {
  const servers: Server[] = [];
  afterAll(async () => {
    for (const server of servers) await closeServer(server);
  });

  // Both are common: express.json() app-wide, and express.raw() added on the route too late (json already ran).
  const parsedFirst: Record<string, (app: Express, handler: RequestHandler) => void> = {
    'app-wide express.json()': (app, handler) => {
      app.use(express.json());
      app.post(WEBHOOK_PATH, handler);
    },
    'app-wide express.json() and express.raw() on the route': (app, handler) => {
      app.use(express.json());
      app.post(WEBHOOK_PATH, express.raw({ type: 'application/json' }), handler);
    },
    // A logging or signing middleware that reads the stream itself and keeps nothing on req.body.
    'a middleware that read the body and kept nothing': (app, handler) => {
      app.use((req, _res, next) => {
        req.on('data', () => undefined);
        req.once('end', () => next());
      });
      app.post(WEBHOOK_PATH, handler);
    },
  };

  it.each(Object.entries(parsedFirst))('answers a clear 500 raw_body_unavailable after %s, handling nothing', async (_name, install) => {
    const receiver = await startExpress(install);
    servers.push(receiver.server);
    const result = await deliverWebhook({ url: receiver.url, payload: payloads.message_created, secret: SECRET });

    expect(receiver.bodyKinds).toHaveLength(1);
    expect(result.status).toBe(500);
    const body = answer(result.responseBody);
    expect(body).toMatchObject({ ok: false, error: 'raw_body_unavailable' });
    // The message tells the developer what to change, and leaks nothing of the delivery.
    expect(body.message).toMatch(/express\.raw\(\{ type: "application\/json" \}\)/);
    expect(result.responseBody).not.toContain(SECRET);
    // onError hears about it too: a misconfigured route shows up in the app's own logs.
    expect(receiver.errors).toEqual([{ code: 'raw_body_unavailable', status: 500 }]);
    expect(receiver.received).toHaveLength(0);
  });

  it('keeps express.json() working for the rest of the app when the webhook route comes first', async () => {
    const receiver = await startExpress(mounts['a Router registered before app-wide express.json()']!.install);
    servers.push(receiver.server);
    const hook = await deliverWebhook({ url: receiver.url, payload: payloads.contact_created, secret: SECRET });
    const other = await fetch(receiver.url.replace(WEBHOOK_PATH, '/api/orders'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sku: 'A-1' }),
    });

    expect(hook.status).toBe(200);
    expect(receiver.received.map(({ event }) => event.event)).toEqual(['contact_created']);
    expect(await other.json()).toEqual({ got: { sku: 'A-1' } });
  });
});

describe('toNodeHandler in Express 5: health, failures and retries', () => {
  let receiver: ExpressReceiver | undefined;
  afterEach(() => closeServer(receiver?.server));

  it('answers GET and HEAD as a health check when mounted with app.all', async () => {
    receiver = await startExpress((app, handler) => void app.all(WEBHOOK_PATH, handler));
    const get = await fetch(receiver.url);
    const head = await fetch(receiver.url, { method: 'HEAD' });
    const put = await fetch(receiver.url, { method: 'PUT', body: '{}' });
    expect([get.status, head.status, put.status]).toEqual([200, 200, 405]);
    expect(await get.json()).toEqual({ ok: true });
    expect(put.headers.get('allow')).toBe('GET, HEAD, POST');
  });

  it('answers 500 when the event handler throws, and handles the retried delivery', async () => {
    let calls = 0;
    const handled: WebhookEvent[] = [];
    const handler = toNodeHandler(
      createWebhookHandler({
        secret: SECRET,
        on: {
          message_created: (event) => {
            calls++;
            if (calls === 1) throw new Error('database down');
            handled.push(event);
          },
        },
      }),
    );
    receiver = await startExpress((app) => void app.post(WEBHOOK_PATH, express.raw({ type: 'application/json' }), handler));
    // An agent-bot delivery: Chatwoot retries it on a 5xx with the same delivery id.
    const result = await deliverWebhook({ url: receiver.url, payload: payloads.message_created, secret: SECRET, retries: 2 });

    expect(result).toMatchObject({ ok: true, status: 200, attempts: 2 });
    expect(calls).toBe(2);
    expect(handled).toHaveLength(1);
  });
});

describe('an Express app receiving the stand-in Chatwoot account webhook', () => {
  let chatwoot: FakeChatwoot;
  let receiver: ExpressReceiver | undefined;
  afterAll(async () => {
    await closeServer(receiver?.server);
    await chatwoot?.close();
  });

  it('gets verified, typed events for contacts, conversations and messages made through the REST API', async () => {
    chatwoot = await startFakeChatwoot();
    let secret = '';
    // The secret exists only once the webhook is created, so the handler reads it late.
    let handler: NodeWebhookHandler | undefined;
    const received: WebhookEvent[] = [];
    receiver = await startExpress((app) =>
      void app.post(WEBHOOK_PATH, express.raw({ type: 'application/json' }), (req, res) => void handler!(req, res)),
    );
    const base = `${chatwoot.url}/api/v1/accounts/${chatwoot.api.accountId}`;
    const api = async (path: string, body: unknown) => {
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { api_access_token: chatwoot.api.tokens.admin, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`POST ${path} → ${response.status}`);
      return (await response.json()) as any;
    };

    const webhook = await api('/webhooks', { url: receiver.url, subscriptions: ['contact_created', 'conversation_created', 'message_created'] });
    secret = chatwoot.api.webhooks().find((each) => each.id === webhook.payload.webhook.id)!.secret;
    expect(secret).toMatch(/\S{16,}/);
    handler = createNodeWebhookHandler({
      secret,
      on: {
        contact_created: (event) => void received.push(event),
        conversation_created: (event) => void received.push(event),
        message_created: (event) => void received.push(event),
      },
    });

    const inbox = chatwoot.api.seed({ inboxes: [{ name: 'API inbox', channel_type: 'Channel::Api' }] }).inboxes[0]!;
    const contact = await api('/contacts', { name: 'Rosa <Ops> & Co', inbox_id: inbox.id });
    const conversation = await api('/conversations', { inbox_id: inbox.id, contact_id: contact.payload.contact.id });
    await api(`/conversations/${conversation.id}/messages`, { content: '¿Total <b>42</b> & IVA?', message_type: 'outgoing' });
    await chatwoot.api.settleDeliveries();

    const deliveries = chatwoot.api.deliveries().filter((delivery) => delivery.url === receiver!.url);
    expect(deliveries.map((delivery) => delivery.result?.status)).toEqual(deliveries.map(() => 200));
    expect(deliveries.every((delivery) => !/[<>&]/.test(delivery.result!.body))).toBe(true);
    expect(received.map((event) => event.event).sort()).toEqual(['contact_created', 'conversation_created', 'message_created']);
    const contactEvent = received.find((event) => event.event === 'contact_created');
    const message = received.find((event) => event.event === 'message_created');
    if (contactEvent?.event !== 'contact_created' || message?.event !== 'message_created') throw new Error('events missing');
    expect(contactEvent.name).toBe('Rosa <Ops> & Co');
    expect(message.content).toBe('¿Total <b>42</b> & IVA?');
    expect(message.conversation.id).toBe(conversation.id);
  });
});
