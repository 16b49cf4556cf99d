import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ContactLockTimeoutError,
  createChatwootClient,
  createMemoryStore,
  findOrCreateContact,
  notify,
  StoreError,
  syncContacts,
  upsertContact,
  type ChatwootClient,
  type Store,
} from '../src/index';

/**
 * Concurrent creates of one person. Chatwoot keeps a phone number unique only by a model validation (no unique
 * index), so two creates that overlap both succeed; the stand-in reproduces that with `contactCreateRaceMs`, the
 * wait between its validation and its INSERT. Email and identifier have unique indexes: the loser gets a 500.
 */

const FAST = { rateLimit: { requestsPerMinute: 60_000 } } as const;
const CREATE = /^\/api\/v1\/accounts\/\d+\/contacts$/;

let fake: FakeChatwoot;
let client: ChatwootClient;

beforeEach(async () => {
  fake = await startFakeChatwoot({ api: { contactCreateRaceMs: 40, latency: { minMs: 1, maxMs: 5 } } });
  client = createChatwootClient({ baseUrl: fake.url, apiAccessToken: fake.api.tokens.admin, accountId: fake.api.accountId, ...FAST });
});
afterEach(async () => {
  await fake.close();
});

const creates = () => fake.api.requests({ method: 'POST', path: CREATE });

describe('creates of one phone number take turns', () => {
  it('the stand-in shows the race: two raw creates with one phone both succeed', async () => {
    const results = await Promise.all([
      client.contacts.create({ phone_number: '+5215512345678' }),
      client.contacts.create({ phone_number: '+5215512345678' }),
    ]);
    expect(results[0].contact.id).not.toBe(results[1].contact.id);
    expect(fake.api.contacts()).toHaveLength(2);
  });

  it('concurrent findOrCreateContact calls for one phone make one contact', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => findOrCreateContact(client, { phone: '+52 55 1234 5678', name: 'Ana' })),
    );
    expect(fake.api.contacts()).toHaveLength(1);
    expect(new Set(results.map((result) => result.contact.id)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(creates()).toHaveLength(1);
  });

  it('concurrent upserts of one number written in two stored forms (Mexico +521 / +52) make one contact', async () => {
    const results = await Promise.all([
      upsertContact(client, { phone: '+5215512345678', name: 'Ana' }),
      upsertContact(client, { phone: '+525512345678', name: 'Ana' }),
    ]);
    expect(fake.api.contacts()).toHaveLength(1);
    expect(results.map((result) => result.action).sort()).toEqual(['created', 'unchanged']);
  });

  it('syncContacts with one phone twice in a batch creates it once and updates it with the second', async () => {
    const report = await syncContacts(client, [
      { phone: '+14155550123', name: 'First' },
      { phone: '+1 415 555 0123', email: 'second@example.com' },
    ]);
    expect(report.failed).toEqual([]);
    expect({ created: report.created, updated: report.updated }).toEqual({ created: 1, updated: 1 });
    expect(fake.api.contacts()).toMatchObject([{ phone_number: '+14155550123', name: 'First', email: 'second@example.com' }]);
  });

  it('costs no second lookup when no other turn made the contact: a first sync stays one lookup per batch', async () => {
    const customers = Array.from({ length: 10 }, (_, index) => ({ phone: `+1415555${String(index + 200).padStart(4, '0')}` }));
    const report = await syncContacts(client, customers, { concurrency: 10, lookupBatchSize: 10 });
    expect(report.created).toBe(10);
    expect(fake.api.requests({ method: 'POST', path: '/filter' })).toHaveLength(1);
    expect(creates()).toHaveLength(10);
  });

  it('with a store, waits for the lease another process holds, then finds the contact it created', async () => {
    const store = createMemoryStore();
    const key = `contacts:lock:${fake.api.accountId}:+14155550123`;
    // "Another process" holds the lease while it creates the contact.
    expect(await store.setIfAbsent(key, 'other-process', 5_000)).toBe(true);
    const mine = findOrCreateContact(client, { phone: '+14155550123', name: 'Mine' }, { store, lockWaitMs: 3_000 });
    await new Promise((resolve) => setTimeout(resolve, 80));
    await client.contacts.create({ phone_number: '+14155550123', name: 'Theirs' });
    await store.deleteIfEquals(key, 'other-process');
    const result = await mine;
    expect(result.created).toBe(false);
    expect(result.contact.name).toBe('Theirs');
    expect(fake.api.contacts()).toHaveLength(1);
    await store.close();
  });

  it('rejects with ContactLockTimeoutError, before any create, when the lease stays taken', async () => {
    const store = createMemoryStore();
    await store.setIfAbsent(`contacts:lock:${fake.api.accountId}:+14155550123`, 'other-process', 10_000);
    const error = await upsertContact(client, { phone: '+14155550123' }, { store, lockWaitMs: 150 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContactLockTimeoutError);
    expect((error as ContactLockTimeoutError).code).toBe('contact_lock_timeout');
    expect(creates()).toHaveLength(0);
    await store.close();
  });

  it('notify() takes the same turn through its store, so a new phone gets one contact across processes', async () => {
    const [inbox] = fake.api.seed({ inboxes: [{ name: 'WhatsApp', channel_type: 'Channel::Whatsapp' }] }).inboxes;
    const store = createMemoryStore();
    await store.setIfAbsent(`contacts:lock:${fake.api.accountId}:+14155550123`, 'other-process', 10_000);
    const error = await notify(client, { to: { phone: '+14155550123' }, inboxId: inbox!.id, content: 'hi' }, { store, lockWaitMs: 150 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ContactLockTimeoutError);
    expect(fake.api.contacts()).toHaveLength(0);
    await store.close();
  });

  it('sends no create when the store fails, and refuses bad lock settings before any request', async () => {
    const broken = {
      setIfAbsent: () => Promise.reject(new StoreError('store_unavailable', 'down')),
      deleteIfEquals: () => Promise.resolve(false),
    } as unknown as Store;
    await expect(findOrCreateContact(client, { phone: '+14155550123' }, { store: broken })).rejects.toBeInstanceOf(StoreError);
    expect(creates()).toHaveLength(0);
    fake.api.clearRequests();
    await expect(upsertContact(client, { phone: '+14155550123' }, { lockWaitMs: 0 })).rejects.toBeInstanceOf(RangeError);
    expect(fake.api.requests()).toHaveLength(0);
  });
});

describe('an email or identifier race: Chatwoot answers the loser 500', () => {
  it('settles the 500 by a lookup: one contact, no error, the loser’s fields applied as an update', async () => {
    const results = await Promise.all([
      upsertContact(client, { email: 'race@example.com', name: 'First' }),
      upsertContact(client, { email: 'race@example.com', name: 'Second', customAttributes: { plan: 'pro' } }),
    ]);
    // The race really happened: one create got the unique index's 500.
    expect(creates().map((request) => request.status).sort()).toEqual([200, 500]);
    expect(fake.api.contacts()).toHaveLength(1);
    expect(results.map((result) => result.action).sort()).toEqual(['created', 'updated']);
    expect(fake.api.contacts()[0]!.custom_attributes).toEqual({ plan: 'pro' });
  });

  it('findOrCreateContact reports the contact another call created as not created by it', async () => {
    const results = await Promise.all([
      findOrCreateContact(client, { identifier: 'crm-7', name: 'First' }),
      findOrCreateContact(client, { identifier: 'crm-7', name: 'Second' }),
    ]);
    expect(creates().map((request) => request.status).sort()).toEqual([200, 500]);
    expect(fake.api.contacts()).toHaveLength(1);
    expect(results.map((result) => result.created).sort()).toEqual([false, true]);
  });
});
