import { ChatwootInputError } from '../errors/ChatwootInputError';
import type { ChatwootClientOptions } from './options';

/** What the transport needs, checked: a base URL without credentials and a token that fits in an HTTP header. */
export interface CheckedClientOptions {
  baseUrl: string;
  apiAccessToken: string;
  accountId: number;
  timeoutMs: number;
}

// Visible ASCII only: a header value with a newline or NUL makes fetch throw a TypeError that quotes the value.
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/** Checks the options of `createChatwootClient` up front, with messages that never repeat a secret. */
export function checkClientOptions(options: ChatwootClientOptions): CheckedClientOptions {
  if (!options || typeof options !== 'object') {
    throw new ChatwootInputError('invalid_option', 'options', 'createChatwootClient: pass { baseUrl, apiAccessToken, accountId }.');
  }
  return {
    baseUrl: checkBaseUrl(options.baseUrl),
    apiAccessToken: checkToken(options.apiAccessToken),
    accountId: checkId(options.accountId, 'accountId'),
    timeoutMs: checkTimeout(options.timeoutMs),
  };
}

function checkBaseUrl(baseUrl: unknown): string {
  const fail = (why: string) => new ChatwootInputError('invalid_option', 'baseUrl', `createChatwootClient: baseUrl ${why}`);
  if (typeof baseUrl !== 'string' || baseUrl.trim() === '') throw fail('is required, e.g. https://app.chatwoot.com.');
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw fail('is not a URL: pass an absolute http(s) URL such as https://app.chatwoot.com.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw fail(`must use http or https, not ${url.protocol}`);
  // A password in the URL would show in every error and hook that names the URL; Chatwoot needs none.
  if (url.username || url.password) throw fail('must not contain a user name or password (user:password@): remove them.');
  if (url.search || url.hash) throw fail('must not have a query string or fragment.');
  return baseUrl;
}

function checkToken(token: unknown): string {
  if (typeof token !== 'string' || token === '') {
    throw new ChatwootInputError(
      'invalid_option',
      'apiAccessToken',
      'createChatwootClient: apiAccessToken is required (Profile settings → Access token).',
    );
  }
  if (!HEADER_SAFE.test(token)) {
    throw new ChatwootInputError(
      'invalid_option',
      'apiAccessToken',
      'createChatwootClient: apiAccessToken contains a space, a line break or a control character: copy the token again (a trailing newline from a file or an environment variable is the usual cause).',
    );
  }
  return token;
}

function checkTimeout(timeoutMs: unknown): number {
  if (timeoutMs === undefined) return 15_000;
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > 2_147_483_647) {
    throw new ChatwootInputError('invalid_option', 'timeoutMs', 'createChatwootClient: timeoutMs must be a number of milliseconds above 0.');
  }
  return timeoutMs;
}

/**
 * An id that goes into a request path: a positive safe integer (a numeric string is accepted). Anything else, such
 * as `'%2e%2e/accounts/2'`, could address another endpoint or account, so it is refused before any request.
 */
export function checkId(value: unknown, name: string): number {
  const id = typeof value === 'string' && /^[1-9][0-9]*$/.test(value) ? Number(value) : value;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) {
    const code = name === 'accountId' ? 'invalid_option' : 'invalid_id';
    throw new ChatwootInputError(code, name, `${name} must be a positive integer, got ${describeValue(value)}.`);
  }
  return id;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return `a string of ${value.length} character(s)`;
  if (typeof value === 'number') return String(value);
  return value === null ? 'null' : typeof value;
}
