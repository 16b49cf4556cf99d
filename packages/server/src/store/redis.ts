import type { RedisOptions } from 'ioredis';
import type { DurableQueue, QueueItem, Store } from './types';
import { StoreError } from './StoreError';
import {
  ackScript,
  deleteIfEqualsScript,
  pushScript,
  releaseScript,
  reserveScript,
  setRecordScript,
  type LuaScript,
} from './redis-scripts';
import { assertDelay, assertInteger, assertTtl } from './validate';

export interface RedisStoreOptions {
  /**
   * An ioredis client (`new Redis(...)` or `new Cluster(...)`) that you own and close, or a `redis://` / `rediss://`
   * URL, in which case the store loads `ioredis` (an optional peer dependency) on first use, creates the client
   * with bounded connect timeouts, and closes it in `close()`.
   */
  redis: RedisClientLike | string;
  /** Put before every key, so several apps can share one Redis. Default `wootkit:`. */
  prefix?: string;
  /**
   * How long one operation may take before it fails with `store_unavailable`, whatever the client's own retry
   * settings are. Default 5000 ms.
   */
  operationTimeoutMs?: number;
}

/**
 * The part of an ioredis client (`Redis` or `Cluster`) the store uses, declared here so that `@wootkit/server`'s types
 * do not require ioredis to be installed. Every command goes through `call`, which routes by key on a Cluster too.
 */
export interface RedisClientLike {
  call(command: string, args: Array<string | number>): Promise<unknown>;
  quit(): Promise<unknown>;
  disconnect(): void;
  readonly isCluster: boolean;
}

type RedisClient = RedisClientLike;

const DEFAULT_OPERATION_TIMEOUT_MS = 5_000;

/**
 * A {@link Store} on Redis, shared by every instance of the host app. Works with a single Redis and with Redis
 * Cluster: plain keys are single-key commands, and the keys of one queue share a hash tag (`{wootkit:queue:<name>}`)
 * so its Lua scripts run on one node. Needs Redis 5 or newer.
 *
 * Keys: `<prefix><key>` for `get`/`set`/`increment`/`setIfAbsent`/`deleteIfEquals`; `{<prefix>queue:<name>}:visible` (ZSET),
 * `:payloads` and `:attempts` (HASHes) for a queue, and `:record:<id>` (strings) for its items' records. TTLs are Redis's own (`PX`), so expired keys vanish by themselves.
 *
 * Failures are {@link StoreError}s: `store_unavailable` when Redis cannot be reached within `operationTimeoutMs`,
 * `store_command_failed` when Redis answers with an error.
 */
export function createRedisStore(options: RedisStoreOptions): Store {
  const prefix = options.prefix ?? 'wootkit:';
  const operationTimeoutMs = options.operationTimeoutMs ?? DEFAULT_OPERATION_TIMEOUT_MS;
  if (typeof options.redis === 'string' && !/^rediss?:\/\//i.test(options.redis)) {
    throw new StoreError(
      'store_invalid_argument',
      'createRedisStore: redis must be a redis:// or rediss:// URL (e.g. redis://127.0.0.1:6379) or an ioredis client.',
    );
  }
  const ownsClient = typeof options.redis === 'string';
  const where = typeof options.redis === 'string' ? redactUrl(options.redis) : describeClient(options.redis);
  let lastConnectionError: string | undefined;
  let clientPromise: Promise<RedisClient> | undefined;
  let closed = false;

  function client(): Promise<RedisClient> {
    clientPromise ??=
      typeof options.redis === 'string'
        ? connectUrl(options.redis, (reason) => {
            lastConnectionError = reason;
          })
        : Promise.resolve(options.redis);
    return clientPromise;
  }

  /** Runs one Redis operation with a deadline, turning every failure into a StoreError. */
  async function run<T>(operation: string, work: (redis: RedisClient) => Promise<T>): Promise<T> {
    if (closed) throw new StoreError('store_closed', 'The Redis store was used after close(); create a new one.');
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(unavailable(`did not answer ${operation} within ${operationTimeoutMs} ms`)),
        operationTimeoutMs,
      );
    });
    try {
      return await Promise.race([client().then(work), deadline]);
    } catch (error) {
      if (error instanceof StoreError) throw error;
      if (isReplyError(error)) {
        throw new StoreError('store_command_failed', `Redis refused ${operation}: ${firstLine(error)}`, { cause: error });
      }
      throw unavailable(`failed on ${operation} (${lastConnectionError ?? firstLine(error)})`, error);
    } finally {
      clearTimeout(timer);
    }
  }

  function unavailable(what: string, cause?: unknown): StoreError {
    return new StoreError(
      'store_unavailable',
      `Redis at ${where} ${what}; check the Redis URL and that redis-server is running and reachable.`,
      cause === undefined ? undefined : { cause },
    );
  }

  const key = (name: string) => `${prefix}${name}`;

  return {
    async increment(name, by = 1) {
      assertInteger(by, 'by');
      return run('INCRBY', async (redis) => Number(await redis.call('INCRBY', [key(name), by])));
    },
    async setIfAbsent(name, value, ttlMs) {
      assertTtl(ttlMs);
      const reply = await run('SET NX', (redis) => redis.call('SET', [key(name), value, 'PX', ttlMs, 'NX']));
      return reply === 'OK';
    },
    async get(name) {
      return run('GET', async (redis) => (await redis.call('GET', [key(name)])) as string | null);
    },
    async set(name, value, ttlMs) {
      if (ttlMs === undefined) {
        await run('SET', (redis) => redis.call('SET', [key(name), value]));
      } else {
        assertTtl(ttlMs);
        await run('SET PX', (redis) => redis.call('SET', [key(name), value, 'PX', ttlMs]));
      }
    },
    async delete(name) {
      await run('DEL', (redis) => redis.call('DEL', [key(name)]));
    },
    async deleteIfEquals(name, value) {
      const reply = await run('compare-and-delete', (redis) => evalScript(redis, deleteIfEqualsScript, [key(name)], [value]));
      return Number(reply) === 1;
    },
    queue(name) {
      return createRedisQueue(`{${prefix}queue:${name}}`, run);
    },
    async close() {
      if (closed) return;
      closed = true;
      if (!ownsClient || !clientPromise) return;
      const redis = await clientPromise.catch(() => undefined);
      if (!redis) return;
      // QUIT lets pending replies arrive; if Redis is gone it cannot answer, so fall back to dropping the socket.
      await Promise.race([redis.quit().catch(() => undefined), delay(1_000)]);
      redis.disconnect();
    },
  };
}

type Run = <T>(operation: string, work: (redis: RedisClient) => Promise<T>) => Promise<T>;

function createRedisQueue(base: string, run: Run): DurableQueue {
  const keys = [`${base}:visible`, `${base}:payloads`, `${base}:attempts`];
  const recordKey = (id: string) => `${base}:record:${id}`;
  const script = <T>(operation: string, lua: LuaScript, args: Array<string | number>, extraKeys: string[] = []) =>
    run(operation, (redis) => evalScript(redis, lua, [...keys, ...extraKeys], args) as Promise<T>);

  return {
    async push(id, payload, options = {}) {
      const delayMs = options.delayMs ?? 0;
      assertDelay(delayMs);
      const { record } = options;
      if (record) assertTtl(record.ttlMs);
      const args = record ? [id, payload, delayMs, '1', record.value, record.ttlMs] : [id, payload, delayMs, '0', '', 0];
      return (await script<number>('queue push', pushScript, args, [recordKey(id)])) === 1;
    },
    async getRecord(id) {
      return run('GET', async (redis) => (await redis.call('GET', [recordKey(id)])) as string | null);
    },
    async setRecord(item, value, ttlMs) {
      assertTtl(ttlMs);
      const args = [item.id, String(item.attempts), value, ttlMs];
      return (await script<number>('queue record', setRecordScript, args, [recordKey(item.id)])) === 1;
    },
    async reserve(visibilityMs) {
      assertTtl(visibilityMs, 'visibilityMs');
      const reply = await script<[string, string | null, number] | null>('queue reserve', reserveScript, [visibilityMs]);
      if (!reply) return null;
      const [id, payload, attempts] = reply;
      const item: QueueItem = { id, payload: payload ?? '', attempts: Number(attempts) };
      return item;
    },
    async ack(item) {
      const [id, expected] = lease(item);
      return (await script<number>('queue ack', ackScript, [id, expected])) === 1;
    },
    async release(item, delayMs, payload) {
      assertDelay(delayMs);
      const [id, expected] = lease(item);
      const args = payload === undefined ? [id, expected, delayMs, '0', ''] : [id, expected, delayMs, '1', payload];
      return (await script<number>('queue release', releaseScript, args)) === 1;
    },
    async size() {
      return run('ZCARD', async (redis) => Number(await redis.call('ZCARD', [keys[0]!])));
    },
  };
}

/** The id, and the attempt that must still be current ('' when the caller passed a bare id). */
function lease(item: QueueItem | string): [string, string] {
  return typeof item === 'string' ? [item, ''] : [item.id, String(item.attempts)];
}

/** EVALSHA first (the script body is sent once per node), EVAL when that node has not cached it yet. */
async function evalScript(redis: RedisClient, script: LuaScript, keys: string[], args: Array<string | number>) {
  try {
    return await redis.call('EVALSHA', [script.sha1, keys.length, ...keys, ...args]);
  } catch (error) {
    if (!isReplyError(error) || !firstLine(error).startsWith('NOSCRIPT')) throw error;
    return redis.call('EVAL', [script.source, keys.length, ...keys, ...args]);
  }
}

async function connectUrl(url: string, onError: (reason: string) => void): Promise<RedisClient> {
  let Client: typeof import('ioredis').Redis;
  try {
    ({ Redis: Client } = await import('ioredis'));
  } catch (error) {
    throw new StoreError(
      'store_unavailable',
      'createRedisStore({ redis: url }) needs the ioredis package; install it with `npm install ioredis` (or pass a client).',
      { cause: error },
    );
  }
  const settings: RedisOptions = {
    // Fail a command after one reconnect attempt instead of queueing it for ~20: callers get a typed error fast.
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    // Keep reconnecting in the background (Redis may come back), but never faster than every 100 ms to 2 s.
    retryStrategy: (times) => Math.min(times * 100, 2_000),
  };
  const redis = new Client(url, settings);
  // Without a listener ioredis prints every failed reconnect; we keep the last reason for the next error instead.
  redis.on('error', (error: unknown) => onError(firstLine(error)));
  return redis;
}

function isReplyError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'ReplyError';
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n', 1)[0] ?? '';
}

/** A URL as shown in messages: scheme, host, port and database only; never the user name or password. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return '(an unparsable Redis URL)';
  }
}

function describeClient(redis: RedisClient): string {
  if (redis.isCluster) return 'the given Redis Cluster';
  // ioredis keeps the address in `options`; any other client just gets a generic name.
  const { host, port } = (redis as { options?: { host?: unknown; port?: unknown } }).options ?? {};
  return typeof host === 'string' && typeof port === 'number' ? `${host}:${port}` : 'the given Redis client';
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref?.());
}
