import ky, { isTimeoutError, type KyInstance } from 'ky';
import { ChatwootApiError } from '../errors/ChatwootApiError';
import { ChatwootNetworkError } from '../errors/ChatwootNetworkError';
import { ChatwootRateLimitError } from '../errors/ChatwootRateLimitError';
import { ChatwootTimeoutError } from '../errors/ChatwootTimeoutError';
import { safeCause } from '../errors/safeCause';
import { checkClientOptions } from './checkClientOptions';
import { checkRequestPath } from './checkRequestPath';
import type { ChatwootClientHooks, ChatwootClientOptions } from './options';
import { createRateLimiter, isRateLimiter, sleep, type RateLimitBucket, type RateLimiter } from './rateLimiter';
import { backoffDelay, resolveRetry, type ResolvedRetry, type RetryMode } from './retry';

/** Query values; arrays repeat the key Rails-style (`labels[]=a&labels[]=b`), undefined ones are dropped. */
export type QueryValue = string | number | boolean | undefined | readonly string[];

/** One call to Chatwoot's API, as the resources describe it. */
export interface ApiRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path after `/api/v1/`, e.g. `accounts/1/contacts`. */
  path: string;
  query?: Record<string, QueryValue>;
  json?: unknown;
  /** Default: `idempotent` for every method but POST, `create` for POST. */
  retryMode?: RetryMode;
  /** Default `general`. */
  bucket?: RateLimitBucket;
  signal?: AbortSignal;
}

/** Sends {@link ApiRequest}s: rate limit, timeout, retry and typed errors in one place. */
export type Transport = <T>(request: ApiRequest) => Promise<T>;

const NO_LIMIT: RateLimiter = { acquire: async () => {} };

/** Builds the transport of one client. Options are normalised here, once. */
export function createTransport(options: ChatwootClientOptions): Transport {
  const { baseUrl, apiAccessToken, timeoutMs } = checkClientOptions(options);
  const retry = resolveRetry(options.retry);
  const limiter =
    options.rateLimit === false
      ? NO_LIMIT
      : isRateLimiter(options.rateLimit)
        ? options.rateLimit
        : createRateLimiter(options.rateLimit);
  const http = ky.create({
    prefixUrl: baseUrl,
    // Hyphenated: Rails reads `api_access_token` through Rack's HTTP_API_ACCESS_TOKEN, which `api-access-token` maps
    // to as well (Chatwoot v4.15.1, app/controllers/concerns/access_token_auth_helper.rb), while nginx and other
    // proxies drop header names with underscores by default (`underscores_in_headers off`).
    headers: { 'api-access-token': apiAccessToken, accept: 'application/json' },
    timeout: timeoutMs,
    retry: 0,
    throwHttpErrors: false,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const hooks = options.hooks ?? {};

  return async <T>(request: ApiRequest): Promise<T> => {
    const method = request.method;
    checkRequestPath(request.path);
    const mode = request.retryMode ?? (method === 'POST' ? 'create' : 'idempotent');
    const displayPath = `/api/v1/${request.path}`;
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      await limiter.acquire(request.bucket ?? 'general', request.signal);
      let error: Error;
      try {
        return (await attemptOnce(http, request, displayPath, attempt, timeoutMs, hooks, apiAccessToken)) as T;
      } catch (caught) {
        if (request.signal?.aborted) throw request.signal.reason;
        error = caught as Error;
      }
      if (!mayRetry(error, mode, retry, attempt, started)) throw error;
      const delayMs = backoffDelay(retry, attempt);
      hooks.onRetry?.({ method, path: displayPath, attempt, delayMs, error });
      await sleep(delayMs, request.signal);
    }
  };
}

async function attemptOnce(
  http: KyInstance,
  request: ApiRequest,
  displayPath: string,
  attempt: number,
  timeoutMs: number,
  hooks: ChatwootClientHooks,
  token: string,
): Promise<unknown> {
  const { method } = request;
  hooks.onRequest?.({ method, path: displayPath, attempt });
  const began = Date.now();
  let response: Response;
  try {
    response = await http(`api/v1/${request.path}`, {
      method,
      searchParams: toSearchParams(request.query),
      ...(request.json === undefined ? {} : { json: request.json }),
      ...(request.signal ? { signal: request.signal } : {}),
    });
  } catch (error) {
    // ky's own errors keep the Request (and with it our token header): never attach them.
    if (isTimeoutError(error)) throw new ChatwootTimeoutError(method, displayPath, timeoutMs);
    if (request.signal?.aborted) throw error;
    throw new ChatwootNetworkError(method, displayPath, safeCause(error, [token]));
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    // The connection dropped mid-body.
    throw new ChatwootNetworkError(method, displayPath, safeCause(error, [token]));
  }
  hooks.onResponse?.({ method, path: displayPath, attempt, status: response.status, durationMs: Date.now() - began });
  const body = parseBody(text, response.headers.get('content-type'));
  if (response.ok) return body;
  const details = { method, path: displayPath, ...describeErrorBody(body, text) };
  if (response.status === 429) throw new ChatwootRateLimitError(details);
  throw new ChatwootApiError({ ...details, status: response.status });
}

function mayRetry(error: Error, mode: RetryMode, retry: ResolvedRetry, attempt: number, started: number): boolean {
  if (attempt > retry.limit || Date.now() - started >= retry.maxElapsedMs) return false;
  // A 429 means "not processed": safe for every request.
  if (error instanceof ChatwootRateLimitError) return true;
  if (mode === 'create') return false;
  if (error instanceof ChatwootApiError) return error.status >= 500;
  return error instanceof ChatwootTimeoutError || error instanceof ChatwootNetworkError;
}

function toSearchParams(query: ApiRequest['query']): URLSearchParams | undefined {
  if (!query) return undefined;
  // URLSearchParams writes `+` as %2B (Rails would read a bare `+` as a space) and a space as `+`.
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) params.append(`${key}[]`, item);
    else params.append(key, String(value));
  }
  return params;
}

function parseBody(text: string, contentType: string | null): unknown {
  if (text === '') return undefined;
  if (contentType?.includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** Chatwoot's error bodies: `{message, attributes}`, `{error}`, `{errors: [...]}` or plain text (429). */
function describeErrorBody(body: unknown, text: string): { apiMessage: string; attributes: string[] } {
  if (body && typeof body === 'object') {
    const record = body as { message?: unknown; error?: unknown; errors?: unknown; attributes?: unknown };
    const attributes = Array.isArray(record.attributes) ? record.attributes.map(String) : [];
    if (typeof record.message === 'string') return { apiMessage: record.message, attributes };
    if (typeof record.error === 'string') return { apiMessage: record.error, attributes };
    if (Array.isArray(record.errors)) {
      const first = record.errors[0];
      const message = typeof first === 'string' ? first : ((first as { message?: string })?.message ?? '');
      return { apiMessage: message, attributes };
    }
  }
  return { apiMessage: text.slice(0, 500).trim(), attributes: [] };
}
