import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore, StoreError, type Store } from '../src/index';
import { freePort, startRedisServer, type RedisServer } from './support/redis-server';

/** What only Redis can show: two connections (two "processes") racing, real TTLs, the key layout, failures. */
let redis: RedisServer;
let raw: Redis;
const open: Store[] = [];
let n = 0;

beforeAll(async () => {
  redis = await startRedisServer();
  raw = new Redis(redis.url);
});

afterAll(async () => {
  await raw?.quit();
  await redis?.stop();
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close()));
});

/** Two stores on two connections under one prefix: what two instances of a host app look like. */
function twoProcesses(): [Store, Store] {
  const prefix = `race${++n}:`;
  const stores: [Store, Store] = [
    createRedisStore({ redis: redis.url, prefix }),
    createRedisStore({ redis: redis.url, prefix }),
  ];
  open.push(...stores);
  return stores;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('two store instances on one Redis', () => {
  it('never hand out the same counter value twice (2 x 150 concurrent increments)', async () => {
    const [a, b] = twoProcesses();
    const calls = Array.from({ length: 150 }, () => [a.increment('rr'), b.increment('rr')]).flat();
    const values = await Promise.all(calls);
    expect(new Set(values).size).toBe(300);
    expect(Math.max(...values)).toBe(300);
    expect(await a.get('rr')).toBe('300');
  });

  it('let exactly one instance win each setIfAbsent (100 keys, both racing)', async () => {
    const [a, b] = twoProcesses();
    await Promise.all([a.get('warm-up'), b.get('warm-up')]);
    const results: Array<{ wonA: boolean; wonB: boolean; stored: string | null }> = [];
    for (let i = 0; i < 100; i++) {
      // Both requests are in flight at once on two connections; who sends first alternates.
      const [first, second] = i % 2 === 0 ? [a, b] : [b, a];
      const [wonFirst, wonSecond] = await Promise.all([
        first.setIfAbsent(`delivery:${i}`, first === a ? 'a' : 'b', 60_000),
        second.setIfAbsent(`delivery:${i}`, second === a ? 'a' : 'b', 60_000),
      ]);
      const wonA = first === a ? wonFirst : wonSecond;
      const wonB = first === a ? wonSecond : wonFirst;
      results.push({ wonA, wonB, stored: await b.get(`delivery:${i}`) });
    }
    for (const { wonA, wonB, stored } of results) {
      expect(wonA !== wonB).toBe(true);
      expect(stored).toBe(wonA ? 'a' : 'b');
    }
    // Both sides won some: the race was real, not one connection always first.
    expect(results.filter((r) => r.wonA).length).toBeGreaterThan(0);
    expect(results.filter((r) => r.wonB).length).toBeGreaterThan(0);
  });

  it('release only their own lease with deleteIfEquals (100 leases, both releasing each)', async () => {
    const [a, b] = twoProcesses();
    let releasedByOwner = 0;
    for (let i = 0; i < 100; i++) {
      const owner = i % 2 === 0 ? a : b;
      const value = owner === a ? 'a' : 'b';
      expect(await owner.setIfAbsent(`lease:${i}`, value, 60_000)).toBe(true);
      // Both try to release at once, each with its own owner value: only the owner's call deletes.
      const [byA, byB] = await Promise.all([a.deleteIfEquals(`lease:${i}`, 'a'), b.deleteIfEquals(`lease:${i}`, 'b')]);
      expect(byA).toBe(owner === a);
      expect(byB).toBe(owner === b);
      if (byA || byB) releasedByOwner++;
      expect(await b.get(`lease:${i}`)).toBeNull();
    }
    expect(releasedByOwner).toBe(100);
  });

  it('never reserve the same queue item twice (300 items, 2 instances x 4 workers)', async () => {
    const [a, b] = twoProcesses();
    const total = 300;
    for (let i = 0; i < total; i++) await a.queue('jobs').push(`job-${i}`, `payload-${i}`);
    const taken: Array<{ by: string; id: string; payload: string }> = [];
    const worker = async (store: Store, by: string) => {
      // Bounded: at most `total` iterations per worker.
      for (let i = 0; i < total; i++) {
        const item = await store.queue('jobs').reserve(60_000);
        if (!item) return;
        taken.push({ by, id: item.id, payload: item.payload });
        await store.queue('jobs').ack(item.id);
      }
    };
    await Promise.all([
      ...Array.from({ length: 4 }, () => worker(a, 'a')),
      ...Array.from({ length: 4 }, () => worker(b, 'b')),
    ]);
    expect(taken).toHaveLength(total);
    expect(new Set(taken.map((t) => t.id)).size).toBe(total);
    for (const t of taken) expect(t.payload).toBe(t.id.replace('job', 'payload'));
    expect(taken.some((t) => t.by === 'a') && taken.some((t) => t.by === 'b')).toBe(true);
    expect(await b.queue('jobs').size()).toBe(0);
  });

  it('give an item whose visibility expired to the other instance, with attempts counted', async () => {
    const [a, b] = twoProcesses();
    await a.queue('jobs').push('slow', 'work');
    expect(await a.queue('jobs').reserve(150)).toEqual({ id: 'slow', payload: 'work', attempts: 1 });
    expect(await b.queue('jobs').reserve(60_000)).toBeNull();
    await sleep(300);
    expect(await b.queue('jobs').reserve(60_000)).toEqual({ id: 'slow', payload: 'work', attempts: 2 });
    expect(await a.queue('jobs').reserve(60_000)).toBeNull();
  });
});

describe('keys and TTLs in Redis', () => {
  it('uses the documented key layout, with TTLs set by Redis itself', async () => {
    const store = createRedisStore({ redis: redis.url, prefix: 'layout:' });
    open.push(store);
    await store.setIfAbsent('webhooks:delivery:abc', '1', 60_000);
    await store.set('plain', 'v');
    await store.increment('counter');
    await store.queue('outbox').push('m1', 'hello', { delayMs: 5_000, record: { value: 'status', ttlMs: 60_000 } });

    const ttl = await raw.pttl('layout:webhooks:delivery:abc');
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect(await raw.pttl('layout:plain')).toBe(-1);
    expect(await raw.get('layout:counter')).toBe('1');
    expect(await raw.type('{layout:queue:outbox}:visible')).toBe('zset');
    expect(await raw.hget('{layout:queue:outbox}:payloads', 'm1')).toBe('hello');
    expect(await raw.hget('{layout:queue:outbox}:attempts', 'm1')).toBe('0');
    expect(await raw.get('{layout:queue:outbox}:record:m1')).toBe('status');
    expect(await raw.pttl('{layout:queue:outbox}:record:m1')).toBeGreaterThan(55_000);
    // Visible-at comes from Redis's clock, delay included.
    const [seconds] = await raw.time();
    const visibleAt = Number(await raw.zscore('{layout:queue:outbox}:visible', 'm1'));
    expect(visibleAt - Number(seconds) * 1000).toBeGreaterThan(3_000);
  });

  it('keeps stores with different prefixes apart on one Redis', async () => {
    const one = createRedisStore({ redis: redis.url, prefix: 'app-one:' });
    const two = createRedisStore({ redis: redis.url, prefix: 'app-two:' });
    open.push(one, two);
    await one.set('k', '1');
    await one.queue('q').push('x', '1');
    expect(await two.get('k')).toBeNull();
    expect(await two.queue('q').size()).toBe(0);
    expect(await one.get('k')).toBe('1');
  });

  it('uses a client it was given and leaves it open on close()', async () => {
    const client = new Redis(redis.url);
    try {
      const store = createRedisStore({ redis: client, prefix: 'owned:' });
      await store.set('k', 'v');
      await store.close();
      expect(await client.get('owned:k')).toBe('v');
      expect(client.status).toBe('ready');
    } finally {
      await client.quit();
    }
  });

  it('loads its scripts again when Redis forgot them (SCRIPT FLUSH)', async () => {
    const store = createRedisStore({ redis: redis.url, prefix: 'flush:' });
    open.push(store);
    await store.queue('q').push('a', '1');
    await raw.script('FLUSH');
    expect(await store.queue('q').push('b', '2')).toBe(true);
    expect(await store.queue('q').reserve(1_000)).toMatchObject({ id: 'a' });
  });
});

describe('when Redis is unreachable', () => {
  it('fails fast with store_unavailable, a one-line hint and no password from the URL', async () => {
    const port = await freePort();
    const store = createRedisStore({ redis: `redis://app:s3cret-pass@127.0.0.1:${port}/2` });
    open.push(store);
    const started = Date.now();
    const error = await store.get('k').catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'store_unavailable' });
    const message = (error as Error).message;
    expect(message).toContain(`127.0.0.1:${port}`);
    expect(message).toContain('redis-server is running');
    expect(message).not.toContain('s3cret-pass');
    expect(message).not.toContain('\n');
    await expect(store.queue('q').push('a', '1')).rejects.toMatchObject({ code: 'store_unavailable' });
  });

  it('refuses something that is not a Redis URL at once, without echoing it', () => {
    for (const url of ['127.0.0.1:6379', 'http://user:pw-secret@example.test', '']) {
      let error: unknown;
      try {
        createRedisStore({ redis: url });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ code: 'store_invalid_argument' });
      expect((error as Error).message).not.toContain('pw-secret');
    }
  });

  it('bounds a given client with default (long) retries by operationTimeoutMs', async () => {
    const port = await freePort();
    const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true });
    client.on('error', () => {}); // The test owns this client; its reconnect errors are expected.
    try {
      const store = createRedisStore({ redis: client, operationTimeoutMs: 300 });
      const started = Date.now();
      await expect(store.increment('k')).rejects.toMatchObject({ code: 'store_unavailable' });
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      client.disconnect();
    }
  });

  it('recovers by itself when Redis comes back on the same address', async () => {
    const server = await startRedisServer();
    const store = createRedisStore({ redis: server.url, prefix: 'recover:' });
    open.push(store);
    await store.set('k', 'before');
    await server.stop();
    await expect(store.get('k')).rejects.toMatchObject({ code: 'store_unavailable' });

    const again = await startRedisServer([], { port: server.port });
    try {
      // The store's client reconnects in the background (every 100 ms to 2 s); poll, bounded in count and time.
      let value: string | null | undefined;
      const deadline = Date.now() + 8_000;
      for (let i = 0; i < 80 && Date.now() < deadline && value === undefined; i++) {
        value = await store.set('k', 'after').then(
          () => store.get('k'),
          () => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 100)),
        );
      }
      expect(value).toBe('after');
    } finally {
      await store.close();
      await again.stop();
    }
  });
});
