import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createChatwootClient,
  InvalidCustomerError,
  PhoneNumberError,
  syncContacts,
  type ChatwootClient,
  type Customer,
  type SyncProgress,
} from '../src/index';

// The client's default budget (2,500 requests/min) would make these tests wait on its own limiter.
const FAST = { rateLimit: { requestsPerMinute: 60_000 } };

let fake: FakeChatwoot;
let client: ChatwootClient;

beforeEach(async () => {
  fake = await startFakeChatwoot({ api: { latency: 2 } });
  client = createChatwootClient({ baseUrl: fake.url, apiAccessToken: fake.api.tokens.admin, accountId: fake.api.accountId, ...FAST });
});
afterEach(async () => {
  await fake.close();
});

const writes = () => fake.api.requests().filter((request) => request.method !== 'GET' && !request.path.endsWith('/filter'));

function customer(index: number): Customer {
  return {
    identifier: `crm-${index}`,
    name: `Customer ${index}`,
    email: `customer-${index}@example.com`,
    phone: `+52 55 ${String(10_000_000 + index).slice(0, 4)} ${String(10_000_000 + index).slice(4)}`,
    customAttributes: { tier: index % 2 === 0 ? 'gold' : 'silver' },
  };
}

/** An async source that records how far ahead of the sync it was pulled. */
function trackedSource(count: number, make: (index: number) => Customer = customer) {
  const state = { pulled: 0 };
  async function* generate() {
    for (let index = 0; index < count; index++) {
      state.pulled++;
      yield make(index);
    }
  }
  return { state, source: generate() };
}

describe('syncContacts', () => {
  it('creates every customer from an async generator, then a second run of the same data writes nothing', async () => {
    const first = await syncContacts(client, trackedSource(120).source, { concurrency: 8 });
    expect(first).toMatchObject({ total: 120, created: 120, updated: 0, unchanged: 0, failed: [], aborted: false });
    expect(fake.api.contacts()).toHaveLength(120);

    fake.api.clearRequests();
    const second = await syncContacts(client, trackedSource(120).source, { concurrency: 8 });
    expect(second).toMatchObject({ total: 120, created: 0, updated: 0, unchanged: 120, failed: [] });
    expect(writes()).toHaveLength(0);
    // Lookups only, one per batch of `concurrency` (8) customers.
    expect(fake.api.requests()).toHaveLength(120 / 8);
    expect(fake.api.requests().every((request) => request.path.endsWith('/contacts/filter'))).toBe(true);
    expect(fake.api.contacts()).toHaveLength(120);
  });

  it('updates only the customers that changed', async () => {
    await syncContacts(client, Array.from({ length: 30 }, (_, index) => customer(index)));
    fake.api.clearRequests();
    const changed = (index: number) => (index % 10 === 0 ? { ...customer(index), name: `Renamed ${index}` } : customer(index));
    const report = await syncContacts(client, Array.from({ length: 30 }, (_, index) => changed(index)));
    expect(report).toMatchObject({ total: 30, created: 0, updated: 3, unchanged: 27 });
    expect(writes().map((request) => request.method)).toEqual(['PATCH', 'PATCH', 'PATCH']);
    expect(fake.api.contacts().filter((contact) => contact.name.startsWith('Renamed'))).toHaveLength(3);
  });

  it('isolates failures: bad phones, missing keys and Chatwoot refusals are reported, the rest are synced', async () => {
    const input: Customer[] = [
      customer(1),
      { name: 'No phone at all', phone: 'not a phone' },
      customer(2),
      { name: 'Nothing to match by' },
      customer(3),
      // Chatwoot refuses this one (422 "Email is invalid").
      { identifier: 'crm-bad-email', email: 'not-an-email' },
      customer(4),
    ];
    const report = await syncContacts(client, input, { concurrency: 3 });

    expect(report).toMatchObject({ total: 7, created: 4 });
    expect(report.failed).toHaveLength(3);
    const byName = new Map(report.failed.map((failure) => [failure.customer.name ?? failure.customer.identifier, failure.error]));
    expect(byName.get('No phone at all')).toBeInstanceOf(PhoneNumberError);
    expect(byName.get('Nothing to match by')).toBeInstanceOf(InvalidCustomerError);
    expect(byName.get('crm-bad-email')).toMatchObject({ code: 'api_error', status: 422 });
    expect(fake.api.contacts()).toHaveLength(4);
    // The failed customer object is the caller's own, so it can be written to a retry file as is.
    expect(report.failed.some((failure) => failure.customer === input[1])).toBe(true);
  });

  it('keeps at most `concurrency` customers in flight and never reads the input ahead', async () => {
    const { state, source } = trackedSource(60);
    let maxAhead = 0;
    const report = await syncContacts(client, source, {
      concurrency: 4,
      onProgress: (progress) => {
        maxAhead = Math.max(maxAhead, state.pulled - progress.done);
      },
    });
    expect(report.total).toBe(60);
    expect(maxAhead).toBeGreaterThan(0);
    expect(maxAhead).toBeLessThanOrEqual(4);
  });

  it('reports progress once per customer with running counts', async () => {
    const seen: SyncProgress[] = [];
    await syncContacts(client, [customer(1), { name: 'bad' }, customer(2)], {
      concurrency: 1,
      onProgress: (progress) => seen.push(progress),
    });
    expect(seen.map((progress) => progress.done)).toEqual([1, 2, 3]);
    expect(seen.at(-1)).toMatchObject({ created: 2, failed: 1 });
    expect('error' in seen[1]!.last).toBe(true);
  });

  it('stops taking customers on abort, settles the ones in flight and returns a partial report', async () => {
    const controller = new AbortController();
    const { state, source } = trackedSource(500);
    const report = await syncContacts(client, source, {
      concurrency: 5,
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.done === 20) controller.abort();
      },
    });
    expect(report.aborted).toBe(true);
    expect(report.total).toBeGreaterThanOrEqual(20);
    expect(report.total).toBeLessThan(30);
    // Every customer taken from the input was settled and counted; nothing was left half-done.
    expect(report.total).toBe(state.pulled);
    expect(report.created + report.updated + report.unchanged + report.failed.length).toBe(report.total);
    expect(fake.api.contacts()).toHaveLength(report.created);

    // Running the whole input again finishes the job without duplicates.
    const rest = await syncContacts(client, trackedSource(500).source, { concurrency: 10 });
    expect(rest).toMatchObject({ total: 500, unchanged: report.created, created: 500 - report.created });
    expect(fake.api.contacts()).toHaveLength(500);
  });

  it('looks customers up one by one with lookupBatchSize 1, with the same result', async () => {
    await syncContacts(client, trackedSource(20).source, { concurrency: 4 });
    fake.api.clearRequests();
    const report = await syncContacts(client, trackedSource(20).source, { concurrency: 4, lookupBatchSize: 1 });
    expect(report).toMatchObject({ total: 20, unchanged: 20 });
    expect(fake.api.requests()).toHaveLength(20);
  });

  it('matches each customer of a batch to its own contact, including phone variants and duplicates in the input', async () => {
    fake.api.seed({
      contacts: [
        { name: 'Legacy MX', phone_number: '+5215511112222' },
        { name: 'By email', email: 'mail@example.com' },
        { name: 'By id', identifier: 'id-7' },
      ],
    });
    const input: Customer[] = [
      { name: 'Legacy MX', phone: '+52 55 1111 2222' },
      { name: 'By email', email: 'MAIL@example.com' },
      { name: 'By id renamed', identifier: 'id-7' },
      { name: 'New one', email: 'new@example.com' },
      { name: 'New one', email: 'new@example.com' },
    ];
    const report = await syncContacts(client, input, { concurrency: 5 });
    expect(report).toMatchObject({ total: 5, created: 1, updated: 1, unchanged: 3, failed: [] });
    expect(fake.api.contacts().map((contact) => contact.name).sort()).toEqual(['By email', 'By id renamed', 'Legacy MX', 'New one']);
  });

  it('rejects when the input itself fails, after settling the customers in flight', async () => {
    async function* broken() {
      yield customer(1);
      yield customer(2);
      throw new Error('CSV stream broke at line 3');
    }
    await expect(syncContacts(client, broken(), { concurrency: 2 })).rejects.toThrow('CSV stream broke at line 3');
    expect(fake.api.contacts()).toHaveLength(2);
  });

  it('rides out transient 500s and 429s without failing or duplicating anyone', async () => {
    fake.api.configure({
      faults: [
        { kind: '500', rate: 0.2, route: /contacts\/filter$/ },
        { kind: '429', rate: 0.2 },
      ],
    });
    const fastRetry = createChatwootClient({
      baseUrl: fake.url,
      apiAccessToken: fake.api.tokens.admin,
      accountId: fake.api.accountId,
      ...FAST,
      retry: { limit: 8, baseDelayMs: 5, maxDelayMs: 40 },
    });
    const report = await syncContacts(fastRetry, trackedSource(80).source, { concurrency: 8 });
    expect(report).toMatchObject({ total: 80, created: 80, failed: [] });
    expect(fake.api.contacts()).toHaveLength(80);
    expect(fake.api.requests().some((request) => request.status === 429)).toBe(true);
  });
});
