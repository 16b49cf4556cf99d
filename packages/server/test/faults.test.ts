import { startFakeChatwoot, type FakeApiFault, type FakeChatwoot } from '@wootkit/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createChatwootClient,
  createOutbox,
  createRedisStore,
  syncContacts,
  type Customer,
  type Outbox,
  type Store,
} from '../src/index';
import { startRedisServer, type RedisServer } from './support/redis-server';

/**
 * Fault tests, with the figures printed (README → Reliability). They run against the stand-in over real HTTP with a
 * fixed share of requests failing, and (for the outbox) a real redis-server and a Chatwoot that goes down mid-run.
 * Rate limits are off on both sides here: the 429s are the injected ones, not the stand-in's per-minute budget.
 */

/** A seeded random source, so a failing run can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 500s, 429s, timeouts and dropped connections, each on ~5.5 % of requests (≈ 20 % in all); the last two after Chatwoot did the work. */
const TWENTY_PERCENT: FakeApiFault[] = [
  { kind: '500', rate: 0.055 },
  { kind: '429', rate: 0.055 },
  { kind: 'timeout', rate: 0.055, phase: 'after' },
  { kind: 'drop', rate: 0.055, phase: 'after' },
];

let fake: FakeChatwoot;
afterEach(async () => {
  await fake?.close();
});

describe('contact sync under 20 % faults', () => {
  it('accounts for every one of 2,000 customers (created/updated/unchanged/failed with reason), with no duplicate contact', async () => {
    const SEED = 20_261_125;
    fake = await startFakeChatwoot({ api: { rateLimit: false, random: seeded(SEED), timeoutHoldMs: 1_500 } });
    // 200 of them already exist (100 up to date, 100 with an old name) so every outcome is exercised.
    fake.api.seed({
      contacts: Array.from({ length: 200 }, (_, index) => ({
        identifier: `cust-${index}`,
        name: index < 100 ? `Customer ${index}` : `Old name ${index}`,
        email: `cust-${index}@example.com`,
      })),
    });
    fake.api.configure({ faults: TWENTY_PERCENT });
    const client = createChatwootClient({
      baseUrl: fake.url,
      apiAccessToken: fake.api.tokens.admin,
      accountId: fake.api.accountId,
      timeoutMs: 800,
      retry: { limit: 6, baseDelayMs: 5, maxDelayMs: 50 },
      rateLimit: false,
    });
    const customers: Customer[] = Array.from({ length: 2_000 }, (_, index) => ({
      identifier: `cust-${index}`,
      name: `Customer ${index}`,
      email: `cust-${index}@example.com`,
      // Every tenth one has a broken phone: a failure with a reason, not a lost row.
      phone: index % 10 === 9 ? '+1555' : `+1202555${String(index).padStart(4, '0')}`,
    }));
    // Keep the phone of the 100 "up to date" seeds unchanged: they were seeded without one, so give them none.
    for (let index = 0; index < 100; index++) delete customers[index]!.phone;

    const started = performance.now();
    const report = await syncContacts(client, customers, { concurrency: 16 });
    const seconds = (performance.now() - started) / 1000;

    const requests = fake.api.requests();
    const faults = requests.filter((request) => request.fault);
    const byKind = Object.fromEntries(
      (['500', '429', 'timeout', 'drop'] as const).map((kind) => [kind, faults.filter((request) => request.fault === kind).length]),
    );
    console.log(
      `[faults] sync 2,000 customers at ${((faults.length / requests.length) * 100).toFixed(1)} % faults ` +
        `(${JSON.stringify(byKind)} of ${requests.length} requests) in ${seconds.toFixed(1)} s: ` +
        `created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, failed ${report.failed.length}`,
    );

    expect(faults.length / requests.length).toBeGreaterThan(0.15);
    expect(report.total).toBe(2_000);
    expect(report.created + report.updated + report.unchanged + report.failed.length).toBe(2_000);
    for (const failure of report.failed) expect((failure.error as { code?: string }).code).toMatch(/^[a-z_]+$/);
    const invalidPhones = report.failed.filter((failure) => (failure.error as { code?: string }).code === 'invalid_phone');
    expect(invalidPhones).toHaveLength(190); // the tenth customers past the first 100, and none other failed for its phone

    const contacts = fake.api.contacts();
    const identifiers = contacts.map((contact) => contact.identifier);
    expect(new Set(identifiers).size).toBe(identifiers.length); // no duplicate contact
    const emails = contacts.map((contact) => contact.email);
    expect(new Set(emails).size).toBe(emails.length);
    const failedIds = new Set(report.failed.map((failure) => failure.customer.identifier));
    for (const customer of customers) {
      if (!failedIds.has(customer.identifier)) expect(identifiers).toContain(customer.identifier);
    }
    // Whatever did not fail is in Chatwoot exactly as asked.
    const byIdentifier = new Map(contacts.map((contact) => [contact.identifier, contact]));
    for (const customer of customers.filter((item) => !failedIds.has(item.identifier))) {
      const contact = byIdentifier.get(customer.identifier!)!;
      expect(contact.name).toBe(customer.name);
      if (customer.phone) expect(contact.phone_number).toBe(customer.phone);
    }
  }, 200_000);
});

describe('outbox across two workers on one Redis, Chatwoot stopped and restarted mid-run', () => {
  let redis: RedisServer;
  const stores: Store[] = [];
  const outboxes: Outbox[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    for (const outbox of outboxes) await outbox.stop();
    for (const store of stores) await store.close();
    await redis?.stop();
  });

  it('ends with exactly 1,000 messages in Chatwoot, none twice', async () => {
    const TOTAL = 1_000;
    const RECIPIENTS = 250;
    fake = await startFakeChatwoot({ api: { rateLimit: false, latency: { minMs: 1, maxMs: 4 }, random: seeded(7), timeoutHoldMs: 1_500 } });
    const inboxId = fake.api.seed({ inboxes: [{ name: 'WhatsApp', channel_type: 'Channel::Whatsapp', phone_number: '+15550001111' }] })
      .inboxes[0]!.id;
    // On top of the outage, some posts are processed and then lose their answer: the case that makes blind retries post twice.
    fake.api.configure({
      faults: [
        { kind: 'drop', rate: 0.03, phase: 'after', route: /^POST .*\/messages$/ },
        { kind: '500', rate: 0.03, phase: 'after', route: /^POST .*\/messages$/ },
      ],
    });

    const worker = () => {
      const store = createRedisStore({ redis: redis.url });
      stores.push(store);
      const client = createChatwootClient({
        baseUrl: fake.url,
        apiAccessToken: fake.api.tokens.admin,
        accountId: fake.api.accountId,
        timeoutMs: 1_000,
        retry: { limit: 2, baseDelayMs: 5, maxDelayMs: 20 },
        rateLimit: false,
      });
      const outbox = createOutbox({
        client,
        store,
        inboxId,
        concurrency: 8,
        visibilityMs: 10_000,
        settleAfterMs: 2_500, // above the client's timeoutMs
        pollIntervalMs: 25,
        maxAttempts: 50,
        backoff: { baseMs: 50, maxMs: 800 },
      });
      outboxes.push(outbox);
      return { store, outbox };
    };
    const one = worker();
    const two = worker();

    const started = performance.now();
    for (let index = 0; index < TOTAL; index++) {
      const recipient = index % RECIPIENTS;
      await (index % 2 === 0 ? one : two).outbox.send({
        to: { phone: `+1202555${String(recipient).padStart(4, '0')}` },
        content: `Reminder #${index}`,
        key: `reminder-${index}`,
      });
    }
    one.outbox.start();
    two.outbox.start();

    const delivered = () => fake.api.conversations().reduce((sum, conversation) => sum + fake.api.messages(conversation.display_id).length, 0);
    const waitFor = async (predicate: () => Promise<boolean> | boolean, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (await predicate()) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`timed out after ${timeoutMs} ms (${delivered()} delivered)`);
    };

    await waitFor(() => delivered() >= 300, 90_000);
    await fake.stop();
    const deliveredAtStop = delivered();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await fake.restart();
    await waitFor(async () => (await one.store.queue('wootkit:outbox').size()) === 0, 150_000);
    const seconds = (performance.now() - started) / 1000;
    await Promise.all([one.outbox.stop(), two.outbox.stop()]);

    const messages = fake.api.conversations().flatMap((conversation) => fake.api.messages(conversation.display_id));
    const contents = messages.map((message) => message.content);
    const counts = new Map<string, number>();
    for (const content of contents) counts.set(content!, (counts.get(content!) ?? 0) + 1);
    const twice = [...counts.values()].filter((count) => count > 1).length;
    const postRequests = fake.api.requests({ method: 'POST', path: /\/messages$/ });
    console.log(
      `[faults] outbox ${TOTAL} messages, 2 workers on redis-server, Chatwoot down for 2 s after ${deliveredAtStop} ` +
        `+ ${postRequests.filter((request) => request.fault).length} lost answers on ${postRequests.length} posts: ` +
        `${messages.length} in Chatwoot, ${counts.size} distinct, ${twice} twice, in ${seconds.toFixed(1)} s`,
    );

    expect(messages).toHaveLength(TOTAL);
    expect(counts.size).toBe(TOTAL);
    expect(twice).toBe(0);
    expect(fake.api.contacts()).toHaveLength(RECIPIENTS);
    expect(fake.api.conversations()).toHaveLength(RECIPIENTS);
    const statuses = await Promise.all(Array.from({ length: TOTAL }, (_, index) => one.outbox.status(`reminder-${index}`)));
    expect(statuses.filter((status) => status?.state === 'sent')).toHaveLength(TOTAL);
    // Every status names the message Chatwoot holds.
    const ids = new Set(messages.map((message) => message.id));
    expect(statuses.every((status) => ids.has(status!.messageId!))).toBe(true);
  }, 260_000);
});
