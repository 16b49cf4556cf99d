import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChatwootClient, createRateLimiter, type ChatwootClientOptions } from '../src/index';

let fake: FakeChatwoot;
beforeEach(async () => {
  fake = await startFakeChatwoot();
});
afterEach(async () => {
  await fake.close();
});

function client(overrides: Partial<ChatwootClientOptions> = {}) {
  return createChatwootClient({
    baseUrl: fake.url,
    apiAccessToken: fake.api.tokens.admin,
    accountId: fake.api.accountId,
    retry: false,
    ...overrides,
  });
}

/** Largest number of request starts within any window of `windowMs`. */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe('client-side rate limiter', () => {
  it('keeps a burst of parallel requests within the configured rate, so the server never answers 429', async () => {
    // The server allows 12 a minute; the client is configured a little under the per-second equivalent.
    fake.api.configure({ rateLimit: { perMinute: 12 } });
    const starts: number[] = [];
    const limited = client({
      rateLimit: { requestsPerMinute: 600, burst: 2 },
      hooks: { onRequest: () => starts.push(Date.now()) },
    });
    const results = await Promise.all(Array.from({ length: 10 }, () => limited.agents.list()));
    expect(results).toHaveLength(10);
    expect(fake.api.requests().filter((r) => r.status === 429)).toEqual([]);
    // 600/min = one every 100 ms after a burst of 2: at most 2 + 3 starts in any 300 ms window (timer slack allowed).
    expect(maxInWindow(starts, 300)).toBeLessThanOrEqual(6);
    expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThanOrEqual(700);
  });

  it('puts contact search on its own, slower budget without slowing other calls', async () => {
    const searchStarts: number[] = [];
    const otherStarts: number[] = [];
    const limited = client({
      rateLimit: { requestsPerMinute: 60_000, burst: 100, searchesPerMinute: 600, searchBurst: 1 },
      hooks: {
        onRequest: ({ path }) => (path.endsWith('/search') ? searchStarts : otherStarts).push(Date.now()),
      },
    });
    await Promise.all([
      ...Array.from({ length: 4 }, () => limited.contacts.search('a')),
      ...Array.from({ length: 4 }, () => limited.agents.list()),
    ]);
    expect(Math.max(...searchStarts) - Math.min(...searchStarts)).toBeGreaterThanOrEqual(250);
    expect(Math.max(...otherStarts) - Math.min(...otherStarts)).toBeLessThan(250);
  });

  it('shares one limiter between clients of the same IP', async () => {
    const limiter = createRateLimiter({ requestsPerMinute: 600, burst: 1 });
    const starts: number[] = [];
    const onRequest = () => starts.push(Date.now());
    const first = client({ rateLimit: limiter, hooks: { onRequest } });
    const second = client({ rateLimit: limiter, hooks: { onRequest } });
    await Promise.all([first.agents.list(), second.agents.list(), first.agents.list(), second.agents.list()]);
    expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThanOrEqual(250);
  });

  it('stops waiting for a token when the call is aborted', async () => {
    const limited = client({ rateLimit: { requestsPerMinute: 1, burst: 1 } });
    await limited.agents.list();
    const controller = new AbortController();
    const waiting = limited.agents.list({ signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stop')), 30);
    await expect(waiting).rejects.toThrow('stop');
    expect(fake.api.requests()).toHaveLength(1);
  });

  it('defaults stay under Chatwoot’s limits (3000/min per IP, 100 searches/min)', async () => {
    const starts: number[] = [];
    const limited = client({ hooks: { onRequest: ({ path }) => path.endsWith('/search') && starts.push(Date.now()) } });
    // Default search budget: 90/min with a burst of 1 → a second search waits ~667 ms.
    await Promise.all([limited.contacts.search('a'), limited.contacts.search('b')]);
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(600);
  });
});
