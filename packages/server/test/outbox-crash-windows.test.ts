import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createChatwootClient,
  createOutbox,
  createRedisStore,
  StoreError,
  type ChatwootClient,
  type Outbox,
  type OutboxEvent,
  type OutboxOptions,
  type Store,
} from '../src/index';
import { pushScript } from '../src/store/redis-scripts';
import { startRedisProxy, type RedisProxy } from './support/redis-proxy';
import { startRedisServer, type RedisServer } from './support/redis-server';

/**
 * The outbox's crash windows on a real redis-server (README → Reliability, "outbox crash windows"): Redis dying in
 * the middle of `send()`, a worker whose step outlives `visibilityMs`, and a queue item that is not a message. Each
 * window is hit by a hook, not by a sleep: a proxy in front of Redis stops traffic at one exact command, and a gate
 * holds one worker's Chatwoot call until the other worker is done.
 */

const MESSAGES = /^\/api\/v1\/accounts\/\d+\/conversations\/\d+\/messages$/;
const QUEUE = 'wootkit:outbox';

let redis: RedisServer;
let fake: FakeChatwoot;
let client: ChatwootClient;
let inboxId: number;
let prefixNumber = 0;
let prefix: string;
const stores: Store[] = [];
const outboxes: Outbox[] = [];
const proxies: RedisProxy[] = [];

beforeAll(async () => {
  // Persistent, so that after a SIGKILL Redis has exactly what it acknowledged: "lost" is then a real loss.
  redis = await startRedisServer([], { persistent: true });
});
afterAll(async () => {
  await redis?.stop();
});

beforeEach(async () => {
  prefix = `crash${++prefixNumber}:`;
  fake = await startFakeChatwoot();
  client = createChatwootClient({
    baseUrl: fake.url,
    apiAccessToken: fake.api.tokens.admin,
    accountId: fake.api.accountId,
    timeoutMs: 1_000,
    retry: { limit: 2, baseDelayMs: 5, maxDelayMs: 20 },
    rateLimit: false,
  });
  inboxId = fake.api.seed({ inboxes: [{ name: 'WhatsApp', channel_type: 'Channel::Whatsapp', phone_number: '+15550001111' }] })
    .inboxes[0]!.id;
});
afterEach(async () => {
  for (const outbox of outboxes.splice(0)) await outbox.stop();
  for (const store of stores.splice(0)) await store.close();
  for (const proxy of proxies.splice(0)) await proxy.close();
  await fake.close();
});

function redisStore(url: string): Store {
  const store = createRedisStore({ redis: url, prefix, operationTimeoutMs: 1_500 });
  stores.push(store);
  return store;
}

function outboxOn(store: Store, overrides: Partial<OutboxOptions> = {}): Outbox {
  const outbox = createOutbox({ client, store, inboxId, backoff: () => 10, settleAfterMs: 1_200, pollIntervalMs: 20, ...overrides });
  outboxes.push(outbox);
  return outbox;
}

const allMessages = () => fake.api.conversations().flatMap((conversation) => fake.api.messages(conversation.display_id));
const isPush = (args: string[]) =>
  (args[0]?.toUpperCase() === 'EVALSHA' && args[1] === pushScript.sha1) || (args[0]?.toUpperCase() === 'EVAL' && args[1] === pushScript.source);

/**
 * Has Redis cache the push script (a restarted Redis has forgotten it), so the push the proxy stops is the one that
 * runs, not an EVALSHA answered NOSCRIPT and sent again as EVAL.
 */
async function loadPushScript(store: Store): Promise<void> {
  await store.queue('warm-up').push('warm-up', '{}');
}

const message = { to: { phone: '+5215512345678' }, content: 'Tu pedido salió', key: 'order:1' };

describe('Redis dies in the middle of send()', () => {
  it('before Redis got the queue push: send() rejects with store_unavailable and leaves no queued status behind', async () => {
    const proxy = await startRedisProxy(redis.port);
    proxies.push(proxy);
    const store = redisStore(proxy.url);
    const outbox = outboxOn(store);
    await loadPushScript(store);

    const stopped = proxy.stopAt(isPush, 'request');
    const sending = outbox.send(message);
    sending.catch(() => undefined);
    await stopped; // everything send() wrote before the push is in Redis; the push never reaches it
    await redis.kill();
    const error = await sending.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'store_unavailable' });
    // The app gives up on that connection (as a crashed process would): nothing of the call is re-sent later.
    await store.close();

    await redis.restart();
    const after = redisStore(redis.url);
    const outboxAfter = outboxOn(after);
    // No status says `queued` for a message that is in no queue: the caller was told, and nothing claims otherwise.
    expect(await outboxAfter.status('order:1')).toBeNull();
    expect(await after.queue(QUEUE).size()).toBe(0);

    // The caller sends again with the same key, as the error tells it to; it is delivered once.
    expect((await outboxAfter.send(message)).status).toMatchObject({ state: 'queued' });
    await outboxAfter.drain({ timeoutMs: 10_000 });
    expect(await outboxAfter.status('order:1')).toMatchObject({ state: 'sent', attempts: 1, messageId: allMessages()[0]?.id });
    expect(allMessages()).toHaveLength(1);
  });

  it('after Redis ran the push but before its answer: the message is queued, and delivered once after the restart', async () => {
    const proxy = await startRedisProxy(redis.port);
    proxies.push(proxy);
    const store = redisStore(proxy.url);
    const outbox = outboxOn(store);
    await loadPushScript(store);

    const answered = proxy.stopAt(isPush, 'reply');
    const sending = outbox.send(message);
    sending.catch(() => undefined);
    await answered; // Redis ran the push and answered; the answer never reaches send()
    await redis.kill();
    await expect(sending).rejects.toMatchObject({ code: 'store_unavailable' });
    await store.close();

    await redis.restart();
    const after = redisStore(redis.url);
    const outboxAfter = outboxOn(after);
    expect(await outboxAfter.status('order:1')).toMatchObject({ state: 'queued', attempts: 0 });
    expect(await after.queue(QUEUE).size()).toBe(1);
    // Sending again with the same key finds it queued, and queues nothing more.
    expect((await outboxAfter.send(message)).status).toMatchObject({ state: 'queued' });
    expect(await after.queue(QUEUE).size()).toBe(1);

    await outboxAfter.drain({ timeoutMs: 10_000 });
    expect(await outboxAfter.status('order:1')).toMatchObject({ state: 'sent', attempts: 1 });
    expect(allMessages()).toHaveLength(1);
  });
});

/** Holds every Chatwoot call of one worker until `open()`; `reached` resolves when the first call is held. */
function gatedClient(inner: ChatwootClient) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  let reached!: () => void;
  const held = new Promise<void>((resolve) => {
    reached = resolve;
  });
  const gate = <T extends object>(resource: T): T =>
    new Proxy(resource, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          reached();
          await opened;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  return {
    client: { contacts: gate(inner.contacts), conversations: gate(inner.conversations), messages: gate(inner.messages) },
    held,
    open: () => open(),
  };
}

describe('a worker whose step outlives visibilityMs', () => {
  it("cannot write its stale status over the second worker's sent: sent, and posted exactly once", async () => {
    const slow = gatedClient(client);
    const eventsA: OutboxEvent[] = [];
    // Two app instances, each with its own connection to the one Redis.
    const workerA = outboxOn(redisStore(redis.url), { client: slow.client, visibilityMs: 400, onEvent: (e) => eventsA.push(e) });
    const workerB = outboxOn(redisStore(redis.url), { visibilityMs: 10_000 });
    await workerA.send(message);

    const runA = workerA.drain({ timeoutMs: 15_000 });
    await slow.held; // A holds the item and waits on its first Chatwoot call
    // B takes the item over once A's 400 ms are up, and delivers it.
    await workerB.drain({ timeoutMs: 10_000 });
    expect(await workerB.status('order:1')).toMatchObject({ state: 'sent', attempts: 1 });

    // A wakes up: it finds B's delivery claim, and whatever it would write now is stale.
    slow.open();
    await runA;

    const [posted, ...others] = allMessages();
    expect(others).toHaveLength(0);
    expect(fake.api.requests({ method: 'POST', path: MESSAGES })).toHaveLength(1);
    expect(await workerA.status('order:1')).toMatchObject({ state: 'sent', attempts: 1, messageId: posted!.id });
    expect(eventsA.filter((event) => event.type !== 'queued')).toEqual([]);
  });
});

describe('a queue item that is not a message', () => {
  it.each([['null'], ['42'], ['"a bare string"'], ['[]'], ['{}'], ['{"to":{"phone":"+5215512345678"},"content":"no inbox"}']])(
    'fails %s once with outbox_invalid_message instead of handing it out forever',
    async (payload) => {
      const store = redisStore(redis.url);
      const events: OutboxEvent[] = [];
      const outbox = outboxOn(store, { visibilityMs: 300, onEvent: (e) => events.push(e) });
      // Another program (or an older one) put it straight into the outbox's queue.
      expect(await store.queue(QUEUE).push('foreign-1', payload)).toBe(true);

      await outbox.drain({ timeoutMs: 4_000 });

      expect(await store.queue(QUEUE).size()).toBe(0);
      expect(await outbox.status('foreign-1')).toMatchObject({
        state: 'failed',
        attempts: 0,
        error: { code: 'outbox_invalid_message' },
      });
      expect(events.map((event) => event.type)).toEqual(['failed']);
      expect(fake.api.requests()).toHaveLength(0);
    },
  );
});
