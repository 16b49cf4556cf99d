import { inspect } from 'node:util';
import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatwootInputError, ChatwootNetworkError, createChatwootClient } from '../src/index';

/**
 * Ids, tokens, base URLs and fetch errors that come from outside: each is refused or cleaned before it can reach
 * another account or show a secret. Found by a security review; every case failed before the checks existed.
 */
const TOKEN = 'tok_H0st1leInputT0k3n_5521';

let fake: FakeChatwoot;
beforeAll(async () => {
  fake = await startFakeChatwoot();
});
afterAll(async () => {
  await fake.close();
});

function everythingIn(error: unknown): string {
  const parts = [inspect(error, { depth: 10, showHidden: true }), String(error), JSON.stringify(error)];
  if (error instanceof Error) parts.push(error.stack ?? '', inspect(error.cause, { depth: 10, showHidden: true }));
  return parts.join('\n');
}

describe('ids and paths from outside input', () => {
  it('refuses an id that would walk into another account, and sends nothing', async () => {
    const client = createChatwootClient({ baseUrl: fake.url, apiAccessToken: fake.api.tokens.admin, accountId: fake.api.accountId });
    const before = fake.api.requests().length;
    const hostile = '%2e%2e/%2e%2e/accounts/2/contacts/1' as unknown as number;
    await expect(client.contacts.get(hostile)).rejects.toMatchObject({ name: 'ChatwootInputError', code: 'invalid_path' });
    await expect(client.conversations.get('../../2/contacts/1' as unknown as number)).rejects.toBeInstanceOf(ChatwootInputError);
    await expect(client.request({ method: 'GET', path: 'accounts/1/contacts/..%2f2' })).rejects.toMatchObject({ code: 'invalid_path' });
    await expect(client.request({ method: 'GET', path: 'accounts/1//contacts' })).rejects.toMatchObject({ code: 'invalid_path' });
    await expect(client.request({ method: 'GET', path: 'accounts/1/contacts?page=2' })).rejects.toMatchObject({ code: 'invalid_path' });
    expect(fake.api.requests().length).toBe(before);
  });

  it('refuses ids that went wrong (undefined, NaN, negative, zero) with a typed error, and sends nothing', async () => {
    const client = createChatwootClient({ baseUrl: fake.url, apiAccessToken: fake.api.tokens.admin, accountId: fake.api.accountId });
    const before = fake.api.requests().length;
    for (const id of [undefined, Number.NaN, -3, 0, 1.5, null]) {
      await expect(client.conversations.get(id as unknown as number), String(id)).rejects.toMatchObject({ code: 'invalid_path' });
    }
    expect(fake.api.requests().length).toBe(before);
  });

  it('still sends plain route names and ids', async () => {
    const client = createChatwootClient({ baseUrl: fake.url, apiAccessToken: fake.api.tokens.admin, accountId: fake.api.accountId });
    await expect(client.request({ method: 'GET', path: `accounts/${fake.api.accountId}/contacts` })).resolves.toBeDefined();
    await expect(client.inboxes.list()).resolves.toBeDefined();
  });
});

describe('tokens and base URLs', () => {
  it.each([
    ['a trailing newline', `${TOKEN}\n`],
    ['a NUL byte', `${TOKEN}\u0000`],
    ['a space', `${TOKEN} x`],
    ['a non-ASCII character', `${TOKEN}é`],
  ])('refuses a token with %s up front, without repeating it', (_label, token) => {
    let caught: unknown;
    try {
      createChatwootClient({ baseUrl: fake.url, apiAccessToken: token, accountId: 1 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ name: 'ChatwootInputError', code: 'invalid_option', option: 'apiAccessToken' });
    expect(everythingIn(caught)).not.toContain(TOKEN);
  });

  it('refuses a base URL with a user name and password, without repeating the password', () => {
    let caught: unknown;
    try {
      createChatwootClient({ baseUrl: 'https://admin:pa55w0rd-Secret@chat.example.com', apiAccessToken: TOKEN, accountId: 1 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'invalid_option', option: 'baseUrl' });
    expect(everythingIn(caught)).not.toContain('pa55w0rd-Secret');
  });

  it.each(['not a url', 'ftp://chat.example.com', 'https://chat.example.com/?a=1'])('refuses the base URL %j', (baseUrl) => {
    expect(() => createChatwootClient({ baseUrl, apiAccessToken: TOKEN, accountId: 1 })).toThrow(
      expect.objectContaining({ code: 'invalid_option', option: 'baseUrl' }),
    );
  });

  it('refuses a timeout that is not a positive number of milliseconds', () => {
    for (const timeoutMs of [0, -1, Number.NaN, 2 ** 31]) {
      expect(() => createChatwootClient({ baseUrl: fake.url, apiAccessToken: TOKEN, accountId: 1, timeoutMs })).toThrow(
        expect.objectContaining({ code: 'invalid_option', option: 'timeoutMs' }),
      );
    }
  });
});

describe('errors a custom fetch throws', () => {
  it('keeps the message and code but drops the request and headers it carried (the token among them)', async () => {
    const leakyFetch: typeof fetch = async (input, init) => {
      const request = new Request(input as Request, init);
      const error = Object.assign(new Error(`socket hang up while sending with ${request.headers.get('api-access-token')}`), {
        code: 'ECONNRESET',
        request,
        config: { headers: Object.fromEntries(request.headers) },
        cause: Object.assign(new Error('inner'), { headers: { api_access_token: TOKEN } }),
      });
      throw error;
    };
    const client = createChatwootClient({ baseUrl: fake.url, apiAccessToken: TOKEN, accountId: 1, fetch: leakyFetch, retry: false });
    const caught = await client.profile.get().catch((error: unknown) => error);
    expect(caught).toBeInstanceOf(ChatwootNetworkError);
    expect(everythingIn(caught)).not.toContain(TOKEN);
    expect((caught as Error).cause).toMatchObject({ code: 'ECONNRESET', message: expect.stringContaining('[redacted]') });
    expect((caught as { cause: { cause: Error } }).cause.cause.message).toBe('inner');
  });
});
