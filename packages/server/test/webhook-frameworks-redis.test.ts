import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import express from 'express';
import { Hono } from 'hono';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverWebhook } from '@wootkit/testing';
import { createNodeWebhookHandler, createRedisStore, createWebhookHandler, type Store } from '../src/index';
import { startRedisServer, type RedisServer } from './support/redis-server';
import { answer, baseUrlOf, closeServer, FRAMEWORK_SECRET as SECRET, recordingHandlers } from './webhook-frameworks.helpers';
import { payloads } from './webhook.fixtures';

const DAY_MS = 24 * 60 * 60 * 1000;
/** 36 concurrent deliveries on a busy CI machine can outlast Chatwoot's 5 s; this test is about dedupe, not latency. */
const LOADED_MACHINE_TIMEOUT_MS = 20_000;

/**
 * A rolling migration: one instance of the host app on Express, another on Hono, behind one load balancer, sharing a
 * real redis-server through `createRedisStore` with its default prefix. Each delivery must be handled once whichever
 * framework gets each copy, under the documented key `wootkit:webhook:<X-Chatwoot-Delivery>`.
 */
describe('webhook dedupe shared by an Express and a Hono instance on one real Redis', () => {
  let redis: RedisServer;
  let inspector: Redis;
  const stores: Store[] = [];
  const servers: Server[] = [];
  const urls: string[] = [];
  const express_ = recordingHandlers();
  const hono_ = recordingHandlers();

  beforeAll(async () => {
    redis = await startRedisServer();
    inspector = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await inspector.connect();

    const expressStore = createRedisStore({ redis: redis.url });
    const expressApp = express();
    expressApp.post(
      '/webhooks/chatwoot',
      express.raw({ type: 'application/json' }),
      createNodeWebhookHandler({ secret: SECRET, dedupe: expressStore, on: express_.on }),
    );
    const expressServer = expressApp.listen(0, '127.0.0.1');

    const honoStore = createRedisStore({ redis: redis.url });
    const webhook = createWebhookHandler({ secret: SECRET, dedupe: honoStore, on: hono_.on });
    const honoApp = new Hono();
    honoApp.post('/webhooks/chatwoot', (c) => webhook(c.req.raw));
    const honoServer = serve({ fetch: honoApp.fetch, hostname: '127.0.0.1', port: 0 }) as Server;

    stores.push(expressStore, honoStore);
    servers.push(expressServer, honoServer);
    for (const server of servers) urls.push(`${await baseUrlOf(server)}/webhooks/chatwoot`);
  });

  afterAll(async () => {
    for (const server of servers) await closeServer(server);
    await Promise.all(stores.map((store) => store.close()));
    inspector?.disconnect();
    await redis?.stop();
  });

  it('handles each of 12 deliveries once though 3 copies of each reach both frameworks concurrently', async () => {
    const deliveryIds = Array.from({ length: 12 }, (_, i) => `9e0c${String(i).padStart(4, '0')}-0000-4000-8000-000000000000`);
    const results = await Promise.all(
      deliveryIds.flatMap((deliveryId, i) =>
        [0, 1, 2].map((copy) =>
          deliverWebhook({
            url: urls[(i + copy) % 2]!,
            payload: { ...payloads.message_created, id: 100 + i },
            secret: SECRET,
            deliveryId,
            timeoutMs: LOADED_MACHINE_TIMEOUT_MS,
          }),
        ),
      ),
    );

    expect(results.map((result) => result.status ?? result.error)).toEqual(results.map(() => 200));
    expect(results.filter((result) => answer(result.responseBody).duplicate === true)).toHaveLength(24);
    const handled = [...express_.received, ...hono_.received];
    expect(handled.map(({ deliveryId }) => deliveryId).sort()).toEqual([...deliveryIds].sort());
    // Both frameworks did real work: copies were spread across them.
    expect(express_.received.length).toBeGreaterThan(0);
    expect(hono_.received.length).toBeGreaterThan(0);

    // The key layout the docs promise: the store's `wootkit:` prefix once, then `webhook:`, with the 24 h TTL.
    // Each delivery is remembered by its id and by its signature (what a replay under another id would reuse).
    const keys = (await inspector.keys('*')).sort();
    expect(keys.filter((key) => !key.startsWith('wootkit:webhook:sig:'))).toEqual(deliveryIds.map((id) => `wootkit:webhook:${id}`).sort());
    // At least one signature per delivery; more when the copies of one delivery were signed in different seconds.
    const signatures = keys.filter((key) => /^wootkit:webhook:sig:sha256=[0-9a-f]{64}$/.test(key));
    expect(signatures.length).toBeGreaterThanOrEqual(12);
    expect(signatures.length).toBeLessThanOrEqual(36);
    expect(keys).toHaveLength(12 + signatures.length);
    for (const key of keys) {
      const ttl = await inspector.pttl(key);
      expect(ttl).toBeGreaterThan(DAY_MS - 60_000);
      expect(ttl).toBeLessThanOrEqual(DAY_MS);
    }
  });
});
