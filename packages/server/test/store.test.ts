import { Cluster } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore, createRedisStore, StoreError, type Store } from '../src/index';
import { startRedisCluster, type RedisCluster } from './support/redis-cluster';
import { startRedisServer, type RedisServer } from './support/redis-server';

/**
 * One contract, three stores: the same tests run against the memory store, the Redis store on one redis-server, and
 * the Redis store on a three-node Redis Cluster. Each test gets a fresh store under its own key prefix.
 */
let redis: RedisServer;
let cluster: RedisCluster;
const clusterClients: Cluster[] = [];
let testNumber = 0;

beforeAll(async () => {
  [redis, cluster] = await Promise.all([startRedisServer(), startRedisCluster()]);
}, 60_000);

afterAll(async () => {
  await Promise.all(clusterClients.map((client) => client.quit().catch(() => client.disconnect())));
  await Promise.all([redis?.stop(), cluster?.stop()]);
});

const implementations: Array<[string, () => Store]> = [
  ['memory', () => createMemoryStore()],
  ['redis', () => createRedisStore({ redis: redis.url, prefix: `contract${++testNumber}:` })],
  [
    'redis cluster',
    () => {
      const client = new Cluster(cluster.nodes, { redisOptions: { connectTimeout: 2_000 } });
      clusterClients.push(client);
      return createRedisStore({ redis: client, prefix: `contract${++testNumber}:` });
    },
  ],
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(implementations)('Store contract: %s', (_name, createStore) => {
  let store: Store;
  const open: Store[] = [];
  const fresh = () => {
    store = createStore();
    open.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  describe('increment', () => {
    it('starts from 0 and adds 1 by default, or the given amount', async () => {
      fresh();
      expect(await store.increment('counter')).toBe(1);
      expect(await store.increment('counter')).toBe(2);
      expect(await store.increment('counter', 10)).toBe(12);
      expect(await store.increment('counter', -5)).toBe(7);
      expect(await store.increment('other')).toBe(1);
      expect(await store.get('counter')).toBe('7');
    });

    it('hands out every value exactly once under 200 concurrent calls', async () => {
      fresh();
      const values = await Promise.all(Array.from({ length: 200 }, () => store.increment('race')));
      expect(new Set(values).size).toBe(200);
      expect(Math.min(...values)).toBe(1);
      expect(Math.max(...values)).toBe(200);
    });

    it('rejects a fractional amount and a value that is not an integer with typed errors', async () => {
      fresh();
      await expect(store.increment('counter', 1.5)).rejects.toMatchObject({ code: 'store_invalid_argument' });
      await store.set('text', 'hello');
      const error = await store.increment('text').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ code: 'store_command_failed' });
      expect(await store.get('text')).toBe('hello');
    });
  });

  describe('setIfAbsent', () => {
    it('sets only the first time and keeps the first value', async () => {
      fresh();
      expect(await store.setIfAbsent('delivery:1', 'first', 60_000)).toBe(true);
      expect(await store.setIfAbsent('delivery:1', 'second', 60_000)).toBe(false);
      expect(await store.get('delivery:1')).toBe('first');
      expect(await store.setIfAbsent('delivery:2', 'x', 60_000)).toBe(true);
    });

    it('lets exactly one of 50 concurrent callers win', async () => {
      fresh();
      const wins = await Promise.all(Array.from({ length: 50 }, (_, i) => store.setIfAbsent('lock', String(i), 60_000)));
      expect(wins.filter(Boolean)).toHaveLength(1);
      const winner = wins.indexOf(true);
      expect(await store.get('lock')).toBe(String(winner));
    });

    it('can set again once the TTL has passed', async () => {
      fresh();
      expect(await store.setIfAbsent('short', 'a', 100)).toBe(true);
      expect(await store.setIfAbsent('short', 'b', 100)).toBe(false);
      await sleep(250);
      expect(await store.get('short')).toBeNull();
      expect(await store.setIfAbsent('short', 'c', 100)).toBe(true);
      expect(await store.get('short')).toBe('c');
    });

    it('rejects a TTL that is not a positive integer', async () => {
      fresh();
      for (const ttl of [0, -1, 1.5, Number.NaN]) {
        await expect(store.setIfAbsent('k', 'v', ttl)).rejects.toMatchObject({ code: 'store_invalid_argument' });
      }
      expect(await store.get('k')).toBeNull();
    });
  });

  describe('deleteIfEquals', () => {
    it('deletes only while the key holds exactly the given value', async () => {
      fresh();
      await store.set('lease', 'owner-a');
      expect(await store.deleteIfEquals('lease', 'owner-b')).toBe(false);
      expect(await store.deleteIfEquals('lease', 'owner-')).toBe(false);
      expect(await store.get('lease')).toBe('owner-a');
      expect(await store.deleteIfEquals('lease', 'owner-a')).toBe(true);
      expect(await store.get('lease')).toBeNull();
      expect(await store.deleteIfEquals('lease', 'owner-a')).toBe(false);
      expect(await store.deleteIfEquals('never-set', '')).toBe(false);
    });

    it("cannot delete a lease taken by someone else after the first one's TTL ran out", async () => {
      fresh();
      expect(await store.setIfAbsent('lease', 'first', 100)).toBe(true);
      await sleep(250);
      expect(await store.setIfAbsent('lease', 'second', 60_000)).toBe(true);
      // The first holder, late, releases what it believes is still its lease.
      expect(await store.deleteIfEquals('lease', 'first')).toBe(false);
      expect(await store.get('lease')).toBe('second');
    });

    it('lets exactly one of 50 concurrent releases of the same lease succeed', async () => {
      fresh();
      await store.setIfAbsent('lease', 'owner', 60_000);
      const deleted = await Promise.all(Array.from({ length: 50 }, () => store.deleteIfEquals('lease', 'owner')));
      expect(deleted.filter(Boolean)).toHaveLength(1);
      expect(await store.setIfAbsent('lease', 'next', 60_000)).toBe(true);
    });
  });

  describe('get, set, delete', () => {
    it('reads null for a missing key, then what was set, then null after delete', async () => {
      fresh();
      expect(await store.get('missing')).toBeNull();
      await store.set('name', 'Ana');
      expect(await store.get('name')).toBe('Ana');
      await store.set('name', 'Bea');
      expect(await store.get('name')).toBe('Bea');
      await store.delete('name');
      expect(await store.get('name')).toBeNull();
      await store.delete('never-set');
      expect(await store.get('never-set')).toBeNull();
    });

    it('expires a value set with a TTL, and a later set without TTL keeps it for good', async () => {
      fresh();
      await store.set('temp', '1', 100);
      await store.set('kept', '1', 100);
      await store.set('kept', '2');
      expect(await store.get('temp')).toBe('1');
      await sleep(250);
      expect(await store.get('temp')).toBeNull();
      expect(await store.get('kept')).toBe('2');
    });

    it('stores any string exactly, unicode and JSON included', async () => {
      fresh();
      const value = JSON.stringify({ name: 'José 🎉', text: 'line1\nline2\u0000end', n: 1 });
      await store.set('json', value);
      expect(await store.get('json')).toBe(value);
    });
  });

  describe('queue', () => {
    it('pushes once per id and counts items, visible or not', async () => {
      const queue = fresh().queue('jobs');
      expect(await queue.push('a', 'A')).toBe(true);
      expect(await queue.push('a', 'A again')).toBe(false);
      expect(await queue.push('b', 'B')).toBe(true);
      expect(await queue.size()).toBe(2);
      await queue.reserve(60_000);
      expect(await queue.size()).toBe(2);
    });

    it('hands out an item once, hides it, and removes it on ack', async () => {
      const queue = fresh().queue('jobs');
      await queue.push('a', 'payload-a');
      expect(await queue.reserve(60_000)).toEqual({ id: 'a', payload: 'payload-a', attempts: 1 });
      expect(await queue.reserve(60_000)).toBeNull();
      await queue.ack('a');
      expect(await queue.size()).toBe(0);
      expect(await queue.reserve(60_000)).toBeNull();
    });

    it('hands out the earliest visible item first', async () => {
      const queue = fresh().queue('jobs');
      await queue.push('later', 'L', { delayMs: 150 });
      await queue.push('first', 'F');
      await sleep(5);
      await queue.push('second', 'S');
      expect((await queue.reserve(60_000))?.id).toBe('first');
      expect((await queue.reserve(60_000))?.id).toBe('second');
      expect(await queue.reserve(60_000)).toBeNull();
      await sleep(250);
      expect((await queue.reserve(60_000))?.id).toBe('later');
    });

    it('makes an item visible again when its visibility timeout passes, counting attempts', async () => {
      const queue = fresh().queue('jobs');
      await queue.push('a', 'A');
      expect((await queue.reserve(100))?.attempts).toBe(1);
      expect(await queue.reserve(100)).toBeNull();
      await sleep(250);
      expect(await queue.reserve(60_000)).toEqual({ id: 'a', payload: 'A', attempts: 2 });
    });

    it('release puts an item back now or after a delay, optionally with a new payload', async () => {
      const queue = fresh().queue('jobs');
      await queue.push('a', 'v1');
      await queue.reserve(60_000);
      await queue.release('a', 0, 'v2');
      expect(await queue.reserve(60_000)).toEqual({ id: 'a', payload: 'v2', attempts: 2 });
      await queue.release('a', 200);
      expect(await queue.reserve(60_000)).toBeNull();
      await sleep(300);
      expect(await queue.reserve(60_000)).toEqual({ id: 'a', payload: 'v2', attempts: 3 });
    });

    it('ignores ack and release of ids it does not hold', async () => {
      const queue = fresh().queue('jobs');
      expect(await queue.ack('ghost')).toBe(false);
      expect(await queue.release('ghost', 0, 'boo')).toBe(false);
      expect(await queue.size()).toBe(0);
      expect(await queue.reserve(60_000)).toBeNull();
    });

    it('ignores ack and release from a worker whose reservation lapsed and was handed to another', async () => {
      const queue = fresh().queue('jobs');
      await queue.push('a', 'A');
      const stale = await queue.reserve(100);
      await sleep(250);
      const current = await queue.reserve(60_000);
      expect(current).toEqual({ id: 'a', payload: 'A', attempts: 2 });
      expect(await queue.release(stale!, 0, 'from the stale worker')).toBe(false);
      expect(await queue.ack(stale!)).toBe(false);
      expect(await queue.size()).toBe(1);
      expect(await queue.reserve(60_000)).toBeNull(); // still hidden: the stale release changed nothing
      expect(await queue.release(current!, 0, 'A2')).toBe(true);
      const again = await queue.reserve(60_000);
      expect(again).toEqual({ id: 'a', payload: 'A2', attempts: 3 });
      expect(await queue.ack(again!)).toBe(true);
      expect(await queue.size()).toBe(0);
    });

    it('acks and releases by bare id whoever holds the item', async () => {
      const queue = fresh().queue('jobs');
      await queue.push('a', 'A');
      await queue.push('b', 'B');
      expect(await queue.ack('a')).toBe(true);
      await queue.reserve(60_000);
      expect(await queue.release('b', 0)).toBe(true);
      expect(await queue.reserve(60_000)).toMatchObject({ id: 'b', attempts: 2 });
    });

    it('keeps queues with different names apart', async () => {
      fresh();
      await store.queue('one').push('x', '1');
      await store.queue('two').push('x', '2');
      expect(await store.queue('one').reserve(60_000)).toMatchObject({ id: 'x', payload: '1' });
      expect(await store.queue('two').reserve(60_000)).toMatchObject({ id: 'x', payload: '2' });
      await store.queue('one').ack('x');
      expect(await store.queue('two').size()).toBe(1);
    });

    it('never hands the same item to two of 30 concurrent reservers', async () => {
      const queue = fresh().queue('jobs');
      for (let i = 0; i < 20; i++) await queue.push(`job-${i}`, String(i));
      const reserved = await Promise.all(Array.from({ length: 30 }, () => queue.reserve(60_000)));
      const ids = reserved.filter((item) => item !== null).map((item) => item.id);
      expect(ids).toHaveLength(20);
      expect(new Set(ids).size).toBe(20);
    });

    it("writes an item and its record in one step, once per id; the record outlives the item's ack", async () => {
      const queue = fresh().queue('jobs');
      expect(await queue.push('a', 'A', { record: { value: 'r1', ttlMs: 60_000 } })).toBe(true);
      expect(await queue.getRecord('a')).toBe('r1');
      expect(await queue.push('a', 'A2', { record: { value: 'r2', ttlMs: 60_000 } })).toBe(false);
      expect(await queue.getRecord('a')).toBe('r1');
      expect(await queue.ack((await queue.reserve(60_000))!)).toBe(true);
      expect(await queue.getRecord('a')).toBe('r1');
      // While the record lives it is the id's claim: pushing the id again with a record queues nothing.
      expect(await queue.push('a', 'A3', { record: { value: 'r3', ttlMs: 60_000 } })).toBe(false);
      expect(await queue.size()).toBe(0);
      expect(await queue.getRecord('b')).toBeNull();
    });

    it('expires a record by its TTL, after which the id can be pushed with a record again', async () => {
      const queue = fresh().queue('jobs');
      await queue.push('a', 'A', { record: { value: 'short', ttlMs: 100 } });
      await queue.ack('a');
      await sleep(250);
      expect(await queue.getRecord('a')).toBeNull();
      expect(await queue.push('a', 'A', { record: { value: 'again', ttlMs: 60_000 } })).toBe(true);
      expect(await queue.getRecord('a')).toBe('again');
    });

    it('writes the record of a reserved item only while the reservation is still yours', async () => {
      const queue = fresh().queue('jobs');
      await queue.push('a', 'A', { record: { value: 'queued', ttlMs: 60_000 } });
      const stale = await queue.reserve(100);
      await sleep(250);
      const current = await queue.reserve(60_000);
      expect(await queue.setRecord(current!, 'sent', 60_000)).toBe(true);
      expect(await queue.setRecord(stale!, 'stale queued', 60_000)).toBe(false);
      expect(await queue.getRecord('a')).toBe('sent');
      expect(await queue.ack(current!)).toBe(true);
      expect(await queue.setRecord(current!, 'after ack', 60_000)).toBe(false);
      expect(await queue.getRecord('a')).toBe('sent');
    });

    it('rejects a record TTL out of range without queueing', async () => {
      const queue = fresh().queue('jobs');
      await expect(queue.push('a', 'A', { record: { value: 'x', ttlMs: 0 } })).rejects.toMatchObject({ code: 'store_invalid_argument' });
      expect(await queue.size()).toBe(0);
      expect(await queue.getRecord('a')).toBeNull();
    });

    it('rejects a visibility timeout or delay out of range', async () => {
      const queue = fresh().queue('jobs');
      await expect(queue.reserve(0)).rejects.toMatchObject({ code: 'store_invalid_argument' });
      await expect(queue.push('a', 'A', { delayMs: -1 })).rejects.toMatchObject({ code: 'store_invalid_argument' });
      await expect(queue.release('a', 0.5)).rejects.toMatchObject({ code: 'store_invalid_argument' });
      expect(await queue.size()).toBe(0);
    });
  });

  it('fails with store_closed after close()', async () => {
    const closed = createStore();
    await closed.close();
    await expect(closed.get('k')).rejects.toMatchObject({ code: 'store_closed' });
    await expect(closed.queue('q').size()).rejects.toMatchObject({ code: 'store_closed' });
    await closed.close();
  });
});
