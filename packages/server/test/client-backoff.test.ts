import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, resolveRetry } from '../src/client/retry';

describe('retry backoff', () => {
  it('always waits between 0 and min(maxDelayMs, baseDelayMs * 2^(attempt-1))', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (baseDelayMs, maxDelayMs, attempt, random) => {
          const retry = resolveRetry({ baseDelayMs, maxDelayMs });
          const delay = backoffDelay(retry, attempt, () => random);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('grows exponentially up to the cap (upper edge of the jitter)', () => {
    const retry = resolveRetry({ baseDelayMs: 100, maxDelayMs: 1000 });
    const almostOne = () => 0.999_999;
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(retry, attempt, almostOne))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('has defaults in one place and `false` turns retries off', () => {
    expect(resolveRetry(undefined)).toEqual({ limit: 3, baseDelayMs: 500, maxDelayMs: 8000, maxElapsedMs: 30_000 });
    expect(resolveRetry(false).limit).toBe(0);
    expect(resolveRetry({ limit: 1 })).toMatchObject({ limit: 1, baseDelayMs: 500 });
  });
});
