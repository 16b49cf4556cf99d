import { inspect } from 'node:util';
import net from 'node:net';
import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ChatwootApiError,
  ChatwootError,
  ChatwootNetworkError,
  ChatwootRateLimitError,
  ChatwootTimeoutError,
  createChatwootClient,
} from '../src/index';

const TOKEN = 'sEcReT-tOkEn-9f8e7d6c5b4a';
let fake: FakeChatwoot;

beforeEach(async () => {
  fake = await startFakeChatwoot({
    api: { tokens: { admin: TOKEN }, timeoutHoldMs: 5_000 },
  });
});
afterEach(async () => {
  await fake.close();
});

function client(overrides: Partial<Parameters<typeof createChatwootClient>[0]> = {}) {
  return createChatwootClient({
    baseUrl: fake.url,
    apiAccessToken: TOKEN,
    accountId: fake.api.accountId,
    retry: false,
    rateLimit: false,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

/** Every way an error gets printed, logged or shipped to an error tracker. */
function renderings(error: Error): string[] {
  return [
    error.message,
    String(error),
    JSON.stringify(error),
    error.stack ?? '',
    inspect(error, { depth: 10, showHidden: true }),
    JSON.stringify(Object.getOwnPropertyNames(error).map((key) => String((error as any)[key]))),
  ];
}

function expectNoToken(error: Error, token = TOKEN) {
  for (const text of renderings(error)) expect(text).not.toContain(token);
}

describe('client errors are typed and never contain the token', () => {
  it('401: a wrong token gives ChatwootApiError with Chatwoot’s message', async () => {
    const wrong = 'wrong-token-0123456789';
    const error = await failure(client({ apiAccessToken: wrong }).contacts.list());
    expect(error).toBeInstanceOf(ChatwootApiError);
    expect(error).toBeInstanceOf(ChatwootError);
    expect(error).toMatchObject({ code: 'api_error', status: 401, apiMessage: 'Invalid Access Token', method: 'GET' });
    expect((error as ChatwootApiError).path).toBe(`/api/v1/accounts/${fake.api.accountId}/contacts`);
    expectNoToken(error, wrong);
  });

  it('422: keeps Chatwoot’s message and attributes, flags "already taken"', async () => {
    await client().contacts.create({ email: 'dup@x.test' });
    const error = await failure(client().contacts.create({ email: 'dup@x.test' }));
    expect(error).toBeInstanceOf(ChatwootApiError);
    expect(error).toMatchObject({ status: 422, apiMessage: 'Email has already been taken', attributes: ['email'], alreadyTaken: true });
    expectNoToken(error);
    const invalid = await failure(client().contacts.create({ phone_number: '12345' }));
    expect(invalid).toMatchObject({ status: 422, attributes: ['phone_number'], alreadyTaken: false });
  });

  it('404 and 500 become ChatwootApiError with the status', async () => {
    expect(await failure(client().contacts.get(999))).toMatchObject({ status: 404, apiMessage: 'Resource could not be found' });
    fake.api.configure({ faults: [{ kind: '500', route: 'GET /api/v1/accounts/1/agents' }] });
    const error = await failure(client().agents.list());
    expect(error).toBeInstanceOf(ChatwootApiError);
    expect(error).toMatchObject({ status: 500 });
    expectNoToken(error);
  });

  it('429 becomes ChatwootRateLimitError (code rate_limited) with the text body as message', async () => {
    fake.api.configure({ faults: [{ kind: '429' }] });
    const error = await failure(client().agents.list());
    expect(error).toBeInstanceOf(ChatwootRateLimitError);
    expect(error).toBeInstanceOf(ChatwootApiError);
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, apiMessage: 'Retry later' });
    expectNoToken(error);
  });

  it('a hung request becomes ChatwootTimeoutError after timeoutMs', async () => {
    fake.api.configure({ faults: [{ kind: 'timeout' }] });
    const started = Date.now();
    const error = await failure(client({ timeoutMs: 200 }).profile.get());
    expect(error).toBeInstanceOf(ChatwootTimeoutError);
    expect(error).toMatchObject({ code: 'timeout', method: 'GET', path: '/api/v1/profile', timeoutMs: 200 });
    expect(Date.now() - started).toBeLessThan(4_000);
    expectNoToken(error);
  });

  it('a dropped connection and a refused port become ChatwootNetworkError', async () => {
    fake.api.configure({ faults: [{ kind: 'drop' }] });
    const dropped = await failure(client().profile.get());
    expect(dropped).toBeInstanceOf(ChatwootNetworkError);
    expect(dropped).toMatchObject({ code: 'network_error' });
    expectNoToken(dropped);

    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await failure(client({ baseUrl: `http://127.0.0.1:${port}` }).profile.get());
    expect(refused).toBeInstanceOf(ChatwootNetworkError);
    expect(refused.message).toMatch(/ECONNREFUSED/);
    expectNoToken(refused);
  });

  it('an aborted call rejects with the signal’s reason, not a Chatwoot error', async () => {
    fake.api.configure({ latency: 2_000 });
    const controller = new AbortController();
    const pending = client().agents.list({ signal: controller.signal });
    setTimeout(() => controller.abort(new Error('caller gave up')), 50);
    await expect(pending).rejects.toThrow('caller gave up');
  });

  it('never puts the search query (which may hold an email or phone) in an error', async () => {
    fake.api.configure({ faults: [{ kind: '500' }] });
    const error = await failure(client().contacts.search('private.person@example.com'));
    for (const text of renderings(error)) expect(text).not.toContain('private.person');
  });
});
