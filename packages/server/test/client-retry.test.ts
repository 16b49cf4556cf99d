import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ChatwootApiError,
  ChatwootNetworkError,
  ChatwootRateLimitError,
  ChatwootTimeoutError,
  createChatwootClient,
  type ChatwootClientOptions,
} from '../src/index';

let fake: FakeChatwoot;
beforeEach(async () => {
  fake = await startFakeChatwoot({ api: { timeoutHoldMs: 5_000 } });
});
afterEach(async () => {
  await fake.close();
});

const FAST_RETRY = { limit: 3, baseDelayMs: 5, maxDelayMs: 20 };

function client(overrides: Partial<ChatwootClientOptions> = {}) {
  return createChatwootClient({
    baseUrl: fake.url,
    apiAccessToken: fake.api.tokens.admin,
    accountId: fake.api.accountId,
    retry: FAST_RETRY,
    rateLimit: false,
    timeoutMs: 300,
    ...overrides,
  });
}

const CONTACTS = 'POST /api/v1/accounts/1/contacts';
const attempts = (method: string, path: string) =>
  fake.api.requests({ method }).filter((r) => r.path === path).length;

describe('retries of idempotent requests', () => {
  it('retries a GET through 500, 429, a dropped connection and a timeout, then succeeds', async () => {
    fake.api.configure({
      faults: [
        { kind: '500', route: 'GET /api/v1/accounts/1/agents', times: 1 },
        { kind: '429', route: 'GET /api/v1/accounts/1/agents', times: 1 },
        { kind: 'drop', route: 'GET /api/v1/accounts/1/agents', times: 1 },
      ],
    });
    const agents = await client({ retry: { ...FAST_RETRY, limit: 4 } }).agents.list();
    expect(agents).toHaveLength(2);
    expect(attempts('GET', '/api/v1/accounts/1/agents')).toBe(4);

    fake.api.configure({ faults: [{ kind: 'timeout', route: 'GET /api/v1/profile', times: 1 }] });
    await expect(client().profile.get()).resolves.toMatchObject({ email: 'admin@example.test' });
    expect(attempts('GET', '/api/v1/profile')).toBe(2);
  });

  it('gives up after `limit` retries with the last typed error', async () => {
    fake.api.configure({ faults: [{ kind: '500' }] });
    await expect(client().inboxes.list()).rejects.toBeInstanceOf(ChatwootApiError);
    expect(attempts('GET', '/api/v1/accounts/1/inboxes')).toBe(4);
    fake.api.configure({ faults: [{ kind: '429' }] });
    await expect(client({ retry: { ...FAST_RETRY, limit: 1 } }).agents.list()).rejects.toBeInstanceOf(ChatwootRateLimitError);
    expect(attempts('GET', '/api/v1/accounts/1/agents')).toBe(2);
  });

  it('stops retrying once maxElapsedMs has passed', async () => {
    fake.api.configure({ faults: [{ kind: '500' }], latency: 60 });
    await expect(
      client({ retry: { limit: 50, baseDelayMs: 1, maxDelayMs: 1, maxElapsedMs: 150 } }).agents.list(),
    ).rejects.toBeInstanceOf(ChatwootApiError);
    expect(attempts('GET', '/api/v1/accounts/1/agents')).toBeLessThanOrEqual(4);
  });

  it('retries the read-only POST filter and the setters (labels, status) like reads', async () => {
    const { inboxes, contacts } = fake.api.seed({ inboxes: [{ name: 'API' }], contacts: [{ email: 'f@x.test' }] });
    const { id } = await client().conversations.create({ inbox_id: inboxes[0]!.id, contact_id: contacts[0]!.id });
    fake.api.configure({
      faults: [
        { kind: '500', route: 'POST /api/v1/accounts/1/contacts/filter', times: 2 },
        { kind: 'drop', route: `POST /api/v1/accounts/1/conversations/${id}/labels`, times: 1, phase: 'after' },
      ],
    });
    const found = await client().contacts.filter([
      { attribute_key: 'email', filter_operator: 'equal_to', values: ['f@x.test'], query_operator: null },
    ]);
    expect(found.meta.count).toBe(1);
    expect(await client().conversations.setLabels(id, ['a'])).toEqual(['a']);
    expect(attempts('POST', `/api/v1/accounts/1/conversations/${id}/labels`)).toBe(2);
  });

  it('waits a jittered, exponentially growing, capped delay between attempts', async () => {
    fake.api.configure({ faults: [{ kind: '500' }] });
    const delays: number[] = [];
    const retry = { limit: 5, baseDelayMs: 10, maxDelayMs: 40 };
    await expect(
      client({ retry, hooks: { onRetry: ({ delayMs }) => delays.push(delayMs) } }).agents.list(),
    ).rejects.toThrow();
    expect(delays).toHaveLength(5);
    delays.forEach((delay, index) => {
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(Math.min(40, 10 * 2 ** index));
    });
  });
});

describe('creating requests are not blindly retried', () => {
  it('does not retry a contact create on 500: one request, the error surfaces', async () => {
    fake.api.configure({ faults: [{ kind: '500', route: CONTACTS, times: 1 }] });
    await expect(client().contacts.create({ email: 'once@x.test' })).rejects.toMatchObject({ status: 500 });
    expect(attempts('POST', '/api/v1/accounts/1/contacts')).toBe(1);
  });

  it('does not retry a create whose answer was lost: exactly one record exists', async () => {
    fake.api.configure({ faults: [{ kind: 'drop', route: CONTACTS, phase: 'after', times: 1 }] });
    await expect(client().contacts.create({ email: 'lost@x.test' })).rejects.toBeInstanceOf(ChatwootNetworkError);
    expect(fake.api.contacts().map((c) => c.email)).toEqual(['lost@x.test']);
    expect(attempts('POST', '/api/v1/accounts/1/contacts')).toBe(1);
  });

  it('does not retry a message create that timed out (Chatwoot does not dedupe echo_id)', async () => {
    const { inboxes, contacts } = fake.api.seed({ inboxes: [{ name: 'API' }], contacts: [{ email: 'm@x.test' }] });
    const { id } = await client().conversations.create({ inbox_id: inboxes[0]!.id, contact_id: contacts[0]!.id });
    const path = `/api/v1/accounts/1/conversations/${id}/messages`;
    fake.api.configure({ faults: [{ kind: 'timeout', route: `POST ${path}`, times: 1 }] });
    await expect(client().messages.create(id, { content: 'hi', echo_id: 'e1' })).rejects.toBeInstanceOf(ChatwootTimeoutError);
    expect(attempts('POST', path)).toBe(1);
  });

  it('does retry a create on 429, which Chatwoot sends before processing', async () => {
    fake.api.configure({ faults: [{ kind: '429', route: CONTACTS, times: 2 }] });
    const { contact } = await client().contacts.create({ email: 'throttled@x.test' });
    expect(contact.email).toBe('throttled@x.test');
    expect(attempts('POST', '/api/v1/accounts/1/contacts')).toBe(3);
    expect(fake.api.contacts()).toHaveLength(1);
  });

  it('does not retry 4xx answers (other than 429) of any request', async () => {
    await expect(client().contacts.get(12345)).rejects.toMatchObject({ status: 404 });
    expect(attempts('GET', '/api/v1/accounts/1/contacts/12345')).toBe(1);
  });
});
