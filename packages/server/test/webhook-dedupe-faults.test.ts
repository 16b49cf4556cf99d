import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { toRailsJson } from '@wootkit/testing';
import { createRedisStore, createWebhookHandler, signWebhook, type Store, type WebhookError, type WebhookHandlerOptions } from '../src/index';
import { startRedisProxy, type RedisProxy } from './support/redis-proxy';
import { startRedisServer, type RedisServer } from './support/redis-server';
import { payloads } from './webhook.fixtures';

/**
 * Webhook dedupe when Redis misbehaves (issue: "a delivery that failed must be handled on retry"). A real
 * redis-server and a TCP proxy in front of it that holds one exact command, or cuts a connection at one
 * (test/support/redis-proxy.ts). The retries are what an agent bot's Chatwoot sends: the same
 * `X-Chatwoot-Delivery`, signed afresh (Chatwoot v4.15.1, `app/jobs/agent_bots/webhook_job.rb`: retried on 429/500).
 */
const SECRET = 'dedupe-faults-secret';
const LEASE_MS = 800;

let redis: RedisServer;
let prefixNumber = 0;
const stores: Store[] = [];
const proxies: RedisProxy[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const proxy of proxies.splice(0)) await proxy.close();
});

function store(url: string, prefix = `faults${++prefixNumber}:`): Store {
  const created = createRedisStore({ redis: url, prefix, operationTimeoutMs: 300 });
  stores.push(created);
  return created;
}

async function delivery(deliveryId: string, id = 501): Promise<Request> {
  const body = toRailsJson({ ...payloads.message_created, id });
  const headers = await signWebhook({ secret: SECRET, body, deliveryId });
  return new Request('http://127.0.0.1/hook', { method: 'POST', headers, body });
}

function handlerOn(dedupe: Store, onMessage: WebhookHandlerOptions['on']['message_created'], errors: WebhookError[] = [], leaseMs = LEASE_MS) {
  return createWebhookHandler({
    secret: SECRET,
    dedupe,
    dedupeLeaseMs: leaseMs,
    dedupeTimeoutMs: 300,
    on: { message_created: onMessage },
    onError: (error) => void errors.push(error),
  });
}

const answer = async (response: Response) => [response.status, await response.json()] as const;

describe('webhook dedupe under Redis faults', () => {
  it('a claim (SET NX) that stalls past its timeout and lands late does not make the retry a duplicate', async () => {
    const proxy = await startRedisProxy(redis.port);
    proxies.push(proxy);
    const dedupe = store(proxy.url);
    await dedupe.get('warm-up'); // connect first, so the held command is the claim and not the handshake
    let handled = 0;
    const errors: WebhookError[] = [];
    const handler = handlerOn(dedupe, () => void handled++, errors);

    const held = proxy.holdAt((args) => args[0]?.toUpperCase() === 'SET' && args.includes('NX'));
    const first = handler(await delivery('stalled-1'));
    const { release } = await held;
    expect(await answer(await first)).toEqual([500, { ok: false, error: 'dedupe_failed' }]);
    expect(errors.map((error) => error.code)).toEqual(['dedupe_failed']);

    // The stalled SET NX now reaches Redis, after the attempt gave up: a claim nobody will ever finish.
    release();
    const direct = new Redis(redis.port, '127.0.0.1');
    try {
      const pendingClaims = async () => {
        const keys = await direct.keys(`faults${prefixNumber}:webhook:*`);
        const values = await Promise.all(keys.map((key) => direct.get(key)));
        return values.filter((value) => value?.startsWith('pending:')).length;
      };
      await expect.poll(pendingClaims, { timeout: 2_000 }).toBe(1);
    } finally {
      direct.disconnect();
    }

    const retry = await handler(await delivery('stalled-1'));
    expect(await answer(retry)).toEqual([200, { ok: true, handled: true }]);
    expect(handled).toBe(1);

    // And now it is remembered: a further retry is a duplicate.
    expect(await answer(await handler(await delivery('stalled-1')))).toEqual([200, { ok: true, duplicate: true }]);
    expect(handled).toBe(1);
  });

  it('a handler that throws while its Redis connection is cut leaves no claim beyond its lease: the retry is handled', async () => {
    // Instance A reaches Redis through the proxy, instance B directly (two host-app instances, one Redis).
    const proxy = await startRedisProxy(redis.port);
    proxies.push(proxy);
    const prefix = `faults${++prefixNumber}:`;
    const storeA = store(proxy.url, prefix);
    const storeB = store(redis.url, prefix);
    let calls = 0;
    const errors: WebhookError[] = [];
    const onMessage = async () => {
      calls++;
      if (calls === 1) {
        // From now on nothing A sends reaches Redis: giving the claim back cannot work.
        void proxy.stopAt(() => true, 'request');
        throw new Error('the downstream system failed');
      }
    };
    const instanceA = handlerOn(storeA, onMessage, errors);
    const instanceB = handlerOn(storeB, onMessage);

    expect(await answer(await instanceA(await delivery('cut-1')))).toEqual([500, { ok: false, error: 'handler_failed' }]);

    const started = Date.now();
    const retry = await instanceB(await delivery('cut-1'));
    expect(await answer(retry)).toEqual([200, { ok: true, handled: true }]);
    expect(calls).toBe(2);
    // It waited for the left-over claim's lease at most, not for the 24 h a handled delivery is remembered.
    expect(Date.now() - started).toBeLessThan(LEASE_MS + 2_000);
    expect(errors.map((error) => error.code)).toEqual(['handler_failed']);
  });

  it('a copy arriving while the first attempt runs waits for it and is answered duplicate, handled once', async () => {
    const dedupe = store(redis.url);
    let calls = 0;
    let finish!: () => void;
    const running = new Promise<void>((resolve) => (finish = resolve));
    const handler = handlerOn(dedupe, async () => {
      calls++;
      await running;
    });
    const first = handler(await delivery('concurrent-1'));
    await expect.poll(() => calls).toBe(1);
    const copy = handler(await delivery('concurrent-1'));
    setTimeout(finish, 150);
    expect(await answer(await first)).toEqual([200, { ok: true, handled: true }]);
    expect(await answer(await copy)).toEqual([200, { ok: true, duplicate: true }]);
    expect(calls).toBe(1);
  });

  it('a copy that outwaits a slow first attempt gets 429 delivery_in_progress with Retry-After, never a silent duplicate', async () => {
    const dedupe = store(redis.url);
    let calls = 0;
    let finish!: () => void;
    const running = new Promise<void>((resolve) => (finish = resolve));
    const errors: WebhookError[] = [];
    const handler = handlerOn(
      dedupe,
      async () => {
        calls++;
        if (calls === 1) await running;
      },
      errors,
      4_000,
    );
    const first = handler(await delivery('slow-1'));
    await expect.poll(() => calls).toBe(1);
    // Waits 3 s at most (within Chatwoot's 5 s timeout) while the first attempt still holds its 4 s lease: then asks
    // to be retried after the lease.
    const copy = await handler(await delivery('slow-1'));
    expect(await answer(copy)).toEqual([429, { ok: false, error: 'delivery_in_progress' }]);
    expect(copy.headers.get('retry-after')).toBe('4');
    expect(errors.map((error) => error.code)).toEqual(['delivery_in_progress']);
    finish();
    expect((await first).status).toBe(200);
    expect(calls).toBe(1);
  });
});
