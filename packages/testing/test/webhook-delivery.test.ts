import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliverWebhook, signWebhook, toRailsJson } from '../src/index';

describe('toRailsJson', () => {
  it('escapes <, >, &, U+2028 and U+2029 like Rails to_json, and stays valid JSON', () => {
    const value = { content: '<b>Tom & Jerry</b> > 3', nested: ['a\u2028b\u2029c', { 'k<': 1 }], n: 1.5, none: null };
    const json = toRailsJson(value);
    expect(json).toBe(
      '{"content":"\\u003cb\\u003eTom \\u0026 Jerry\\u003c/b\\u003e \\u003e 3","nested":["a\\u2028b\\u2029c",{"k\\u003c":1}],"n":1.5,"none":null}',
    );
    expect(JSON.parse(json)).toEqual(value);
    expect(json).not.toBe(JSON.stringify(value));
  });
});

describe('signWebhook', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256 as sha256=<lowercase hex>', () => {
    const body = '{"event":"message_created"}';
    const { timestamp, signature } = signWebhook({ secret: 's3cret', body, timestamp: 1764000000 });
    expect(timestamp).toBe('1764000000');
    expect(signature).toBe(`sha256=${createHmac('sha256', 's3cret').update(`1764000000.${body}`).digest('hex')}`);
    expect(signWebhook({ secret: 's3cret', body: Buffer.from(body), timestamp: 1764000000 }).signature).toBe(signature);
  });
});

interface Capture {
  method: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

describe('deliverWebhook', () => {
  let server: http.Server;
  let url: string;
  const captured: Capture[] = [];
  let answers: number[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        captured.push({ method: req.method ?? '', headers: req.headers, body });
        const status = answers.shift() ?? 200;
        if (status === 0) {
          req.socket.destroy(); // a dropped connection
          return;
        }
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    captured.length = 0;
    answers = [];
  });

  it('POSTs Rails JSON with the headers Chatwoot sends, signed when there is a secret', async () => {
    const payload = { event: 'message_created', id: 1, content: '<b>&' };
    const before = Math.floor(Date.now() / 1000);
    const result = await deliverWebhook({ url, payload, secret: 'topsecret', deliveryId: 'd-1' });
    expect(result).toMatchObject({ ok: true, status: 200, attempts: 1, deliveryId: 'd-1' });
    expect(captured).toHaveLength(1);
    const [request] = captured;
    expect(request!.method).toBe('POST');
    expect(request!.body).toBe('{"event":"message_created","id":1,"content":"\\u003cb\\u003e\\u0026"}');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers.accept).toBe('application/json');
    expect(request!.headers['x-chatwoot-delivery']).toBe('d-1');
    const timestamp = Number(request!.headers['x-chatwoot-timestamp']);
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(request!.headers['x-chatwoot-signature']).toBe(
      `sha256=${createHmac('sha256', 'topsecret').update(`${timestamp}.${request!.body}`).digest('hex')}`,
    );
  });

  it('sends no signature headers without a secret', async () => {
    const result = await deliverWebhook({ url, payload: { event: 'contact_created', id: 2 } });
    expect(result.ok).toBe(true);
    expect(captured[0]!.headers['x-chatwoot-signature']).toBeUndefined();
    expect(captured[0]!.headers['x-chatwoot-timestamp']).toBeUndefined();
  });

  it('does not retry by default (account webhooks), and records a failure without throwing', async () => {
    answers = [500];
    const result = await deliverWebhook({ url, payload: { event: 'message_created', id: 3 }, secret: 'k' });
    expect(result).toMatchObject({ ok: false, status: 500, attempts: 1 });
    expect(captured).toHaveLength(1);
  });

  // lib/webhooks/trigger.rb: RETRYABLE_AGENT_BOT_STATUSES = [429, 500]; everything else fails at once.
  it('retries 429 and 500 only, with the same delivery id and a fresh signature per attempt', async () => {
    answers = [429, 500, 200];
    const result = await deliverWebhook({ url, payload: { event: 'message_created', id: 4 }, secret: 'k', retries: 2 });
    expect(result).toMatchObject({ ok: true, status: 200, attempts: 3 });
    expect(captured).toHaveLength(3);
    expect(new Set(captured.map((c) => c.headers['x-chatwoot-delivery'])).size).toBe(1);
  });

  it('does not retry a 502 or a dropped connection, as Chatwoot does not', async () => {
    answers = [502, 200];
    const bad = await deliverWebhook({ url, payload: { event: 'message_created', id: 6 }, secret: 'k', retries: 2 });
    expect(bad).toMatchObject({ ok: false, status: 502, attempts: 1 });
    answers = [0, 200];
    const dropped = await deliverWebhook({ url, payload: { event: 'message_created', id: 7 }, secret: 'k', retries: 2 });
    expect(dropped).toMatchObject({ ok: false, status: null, attempts: 1 });
  });

  // lib/webhooks/trigger.rb#request_headers: X-Chatwoot-Delivery whenever a delivery id is given, signed or not.
  it('sends X-Chatwoot-Delivery on unsigned deliveries too, and none when told deliveryId: null', async () => {
    answers = [200, 200];
    const unsigned = await deliverWebhook({ url, payload: { event: 'contact_created', id: 8 } });
    await deliverWebhook({ url, payload: { event: 'contact_created', id: 9 }, deliveryId: null });
    expect(captured[0]!.headers['x-chatwoot-delivery']).toBe(unsigned.deliveryId);
    expect(captured[0]!.headers['x-chatwoot-signature']).toBeUndefined();
    expect(captured[1]!.headers['x-chatwoot-delivery']).toBeUndefined();
  });

  it('stops at a 4xx other than 429', async () => {
    answers = [401, 200];
    const result = await deliverWebhook({ url, payload: { event: 'message_created', id: 5 }, secret: 'k', retries: 2 });
    expect(result).toMatchObject({ ok: false, status: 401, attempts: 1 });
  });

  it('gives up after its timeout when the receiver never answers', async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as AddressInfo).port;
      const started = Date.now();
      const result = await deliverWebhook({ url: `http://127.0.0.1:${port}/`, payload: { event: 'x' }, timeoutMs: 300 });
      expect(result).toMatchObject({ ok: false, status: null, attempts: 1 });
      expect(result.error).toBeTruthy();
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
