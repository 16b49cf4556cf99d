import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { busyProcessLocks, takeProcessTurn } from '../src/notify/processLocks';
import {
  createChatwootClient,
  createMemoryStore,
  findOrCreateConversation,
  findOrCreateRecipient,
  notify,
  NotifyLockTimeoutError,
  type ChatwootClient,
} from '../src/index';

/** In one process: concurrent notify() calls for one contact take turns on finding or creating its conversation. */

// The client's default budget (2,500 requests/min) would make these tests wait on its own limiter.
const FAST = { rateLimit: { requestsPerMinute: 60_000 } } as const;
/** The stand-in's GET of a contact's conversations, which every notify() does while it holds the turn. */
const LIST_CONVERSATIONS = /^GET \/api\/v1\/accounts\/\d+\/contacts\/\d+\/conversations/;

let fake: FakeChatwoot;
let client: ChatwootClient;
let inboxId: number;
/** An API inbox: contacts known by email or identifier only (WhatsApp needs a phone). */
let apiInboxId: number;

beforeEach(async () => {
  // A little latency, different per request, so concurrent calls interleave as they do against a real server.
  fake = await startFakeChatwoot({ api: { latency: { minMs: 2, maxMs: 15 } } });
  client = createChatwootClient({ baseUrl: fake.url, apiAccessToken: fake.api.tokens.admin, accountId: fake.api.accountId, ...FAST });
  const { inboxes } = fake.api.seed({
    inboxes: [
      { name: 'WhatsApp', channel_type: 'Channel::Whatsapp', phone_number: '+15550001111' },
      { name: 'Back office', channel_type: 'Channel::Api' },
    ],
  });
  inboxId = inboxes[0]!.id;
  apiInboxId = inboxes[1]!.id;
});
afterEach(async () => {
  await fake.close();
});

const contents = (n: number) => Array.from({ length: n }, (_, i) => `reminder ${i + 1}`);

describe('notify, concurrently, for one new contact', () => {
  it('the stand-in shows the race: 10 concurrent findOrCreateConversation calls (no turns) open several', async () => {
    const { contact } = await findOrCreateRecipient(client, { phone: '+5215512345678' });
    const results = await Promise.all(
      Array.from({ length: 10 }, () => findOrCreateConversation(client, { contactId: contact.id, contact, inboxId })),
    );
    // Without turns each call sees no conversation and creates one: this is what notify() must not do.
    expect(results.filter((r) => r.created).length).toBeGreaterThan(1);
    expect(fake.api.conversations().length).toBeGreaterThan(1);
  });

  it('10 calls open exactly one conversation and post all 10 messages in it', async () => {
    const results = await Promise.all(
      contents(10).map((content) => notify(client, { to: { phone: '+52 1 55 1234 5678' }, inboxId, content })),
    );

    expect(fake.api.contacts()).toHaveLength(1);
    expect(fake.api.conversations()).toHaveLength(1);
    const [conversation] = fake.api.conversations();
    expect(new Set(results.map((r) => r.conversationId))).toEqual(new Set([conversation!.display_id]));
    expect(results.filter((r) => r.created.conversation)).toHaveLength(1);
    const posted = fake.api.messages(conversation!.display_id).map((message) => message.content);
    expect(posted.sort()).toEqual(contents(10).sort());
    expect(fake.api.contactInboxes(results[0]!.contactId)).toHaveLength(1);
    // The turns are gone once idle: nothing accumulates per contact.
    expect(busyProcessLocks()).toBe(0);
  });

  it('does the same with a store, and leaves no lease behind', async () => {
    const store = createMemoryStore();
    const results = await Promise.all(
      contents(10).map((content) => notify(client, { to: { email: 'ana@example.com' }, inboxId: apiInboxId, content }, { store })),
    );
    expect(fake.api.conversations()).toHaveLength(1);
    expect(fake.api.messages(results[0]!.conversationId)).toHaveLength(10);
    const key = `notify:lock:${fake.api.accountId}:${apiInboxId}:${results[0]!.contactId}`;
    expect(await store.get(key)).toBeNull();
    expect(busyProcessLocks()).toBe(0);
    await store.close();
  });

  it('lets calls for different contacts run side by side (10 contacts, 10 conversations)', async () => {
    const results = await Promise.all(
      contents(10).map((content, i) => notify(client, { to: { identifier: `crm-${i}` }, inboxId: apiInboxId, content })),
    );
    expect(new Set(results.map((r) => r.conversationId)).size).toBe(10);
    expect(results.every((r) => r.created.conversation)).toBe(true);
  });

  it('serialises two clients of the same account in one process too', async () => {
    const other = createChatwootClient({ baseUrl: fake.url, apiAccessToken: fake.api.tokens.admin, accountId: fake.api.accountId, ...FAST });
    await Promise.all(
      contents(10).map((content, i) => notify(i % 2 ? client : other, { to: { identifier: 'crm-7' }, inboxId: apiInboxId, content })),
    );
    expect(fake.api.conversations()).toHaveLength(1);
    expect(fake.api.messages(fake.api.conversations()[0]!.display_id)).toHaveLength(10);
  });
});

describe('a wait that runs out', () => {
  it('rejects with NotifyLockTimeoutError, posts nothing for that call, and a later call delivers it', async () => {
    const { contact } = await findOrCreateRecipient(client, { phone: '+5215512345678' });
    // The first call's look-up of conversations is held 1.2 s (then its retry answers): it keeps the turn that long.
    const slow = createChatwootClient({ baseUrl: fake.url, apiAccessToken: fake.api.tokens.admin, accountId: fake.api.accountId, ...FAST, timeoutMs: 1_200 });
    fake.api.configure({ timeoutHoldMs: 5_000, faults: [{ kind: 'timeout', route: LIST_CONVERSATIONS, times: 1 }] });
    const first = notify(slow, { to: { contactId: contact.id }, inboxId, content: 'first' });
    await waitUntil(() => busyProcessLocks() === 1); // the first call holds the turn, its look-up unanswered

    const startedAt = Date.now();
    const error = await notify(client, { to: { contactId: contact.id }, inboxId, content: 'second' }, { lockWaitMs: 300 }).catch(
      (e: unknown) => e,
    );
    const waited = Date.now() - startedAt;
    expect(error).toBeInstanceOf(NotifyLockTimeoutError);
    expect(error).toMatchObject({ code: 'notify_lock_timeout', attempts: 0 });
    expect((error as NotifyLockTimeoutError).waitedMs).toBeGreaterThanOrEqual(290);
    expect(waited).toBeLessThan(1_000);
    expect(String((error as Error).message)).toMatch(/nothing was posted/);

    // The holder finishes normally; the rejected message was not posted behind the caller's back.
    const done = await first;
    expect(fake.api.messages(done.conversationId).map((m) => m.content)).toEqual(['first']);
    // Sent again, it lands in the same conversation.
    const again = await notify(client, { to: { contactId: contact.id }, inboxId, content: 'second' });
    expect(again.conversationId).toBe(done.conversationId);
    expect(fake.api.messages(done.conversationId).map((m) => m.content)).toEqual(['first', 'second']);
    expect(busyProcessLocks()).toBe(0);
  });

  it("honours the caller's AbortSignal while waiting, and the calls behind still get their turn", async () => {
    const { contact } = await findOrCreateRecipient(client, { email: 'bea@example.com' });
    const slow = createChatwootClient({ baseUrl: fake.url, apiAccessToken: fake.api.tokens.admin, accountId: fake.api.accountId, ...FAST, timeoutMs: 800 });
    fake.api.configure({ timeoutHoldMs: 5_000, faults: [{ kind: 'timeout', route: LIST_CONVERSATIONS, times: 1 }] });
    const first = notify(slow, { to: { contactId: contact.id }, inboxId: apiInboxId, content: 'first' });
    await waitUntil(() => busyProcessLocks() === 1); // the first call holds the turn, its look-up unanswered

    const controller = new AbortController();
    const aborted = notify(client, { to: { contactId: contact.id }, inboxId: apiInboxId, content: 'aborted' }, { signal: controller.signal });
    const third = notify(client, { to: { contactId: contact.id }, inboxId: apiInboxId, content: 'third' });
    setTimeout(() => controller.abort(new Error('shutting down')), 100);
    await expect(aborted).rejects.toThrow('shutting down');

    const [one, three] = await Promise.all([first, third]);
    expect(three.conversationId).toBe(one.conversationId);
    expect(fake.api.conversations()).toHaveLength(1);
    expect(fake.api.messages(one.conversationId).map((m) => m.content).sort()).toEqual(['first', 'third']);
    expect(busyProcessLocks()).toBe(0);
  });

  it('refuses lock settings that are not positive milliseconds before any request', async () => {
    fake.api.clearRequests();
    for (const options of [{ lockWaitMs: 0 }, { lockTtlMs: -1 }, { lockTtlMs: 1.5 }]) {
      await expect(notify(client, { to: { email: 'c@example.com' }, inboxId, content: 'x' }, options)).rejects.toMatchObject({
        code: 'invalid_notification',
        field: Object.keys(options)[0],
      });
    }
    expect(fake.api.requests()).toHaveLength(0);
  });
});

describe('turns in one process', () => {
  it('a waiter that gives up neither lets the next one in early nor leaves its key behind', async () => {
    const key = 'notify:lock:test:1:1';
    const holder = await takeProcessTurn(key, Date.now() + 1_000, undefined);
    expect(holder).not.toBeNull();
    expect(await takeProcessTurn(key, Date.now() + 50, undefined)).toBeNull(); // gave up while the holder holds

    let nextGotIt = false;
    const next = takeProcessTurn(key, Date.now() + 2_000, undefined).then((release) => {
      nextGotIt = true;
      return release;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(nextGotIt).toBe(false); // still the holder's turn, although the waiter before it left
    holder!();
    const release = await next;
    expect(nextGotIt).toBe(true);
    expect(busyProcessLocks()).toBe(1);
    release!();
    await new Promise((resolve) => setTimeout(resolve, 0)); // the cleanup runs on the chain's settled promise

    expect(busyProcessLocks()).toBe(0);
  });
});

/** Polls `condition` every 10 ms, at most 5 s. */
async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition not met within 5 s');
}
