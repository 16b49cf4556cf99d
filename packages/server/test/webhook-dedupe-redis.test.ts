import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverWebhook } from '@wootkit/testing';
import { createNodeWebhookHandler, createRedisStore, createWebhookHandler, type Store, type WebhookEvent } from '../src/index';
import { startRedisServer, type RedisServer } from './support/redis-server';
import { payloads } from './webhook.fixtures';

const SECRET = 'redis-dedupe-secret';

/** Two "instances" of a host app behind a load balancer, sharing one real redis-server for delivery dedupe. */
describe('webhook dedupe on a real Redis shared by two instances', () => {
  let redis: RedisServer;
  const stores: Store[] = [];
  const servers: http.Server[] = [];
  const handled: WebhookEvent[] = [];
  const urls: string[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    for (let i = 0; i < 2; i++) {
      const store = createRedisStore({ redis: redis.url, prefix: 'dedupe-test:' });
      stores.push(store);
      const listener = createNodeWebhookHandler({
        secret: SECRET,
        dedupe: store,
        on: { message_created: async (event) => void handled.push(event) },
      });
      const server = http.createServer((req, res) => void listener(req, res));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      servers.push(server);
      urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`);
    }
  });

  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await Promise.all(stores.map((store) => store.close()));
    await redis?.stop();
  });

  it('handles each delivery once whichever instance gets each copy (20 deliveries x 3 copies, concurrent)', async () => {
    const deliveryIds = Array.from({ length: 20 }, (_, i) => `0000000${i}-1111-4111-8111-${String(i).padStart(12, '0')}`);
    const results = await Promise.all(
      deliveryIds.flatMap((deliveryId, i) =>
        [0, 1, 2].map((copy) =>
          deliverWebhook({ url: urls[(i + copy) % 2]!, payload: { ...payloads.message_created, id: i + 1 }, secret: SECRET, deliveryId }),
        ),
      ),
    );
    expect(results.every((result) => result.status === 200)).toBe(true);
    expect(handled).toHaveLength(20);
    expect(new Set(handled.map((event) => (event.event === 'message_created' ? event.id : 0))).size).toBe(20);
    expect(results.filter((result) => JSON.parse(result.responseBody!).duplicate === true)).toHaveLength(40);
  });

  it('answers 500 (and handles nothing) when the shared store is unreachable', async () => {
    const down = createRedisStore({ redis: 'redis://127.0.0.1:1', operationTimeoutMs: 500 });
    let calls = 0;
    const handler = createWebhookHandler({ secret: SECRET, dedupe: down, on: { message_created: () => void calls++ } });
    const server = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers(req.headers as Record<string, string>);
      const response = await handler(new Request('http://127.0.0.1/hook', { method: 'POST', headers, body: Buffer.concat(chunks) }));
      res.writeHead(response.status, { 'content-type': 'application/json' });
      res.end(await response.text());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const result = await deliverWebhook({ url: `http://127.0.0.1:${port}/hook`, payload: payloads.message_created, secret: SECRET });
      expect(result.status).toBe(500);
      expect(calls).toBe(0);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await down.close();
    }
  });
});
