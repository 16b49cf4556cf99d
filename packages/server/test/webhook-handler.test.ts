import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliverWebhook, signWebhook, toRailsJson } from '@wootkit/testing';
import {
  createMemoryStore,
  createNodeWebhookHandler,
  createWebhookHandler,
  toNodeHandler,
  type NodeWebhookRequest,
  type WebhookEvent,
  type WebhookHandler,
  type WebhookHandlerOptions,
} from '../src/index';
import { payloads } from './webhook.fixtures';

const SECRET = 'chatwoot-webhook-secret-42';

interface Receiver {
  url: string;
  received: WebhookEvent[];
  errors: Array<{ error: unknown; status: number; deliveryId?: string | undefined }>;
  close(): Promise<void>;
}

/** Ways a host app mounts the handler; every behaviour below must hold for each of them. */
type Mount = (options: WebhookHandlerOptions) => http.RequestListener;

const mounts: Record<string, Mount> = {
  // Node `http` through our adapter, body read from the stream.
  'node adapter': (options) => createNodeWebhookHandler(options) as http.RequestListener,
  // Express with `express.raw()`: the body is already a Buffer on req.body when our handler runs.
  'express.raw() body': (options) => {
    const handler = toNodeHandler(createWebhookHandler(options));
    return (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        (req as NodeWebhookRequest).body = Buffer.concat(chunks);
        void handler(req, res);
      });
    };
  },
  // The Fetch handler as a Fetch runtime would call it: Node 20's global Request built from the Node request.
  'fetch handler': (options) => {
    const handler: WebhookHandler = createWebhookHandler(options);
    return (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', async () => {
        const method = req.method ?? 'GET';
        const headers = new Headers();
        for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
        const body = method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks);
        const response = await handler(new Request(`http://127.0.0.1${req.url}`, { method, headers, body }));
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      });
    };
  },
};

async function startReceiver(mount: Mount, options: Partial<WebhookHandlerOptions> = {}): Promise<Receiver> {
  const received: WebhookEvent[] = [];
  const errors: Receiver['errors'] = [];
  const listener = mount({
    secret: SECRET,
    on: {
      message_created: (event) => void received.push(event),
      conversation_created: (event) => void received.push(event),
    },
    onError: (error, info) => errors.push({ error, status: info.status, deliveryId: info.deliveryId }),
    ...options,
  });
  const server = http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/chatwoot`,
    received,
    errors,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function rawPost(url: string, body: Buffer, headers: http.OutgoingHttpHeaders): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.setTimeout(5000, () => request.destroy(new Error('timeout')));
    request.on('error', reject);
    // Chunked, no Content-Length: the handler must count the bytes itself.
    for (let offset = 0; offset < body.length; offset += 16 * 1024) request.write(body.subarray(offset, offset + 16 * 1024));
    request.end();
  });
}

describe.each(Object.entries(mounts))('webhook endpoint via %s', (_name, mount) => {
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver(mount, { maxBodyBytes: 64 * 1024 });
  });
  afterAll(() => receiver.close());
  beforeEach(() => {
    receiver.received.length = 0;
    receiver.errors.length = 0;
  });

  it('handles a signed delivery whose Rails-escaped body only verifies as raw bytes', async () => {
    const result = await deliverWebhook({ url: receiver.url, payload: payloads.message_created, secret: SECRET });
    expect(result.body).toContain('\\u003cb\\u003e');
    expect(result).toMatchObject({ ok: true, status: 200, attempts: 1 });
    expect(JSON.parse(result.responseBody!)).toEqual({ ok: true, handled: true });
    expect(receiver.received).toHaveLength(1);
    const event = receiver.received[0]!;
    if (event.event !== 'message_created') throw new Error(`got ${event.event}`);
    expect(event.content).toBe('Precio <b>total</b> & envío > 100');
  });

  it('handles a repeated delivery once and answers 200 duplicate', async () => {
    const deliveryId = 'a3f1c2d4-0000-4000-8000-00000000d0d0';
    const first = await deliverWebhook({ url: receiver.url, payload: payloads.conversation_created, secret: SECRET, deliveryId });
    const again = await deliverWebhook({ url: receiver.url, payload: payloads.conversation_created, secret: SECRET, deliveryId });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(JSON.parse(again.responseBody!)).toEqual({ ok: true, duplicate: true });
    expect(receiver.received).toHaveLength(1);
  });

  it('handles concurrent copies of one delivery once', async () => {
    const deliveryId = 'b4e2d3c5-0000-4000-8000-00000000c0c0';
    const results = await Promise.all(
      Array.from({ length: 6 }, () => deliverWebhook({ url: receiver.url, payload: payloads.message_created, secret: SECRET, deliveryId })),
    );
    expect(results.every((result) => result.status === 200)).toBe(true);
    expect(receiver.received).toHaveLength(1);
    expect(results.filter((result) => JSON.parse(result.responseBody!).duplicate === true)).toHaveLength(5);
  });

  it('answers 401 to a wrong secret, an unsigned delivery and a stale timestamp, and handles nothing', async () => {
    const wrong = await deliverWebhook({ url: receiver.url, payload: payloads.message_created, secret: 'not-the-secret' });
    const unsigned = await deliverWebhook({ url: receiver.url, payload: payloads.message_created });
    const stale = await deliverWebhook({
      url: receiver.url,
      payload: payloads.message_created,
      secret: SECRET,
      timestamp: Math.floor(Date.now() / 1000) - 600,
    });
    expect([wrong.status, unsigned.status, stale.status]).toEqual([401, 401, 401]);
    expect(JSON.parse(wrong.responseBody!).error).toBe('invalid_signature');
    expect(JSON.parse(unsigned.responseBody!).error).toBe('missing_signature');
    expect(JSON.parse(stale.responseBody!).error).toBe('timestamp_out_of_range');
    expect(receiver.received).toHaveLength(0);
    expect(receiver.errors.map((e) => e.status)).toEqual([401, 401, 401]);
    for (const { error } of receiver.errors) expect(JSON.stringify(String(error))).not.toContain(SECRET);
  });

  it('answers 400 only to a signed body that is not a JSON object with an event', async () => {
    const notJson = await deliverWebhook({ url: receiver.url, payload: '{"event": "message_created", ', secret: SECRET });
    const noEvent = await deliverWebhook({ url: receiver.url, payload: { id: 1 }, secret: SECRET });
    expect([notJson.status, noEvent.status]).toEqual([400, 400]);
    expect(JSON.parse(noEvent.responseBody!).error).toBe('malformed_payload');
    expect(receiver.received).toHaveLength(0);
  });

  it('answers 200 to a known event of unexpected shape and tells onError, as no on.unknown is set', async () => {
    const wrongShape = await deliverWebhook({ url: receiver.url, payload: { event: 'message_created', id: 'x' }, secret: SECRET });
    expect(wrongShape.status).toBe(200);
    expect(JSON.parse(wrongShape.responseBody!)).toEqual({ ok: true, handled: false });
    expect(receiver.received).toHaveLength(0);
    expect(receiver.errors).toHaveLength(1);
    expect(receiver.errors[0]).toMatchObject({ status: 200, deliveryId: wrongShape.deliveryId, error: { code: 'malformed_payload' } });
    expect(String(receiver.errors[0]!.error)).toContain('message_created.id');
  });

  it('gives onError the delivery id of a refused delivery', async () => {
    const wrong = await deliverWebhook({ url: receiver.url, payload: payloads.message_created, secret: 'not-the-secret' });
    expect(wrong.status).toBe(401);
    expect(receiver.errors).toEqual([expect.objectContaining({ status: 401, deliveryId: wrong.deliveryId })]);
  });

  it('answers 413 to an oversized body, counted even without Content-Length', async () => {
    const big = { ...payloads.message_created, content: 'x'.repeat(100 * 1024) };
    const declared = await deliverWebhook({ url: receiver.url, payload: big, secret: SECRET });
    expect(declared.status).toBe(413);
    const body = Buffer.from(toRailsJson(big));
    const { timestamp, signature } = signWebhook({ secret: SECRET, body });
    const chunked = await rawPost(receiver.url, body, {
      'content-type': 'application/json',
      'x-chatwoot-timestamp': timestamp,
      'x-chatwoot-signature': signature,
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).error).toBe('payload_too_large');
    expect(receiver.received).toHaveLength(0);
  });

  it('answers GET/HEAD as a health check and 405 to other methods', async () => {
    const get = await fetch(receiver.url);
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({ ok: true });
    expect((await fetch(receiver.url, { method: 'HEAD' })).status).toBe(200);
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const response = await fetch(receiver.url, { method, body: method === 'DELETE' ? undefined : '{}' });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD, POST');
    }
  });

  it('answers 200 to an event nobody handles, and keeps unknown events', async () => {
    const unhandled = await deliverWebhook({ url: receiver.url, payload: payloads.contact_created, secret: SECRET });
    const unknown = await deliverWebhook({ url: receiver.url, payload: { event: 'captain_reply', id: 1 }, secret: SECRET });
    expect(JSON.parse(unhandled.responseBody!)).toEqual({ ok: true, handled: false });
    expect(unknown.status).toBe(200);
    // Not dropped silently: with no on.unknown, onError hears of it (and of nothing else here).
    expect(receiver.errors).toEqual([
      expect.objectContaining({ status: 200, deliveryId: unknown.deliveryId, error: expect.objectContaining({ code: 'unknown_event' }) }),
    ]);
  });
});

describe('deliveries the types did not expect', () => {
  const receivers: Receiver[] = [];
  afterAll(async () => {
    for (const receiver of receivers) await receiver.close();
  });

  it('hands a real inbox_created (settings, channel, account; no id) to on.inbox_created', async () => {
    const seen: unknown[] = [];
    const receiver = await startReceiver(mounts['node adapter']!, {
      on: { inbox_created: (event) => void seen.push(event.channel.id), inbox_updated: (event) => void seen.push(event.changed_attributes) },
    });
    receivers.push(receiver);
    const created = await deliverWebhook({ url: receiver.url, payload: payloads.inbox_created, secret: SECRET });
    const updated = await deliverWebhook({ url: receiver.url, payload: payloads.inbox_updated, secret: SECRET });
    expect([created.status, updated.status]).toEqual([200, 200]);
    expect(seen).toEqual([4, payloads.inbox_updated.changed_attributes]);
    expect(receiver.errors).toEqual([]);
  });

  it('routes unknown events and known events of another shape to on.unknown with the payload and a reason', async () => {
    const seen: Array<{ name: string; reason: string; problem?: string | undefined; deliveryId: string | undefined }> = [];
    const receiver = await startReceiver(mounts['fetch handler']!, {
      on: {
        message_created: () => {
          throw new Error('must not get a payload whose types lie');
        },
        unknown: (event, context) => void seen.push({ name: event.name, reason: event.reason, problem: event.problem, deliveryId: context.deliveryId }),
      },
    });
    receivers.push(receiver);
    const odd = await deliverWebhook({ url: receiver.url, payload: { ...payloads.message_created, message_type: 3 }, secret: SECRET });
    const future = await deliverWebhook({ url: receiver.url, payload: { event: 'captain_reply', id: 1 }, secret: SECRET });
    expect([odd.status, future.status]).toEqual([200, 200]);
    expect(JSON.parse(odd.responseBody!)).toEqual({ ok: true, handled: true });
    expect(seen).toEqual([
      { name: 'message_created', reason: 'unexpected_shape', problem: expect.stringContaining('message_type'), deliveryId: odd.deliveryId },
      { name: 'captain_reply', reason: 'unknown_event', problem: undefined, deliveryId: future.deliveryId },
    ]);
    expect(receiver.errors).toEqual([]);
  });
});

describe('webhook endpoint behaviour around handlers and stores', () => {
  const receivers: Receiver[] = [];
  afterAll(async () => {
    for (const receiver of receivers) await receiver.close();
  });

  it('answers 500 when a handler throws and handles the retry of that delivery', async () => {
    let calls = 0;
    const receiver = await startReceiver(mounts['node adapter']!, {
      on: {
        message_created: () => {
          calls++;
          if (calls === 1) throw new Error('database down: password=hunter2');
        },
      },
    });
    receivers.push(receiver);
    // Agent-bot deliveries are retried on 5xx with the same delivery id.
    const result = await deliverWebhook({ url: receiver.url, payload: payloads.message_created, secret: SECRET, retries: 2 });
    expect(result).toMatchObject({ ok: true, status: 200, attempts: 2 });
    expect(calls).toBe(2);
    expect(receiver.errors).toHaveLength(1);
    expect(receiver.errors[0]!.status).toBe(500);
    // The handler's own error text stays on the server.
    const failed = await deliverWebhook({ url: receiver.url, payload: payloads.message_created, secret: SECRET });
    expect(failed.responseBody).not.toContain('hunter2');
  });

  it('accepts deliveries signed with the old or the new secret while rotating', async () => {
    const receiver = await startReceiver(mounts['fetch handler']!, { secret: ['new-secret', SECRET] });
    receivers.push(receiver);
    const old = await deliverWebhook({ url: receiver.url, payload: payloads.message_created, secret: SECRET });
    const fresh = await deliverWebhook({ url: receiver.url, payload: payloads.message_created, secret: 'new-secret' });
    const retired = await deliverWebhook({ url: receiver.url, payload: payloads.message_created, secret: 'retired' });
    expect([old.status, fresh.status, retired.status]).toEqual([200, 200, 401]);
    expect(receiver.received).toHaveLength(2);
  });

  it('honours toleranceSeconds', async () => {
    const receiver = await startReceiver(mounts['node adapter']!, { toleranceSeconds: 3600 });
    receivers.push(receiver);
    const timestamp = Math.floor(Date.now() / 1000) - 1800;
    const result = await deliverWebhook({ url: receiver.url, payload: payloads.message_created, secret: SECRET, timestamp });
    expect(result.status).toBe(200);
  });

  it('accepts unsigned deliveries only with requireSignature: false', async () => {
    const receiver = await startReceiver(mounts['node adapter']!, { requireSignature: false });
    receivers.push(receiver);
    const unsigned = await deliverWebhook({ url: receiver.url, payload: payloads.message_created });
    const forged = await deliverWebhook({ url: receiver.url, payload: payloads.message_created, secret: 'forged' });
    expect([unsigned.status, forged.status]).toEqual([200, 401]);
  });

  it('shares dedupe through a Store: a duplicate reaching a second instance is skipped', async () => {
    const store = createMemoryStore();
    const a = await startReceiver(mounts['node adapter']!, { dedupe: store });
    const b = await startReceiver(mounts['fetch handler']!, { dedupe: store });
    receivers.push(a, b);
    const deliveryId = 'c5f3e4d6-0000-4000-8000-00000000b0b0';
    await deliverWebhook({ url: a.url, payload: payloads.message_created, secret: SECRET, deliveryId });
    const second = await deliverWebhook({ url: b.url, payload: payloads.message_created, secret: SECRET, deliveryId });
    expect(JSON.parse(second.responseBody!)).toEqual({ ok: true, duplicate: true });
    expect(a.received.length + b.received.length).toBe(1);
    expect(await store.get(`webhook:${deliveryId}`)).not.toBeNull();
  });

  it('answers 500 raw_body_unavailable when express.json() already parsed the body', async () => {
    const handler = toNodeHandler(createWebhookHandler({ secret: SECRET, on: {} }));
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        (req as NodeWebhookRequest).body = { event: 'message_created' };
        void handler(req, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const result = await deliverWebhook({ url: `http://127.0.0.1:${port}/`, payload: payloads.message_created, secret: SECRET });
      expect(result.status).toBe(500);
      expect(JSON.parse(result.responseBody!)).toMatchObject({ ok: false, error: 'raw_body_unavailable' });
      expect(result.responseBody).toContain('express.raw');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('the Fetch handler given a request whose body was already read', () => {
  it('answers 500 raw_body_unavailable and tells onError', async () => {
    const errors: unknown[] = [];
    const handler = createWebhookHandler({ secret: SECRET, on: {}, onError: (error) => errors.push(error) });
    const request = new Request('http://127.0.0.1/hook', { method: 'POST', body: toRailsJson(payloads.message_created) });
    await request.json(); // what a framework middleware parsing JSON first would do
    const response = await handler(request);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ ok: false, error: 'raw_body_unavailable' });
    expect(errors).toHaveLength(1);
  });
});

describe('the Node adapter when the client disconnects mid-body', () => {
  it('gives up on that request (no hang, nothing handled) and keeps serving', async () => {
    const receiver = await startReceiver(mounts['node adapter']!);
    try {
      const request = http.request(receiver.url, { method: 'POST', headers: { 'content-length': '5000' } });
      request.on('error', () => undefined);
      request.write('{"event":"message_created",');
      await new Promise((resolve) => setTimeout(resolve, 100));
      request.destroy();
      for (let waited = 0; receiver.errors.length === 0 && waited < 3000; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(receiver.errors).toHaveLength(1);
      expect(receiver.received).toHaveLength(0);
      const next = await deliverWebhook({ url: receiver.url, payload: payloads.message_created, secret: SECRET });
      expect(next.status).toBe(200);
    } finally {
      await receiver.close();
    }
  });
});
