import http, { type Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deliverWebhook, signWebhook, startFakeChatwoot, toRailsJson, type FakeChatwoot } from '@wootkit/testing';
import { createWebhookHandler, type WebhookEvent, type WebhookHandler } from '../src/index';
import { answer, baseUrlOf, closeServer, FRAMEWORK_SECRET as SECRET, recordingHandlers } from './webhook-frameworks.helpers';
import { payloads } from './webhook.fixtures';

/**
 * `createWebhookHandler` (the Fetch-API handler) inside a real Hono 4 app, served by `@hono/node-server` on 127.0.0.1
 * with its defaults (it swaps Node's global Request/Response for its own lighter ones), fed by the stand-in's
 * `deliverWebhook`: Rails-escaped, signed exactly like Chatwoot.
 */

const WEBHOOK_PATH = '/webhooks/chatwoot';
const MAX_BODY_BYTES = 64 * 1024;

/** Adds the webhook at WEBHOOK_PATH to `app`, the way this mount is about. */
type Mount = (app: Hono, webhook: WebhookHandler) => void;

const mounts: Record<string, Mount> = {
  // The documented one-liner: Hono's raw Request handed over untouched.
  'app.all(path, (c) => webhook(c.req.raw))': (app, webhook) => void app.all(WEBHOOK_PATH, (c) => webhook(c.req.raw)),
  // A sub-app mounted with app.route(), behind a middleware that only looks at headers.
  'a sub-app behind a header-reading middleware': (app, webhook) => {
    const onlyChatwoot: MiddlewareHandler = async (c, next) => {
      if (c.req.method === 'POST' && !c.req.header('user-agent')?.startsWith('rest-client/')) return c.text('not Chatwoot', 403);
      await next();
    };
    const hooks = new Hono();
    hooks.use(onlyChatwoot);
    hooks.all('/chatwoot', (c) => webhook(c.req.raw));
    app.route('/webhooks', hooks);
  },
  // Hono's own bodyLimit in front: it passes a Content-Length body through, and rebuilds c.req.raw for a chunked one.
  'hono/body-limit in front': (app, webhook) =>
    void app.all(WEBHOOK_PATH, bodyLimit({ maxSize: 1024 * 1024 }), (c) => webhook(c.req.raw)),
};

interface HonoReceiver {
  url: string;
  received: ReturnType<typeof recordingHandlers>['received'];
  errors: Array<{ code: unknown; status: number }>;
  server: Server;
}

async function startHono(mount: Mount): Promise<HonoReceiver> {
  const { on, received } = recordingHandlers();
  const errors: HonoReceiver['errors'] = [];
  const webhook = createWebhookHandler({
    secret: SECRET,
    on,
    maxBodyBytes: MAX_BODY_BYTES,
    onError: (error, info) => errors.push({ code: (error as { code?: unknown }).code, status: info.status }),
  });
  const app = new Hono();
  mount(app, webhook);
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }) as Server;
  return { url: `${await baseUrlOf(server)}${WEBHOOK_PATH}`, received, errors, server };
}

/** Chatwoot's HTTP client, as it names itself on every webhook. */
const CHATWOOT_USER_AGENT = 'rest-client/2.1.0 (linux x86_64) ruby/3.4.4p34';

/** POSTs `body` in 16 KB chunks with no Content-Length (chunked), as a proxy that re-chunks would. */
function postChunked(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': CHATWOOT_USER_AGENT, ...headers } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    request.setTimeout(5_000, () => request.destroy(new Error('no answer in 5 s')));
    request.on('error', reject);
    const bytes = Buffer.from(body);
    for (let offset = 0; offset < bytes.length; offset += 16 * 1024) request.write(bytes.subarray(offset, offset + 16 * 1024));
    request.end();
  });
}

function signedHeaders(body: string, deliveryId: string): Record<string, string> {
  const { timestamp, signature } = signWebhook({ secret: SECRET, body });
  return { 'x-chatwoot-timestamp': timestamp, 'x-chatwoot-signature': signature, 'x-chatwoot-delivery': deliveryId };
}

describe.each(Object.entries(mounts))('createWebhookHandler in Hono on @hono/node-server with %s', (_name, mount) => {
  let receiver: HonoReceiver;
  beforeAll(async () => {
    receiver = await startHono(mount);
  });
  afterAll(() => closeServer(receiver?.server));
  afterEach(() => {
    receiver.received.length = 0;
    receiver.errors.length = 0;
  });

  it('verifies a Rails-escaped signed delivery on its raw bytes and hands over the typed event', async () => {
    const result = await deliverWebhook({ url: receiver.url, payload: payloads.message_created, secret: SECRET });

    expect(result.body).toContain('Precio \\u003cb\\u003etotal\\u003c/b\\u003e \\u0026 envío \\u003e 100');
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(answer(result.responseBody)).toEqual({ ok: true, handled: true });
    expect(receiver.received).toHaveLength(1);
    const { event, deliveryId } = receiver.received[0]!;
    if (event.event !== 'message_created') throw new Error(`got ${event.event}`);
    expect(event.content).toBe('Precio <b>total</b> & envío > 100');
    expect(deliveryId).toBe(result.deliveryId);
    // context.request is the Request Hono routed, headers intact.
    expect(receiver.received[0]!.request.headers.get('x-chatwoot-delivery')).toBe(result.deliveryId);
  });

  it('verifies a chunked delivery (no Content-Length) the same way', async () => {
    const body = toRailsJson(payloads.conversation_created);
    const result = await postChunked(receiver.url, body, signedHeaders(body, 'f0a1b2c3-0000-4000-8000-00000000f001'));
    expect(result.status).toBe(200);
    expect(answer(result.text)).toEqual({ ok: true, handled: true });
    expect(receiver.received.map(({ event }) => event.event)).toEqual(['conversation_created']);
  });

  it('handles a repeated delivery id once, sequentially and concurrently', async () => {
    const again = 'f0a1b2c3-0000-4000-8000-00000000f002';
    const first = await deliverWebhook({ url: receiver.url, payload: payloads.conversation_created, secret: SECRET, deliveryId: again });
    const second = await deliverWebhook({ url: receiver.url, payload: payloads.conversation_created, secret: SECRET, deliveryId: again });
    expect(answer(first.responseBody)).toEqual({ ok: true, handled: true });
    expect(second.status).toBe(200);
    expect(answer(second.responseBody)).toEqual({ ok: true, duplicate: true });

    const racing = 'f0a1b2c3-0000-4000-8000-00000000f003';
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
    expect(receiver.errors.map(({ code }) => code)).toEqual(['invalid_signature', 'missing_signature', 'timestamp_out_of_range']);
    expect(receiver.received).toHaveLength(0);
  });

  it('answers 400 to a signed body that is not a Chatwoot payload', async () => {
    const result = await deliverWebhook({ url: receiver.url, payload: '{"id":"x"}', secret: SECRET });
    expect(result.status).toBe(400);
    expect(answer(result.responseBody)).toEqual({ ok: false, error: 'malformed_payload' });
    expect(receiver.received).toHaveLength(0);
  });

  it('answers 413 to a signed body over maxBodyBytes, with or without Content-Length', async () => {
    const big = toRailsJson({ ...payloads.message_created, content: 'x'.repeat(MAX_BODY_BYTES + 1) });
    const declared = await deliverWebhook({ url: receiver.url, payload: big, secret: SECRET });
    const chunked = await postChunked(receiver.url, big, signedHeaders(big, 'f0a1b2c3-0000-4000-8000-00000000f004'));
    expect([declared.status, chunked.status]).toEqual([413, 413]);
    expect(answer(declared.responseBody)).toEqual({ ok: false, error: 'payload_too_large' });
    expect(answer(chunked.text)).toEqual({ ok: false, error: 'payload_too_large' });
    expect(receiver.received).toHaveLength(0);
  });

  it('answers GET and HEAD as a health check and other methods 405', async () => {
    const get = await fetch(receiver.url);
    const head = await fetch(receiver.url, { method: 'HEAD' });
    const put = await fetch(receiver.url, { method: 'PUT', body: '{}' });
    expect([get.status, head.status, put.status]).toEqual([200, 200, 405]);
    expect(await get.json()).toEqual({ ok: true });
    expect(put.headers.get('allow')).toBe('GET, HEAD, POST');
  });
});

describe('createWebhookHandler in Hono when something read the body first', () => {
  let receiver: HonoReceiver | undefined;
  afterEach(() => closeServer(receiver?.server));

  it('answers a clear 500 raw_body_unavailable after c.req.json(), handling nothing', async () => {
    let peeked: unknown;
    receiver = await startHono((app, webhook) =>
      void app.post(WEBHOOK_PATH, async (c) => {
        peeked = await c.req.json(); // the mistake: the signed bytes are gone from c.req.raw
        return webhook(c.req.raw);
      }),
    );
    const result = await deliverWebhook({ url: receiver.url, payload: payloads.message_created, secret: SECRET });

    expect(peeked).toMatchObject({ event: 'message_created' });
    expect(result.status).toBe(500);
    expect(answer(result.responseBody)).toEqual({ ok: false, error: 'raw_body_unavailable' });
    expect(receiver.errors).toEqual([{ code: 'raw_body_unavailable', status: 500 }]);
    expect(receiver.received).toHaveLength(0);
  });
});

describe('a Hono app receiving the stand-in Chatwoot account webhook', () => {
  let chatwoot: FakeChatwoot;
  let receiver: HonoReceiver | undefined;
  afterAll(async () => {
    await closeServer(receiver?.server);
    await chatwoot?.close();
  });

  it('gets verified, typed events for a conversation resolved through the REST API', async () => {
    chatwoot = await startFakeChatwoot();
    // The secret exists only once the webhook is created, so the route builds its handler then.
    let webhook: WebhookHandler | undefined;
    const received: WebhookEvent[] = [];
    receiver = await startHono((app) => void app.post(WEBHOOK_PATH, (c) => (webhook ? webhook(c.req.raw) : c.text('not ready', 503))));
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

    const created = await api('/webhooks', { url: receiver.url, subscriptions: ['conversation_created', 'conversation_status_changed'] });
    const secret = chatwoot.api.webhooks().find((each) => each.id === created.payload.webhook.id)!.secret;
    webhook = createWebhookHandler({
      secret,
      on: {
        conversation_created: (event) => void received.push(event),
        conversation_status_changed: (event) => void received.push(event),
      },
    });

    const inbox = chatwoot.api.seed({ inboxes: [{ name: 'API inbox', channel_type: 'Channel::Api' }] }).inboxes[0]!;
    const contact = await api('/contacts', { name: 'Iñaki <VIP> & family', inbox_id: inbox.id });
    const conversation = await api('/conversations', { inbox_id: inbox.id, contact_id: contact.payload.contact.id });
    await api(`/conversations/${conversation.id}/toggle_status`, { status: 'resolved' });
    await chatwoot.api.settleDeliveries();

    const deliveries = chatwoot.api.deliveries().filter((delivery) => delivery.url === receiver!.url);
    expect(deliveries.map((delivery) => delivery.result?.status)).toEqual([200, 200]);
    expect(deliveries.every((delivery) => !/[<>&]/.test(delivery.result!.body))).toBe(true);
    const [opened, resolved] = received;
    if (opened?.event !== 'conversation_created' || resolved?.event !== 'conversation_status_changed') {
      throw new Error(`got ${received.map((event) => event.event).join(', ')}`);
    }
    expect(opened.id).toBe(conversation.id);
    expect(opened.meta.sender.name).toBe('Iñaki <VIP> & family');
    expect(resolved.status).toBe('resolved');
  });
});
