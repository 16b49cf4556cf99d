import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createChatwootClient, createRedisStore, findOrCreateRecipient, notify, NotifyLockTimeoutError, type Store } from '../src/index';
import { startNotifyProcess, type NotifyProcess, type NotifyProcessConfig } from './support/notify-process';
import { startRedisServer, type RedisServer } from './support/redis-server';

/**
 * Across processes: real Node processes running the built package (each with its own in-process turns), one real
 * redis-server as their shared store, one Chatwoot stand-in.
 */
const FAST = { rateLimit: { requestsPerMinute: 60_000 } } as const;
const LIST_CONVERSATIONS = /^GET \/api\/v1\/accounts\/\d+\/contacts\/\d+\/conversations/;

let redis: RedisServer;
let raw: Redis;
let fake: FakeChatwoot;
let inboxId: number;
let prefix: string;
let n = 0;
const processes: NotifyProcess[] = [];
const stores: Store[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  raw = new Redis(redis.url);
});
afterAll(async () => {
  await raw?.quit();
  await redis?.stop();
});
beforeEach(async () => {
  fake = await startFakeChatwoot({ api: { latency: { minMs: 2, maxMs: 15 } } });
  inboxId = fake.api.seed({ inboxes: [{ name: 'WhatsApp', channel_type: 'Channel::Whatsapp', phone_number: '+15550001111' }] })
    .inboxes[0]!.id;
  prefix = `notify${++n}:`;
});
afterEach(async () => {
  await Promise.all(processes.splice(0).map((p) => p.crash()));
  await Promise.all(stores.splice(0).map((s) => s.close()));
  await fake.close();
});

function config(overrides: Partial<NotifyProcessConfig>): NotifyProcessConfig {
  return {
    baseUrl: fake.url,
    token: fake.api.tokens.admin,
    accountId: fake.api.accountId,
    redisUrl: redis.url,
    prefix,
    to: { phone: '+52 1 55 1234 5678' },
    inboxId,
    contents: [],
    ...overrides,
  };
}

function spawnProcess(overrides: Partial<NotifyProcessConfig>): NotifyProcess {
  const child = startNotifyProcess(config(overrides));
  processes.push(child);
  return child;
}

function storeHere(): Store {
  const store = createRedisStore({ redis: redis.url, prefix });
  stores.push(store);
  return store;
}

const leaseKey = (contactId: number) => `${prefix}notify:lock:${fake.api.accountId}:${inboxId}:${contactId}`;

/** How many look-ups of a contact's conversations the stand-in is holding unanswered (the injected `timeout`). */
function heldLookups(): number {
  return fake.api.requests({ method: 'GET', path: /\/conversations/ }).filter((request) => request.fault === 'timeout').length;
}

/** Polls `condition` every 10 ms, at most 10 s. */
async function waitUntil(condition: () => Promise<boolean> | boolean): Promise<void> {
  for (let i = 0; i < 1_000; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition not met within 10 s');
}

/** Starts both processes' calls at the same moment (once both are ready) and returns every outcome, a's first. */
async function runTogether(a: NotifyProcess, b: NotifyProcess) {
  await Promise.all([a.ready, b.ready]);
  a.go();
  b.go();
  return [...(await a.outcomes), ...(await b.outcomes)];
}

describe('notify across processes sharing a Redis store', () => {
  it('2 processes x 5 concurrent calls for one new contact: one conversation with all 10 messages', async () => {
    const contents = Array.from({ length: 10 }, (_, i) => `reminder ${i + 1}`);
    const a = spawnProcess({ contents: contents.slice(0, 5) });
    const b = spawnProcess({ contents: contents.slice(5) });
    const outcomes = await runTogether(a, b);

    expect(outcomes.map((o) => (o.ok ? 'ok' : o.message))).toEqual(Array(10).fill('ok'));
    expect(fake.api.contacts()).toHaveLength(1);
    expect(fake.api.conversations()).toHaveLength(1);
    const [conversation] = fake.api.conversations();
    const posted = fake.api.messages(conversation!.display_id).map((message) => message.content);
    expect(posted.sort()).toEqual([...contents].sort());
    const created = outcomes.filter((o) => o.ok && o.result.created.conversation);
    expect(created).toHaveLength(1);
    // Every lease was given back by its owner.
    expect(await raw.keys(`${prefix}notify:lock:*`)).toEqual([]);
  });

  it('2 processes x 5 concurrent calls for a known contact without an open conversation: one conversation', async () => {
    const client = createChatwootClient({ baseUrl: fake.url, apiAccessToken: fake.api.tokens.admin, accountId: fake.api.accountId, ...FAST });
    const { contact } = await findOrCreateRecipient(client, { phone: '+5215512345678' });
    const contents = Array.from({ length: 10 }, (_, i) => `update ${i + 1}`);
    // By phone in one process and by contact id in the other: the turns are per contact, whatever names it.
    const a = spawnProcess({ to: { phone: '+52 55 1234 5678' }, contents: contents.slice(0, 5) });
    const b = spawnProcess({ to: { contactId: contact.id }, contents: contents.slice(5) });
    const outcomes = await runTogether(a, b);

    expect(outcomes.map((o) => (o.ok ? 'ok' : o.message))).toEqual(Array(10).fill('ok'));
    expect(fake.api.contacts()).toHaveLength(1);
    expect(fake.api.conversations()).toHaveLength(1);
    const posted = fake.api.messages(fake.api.conversations()[0]!.display_id).map((message) => message.content);
    expect(posted.sort()).toEqual([...contents].sort());
    expect(fake.api.contactInboxes(contact.id)).toHaveLength(1);
  });

  it('a lease left by a crashed holder expires, and the next call proceeds into one conversation', async () => {
    const client = createChatwootClient({ baseUrl: fake.url, apiAccessToken: fake.api.tokens.admin, accountId: fake.api.accountId, ...FAST });
    const { contact } = await findOrCreateRecipient(client, { phone: '+5215512345678' });
    // The holder's look-up of conversations gets no answer: it takes the lease, then hangs there until killed.
    fake.api.configure({ timeoutHoldMs: 20_000, faults: [{ kind: 'timeout', route: LIST_CONVERSATIONS, times: 1 }] });
    const holder = spawnProcess({ to: { contactId: contact.id }, contents: ['never sent'], lockTtlMs: 1_500 });
    await holder.ready;
    holder.go();
    // Killed once it holds the lease and its request is the one left unanswered (not before it reached the stand-in).
    await waitUntil(async () => (await raw.exists(leaseKey(contact.id))) === 1 && heldLookups() === 1);
    await holder.crash();
    expect(await raw.exists(leaseKey(contact.id))).toBe(1); // nobody gave it back
    const ttlLeft = await raw.pttl(leaseKey(contact.id));
    expect(ttlLeft).toBeGreaterThan(0);
    expect(ttlLeft).toBeLessThanOrEqual(1_500);

    const startedAt = Date.now();
    const result = await notify(client, { to: { contactId: contact.id }, inboxId, content: 'after the crash' }, { store: storeHere(), lockWaitMs: 5_000 });
    const waited = Date.now() - startedAt;
    // It waited for the lease to run out (not for its own lockWaitMs), then went ahead.
    expect(waited).toBeGreaterThanOrEqual(ttlLeft - 50);
    expect(waited).toBeLessThan(4_000);
    expect(result.created.conversation).toBe(true);
    expect(fake.api.conversations()).toHaveLength(1);
    expect(fake.api.messages(result.conversationId).map((m) => m.content)).toEqual(['after the crash']);
    expect(await raw.exists(leaseKey(contact.id))).toBe(0);
  });

  it("times out with NotifyLockTimeoutError while another instance holds the lease, and leaves that lease alone", async () => {
    const client = createChatwootClient({ baseUrl: fake.url, apiAccessToken: fake.api.tokens.admin, accountId: fake.api.accountId, ...FAST });
    const { contact } = await findOrCreateRecipient(client, { phone: '+5215512345678' });
    // Another instance is working on this contact (a live holder: long TTL, its own owner value).
    await raw.set(leaseKey(contact.id), 'other-instance', 'PX', 60_000);
    const store = storeHere();

    const startedAt = Date.now();
    const error = await notify(client, { to: { contactId: contact.id }, inboxId, content: 'reminder' }, { store, lockWaitMs: 600 }).catch(
      (e: unknown) => e,
    );
    const waited = Date.now() - startedAt;
    expect(error).toBeInstanceOf(NotifyLockTimeoutError);
    expect(error).toMatchObject({ code: 'notify_lock_timeout' });
    const { attempts, waitedMs } = error as NotifyLockTimeoutError;
    // Polled with growing, jittered pauses: a few tries, not a busy loop, and never past the wait.
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(attempts).toBeLessThanOrEqual(12);
    expect(waitedMs).toBeGreaterThanOrEqual(590);
    expect(waited).toBeLessThan(1_500);
    // Nothing was posted or created, and the other instance's lease is untouched.
    expect(fake.api.conversations()).toHaveLength(0);
    expect(await raw.get(leaseKey(contact.id))).toBe('other-instance');

    // Once the other instance lets go, the same message goes through.
    await raw.del(leaseKey(contact.id));
    const result = await notify(client, { to: { contactId: contact.id }, inboxId, content: 'reminder' }, { store });
    expect(fake.api.messages(result.conversationId).map((m) => m.content)).toEqual(['reminder']);
  });

  it('rejects with StoreError, posting nothing, when Redis cannot be reached', async () => {
    const client = createChatwootClient({ baseUrl: fake.url, apiAccessToken: fake.api.tokens.admin, accountId: fake.api.accountId, ...FAST });
    const down = createRedisStore({ redis: 'redis://127.0.0.1:1', operationTimeoutMs: 1_000 });
    stores.push(down);
    await expect(notify(client, { to: { phone: '+5215512345678' }, inboxId, content: 'x' }, { store: down })).rejects.toMatchObject({
      name: 'StoreError',
      code: 'store_unavailable',
    });
    expect(fake.api.conversations()).toHaveLength(0);
    expect(fake.api.requests({ method: 'POST', path: /\/messages$/ })).toHaveLength(0);
  });
});
