import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../src/index';
import { createDeliveryClaims } from '../src/webhooks/dedupe';

/** The two-step delivery claim behind the webhook handler's dedupe (src/webhooks/dedupe.ts), on the memory store. */
const options = { ttlMs: 60_000, leaseMs: 200, timeoutMs: 100, waitMs: 100 };

describe('delivery claims', () => {
  it('claims, marks done, and then answers duplicate for any of its keys', async () => {
    const store = createMemoryStore();
    const claims = createDeliveryClaims(store, options);
    const first = await claims.claim(['sig:a', 'id:1']);
    if (first.outcome !== 'claimed') throw new Error(first.outcome);
    expect(await store.get('sig:a')).toMatch(/^pending:[0-9a-f-]{36}$/);
    await first.claim.done();
    expect([await store.get('sig:a'), await store.get('id:1')]).toEqual(['done', 'done']);
    expect(await claims.claim(['sig:b', 'id:1'])).toEqual({ outcome: 'duplicate' });
    // The retry's fresh signature is remembered as handled too.
    expect(await store.get('sig:b')).toBe('done');
  });

  it('a released claim is free at once; a release never deletes another attempt’s claim', async () => {
    const store = createMemoryStore();
    const claims = createDeliveryClaims(store, options);
    const first = await claims.claim(['id:2']);
    if (first.outcome !== 'claimed') throw new Error(first.outcome);
    await first.claim.release();
    expect(await store.get('id:2')).toBeNull();
    const second = await claims.claim(['id:2']);
    expect(second.outcome).toBe('claimed');
    await first.claim.release(); // the first attempt again: must not free the second's claim
    expect(await store.get('id:2')).toMatch(/^pending:/);
  });

  it('values written by earlier versions (a timestamp) count as handled', async () => {
    const store = createMemoryStore();
    await store.set('id:3', '1764000000', 60_000);
    expect(await createDeliveryClaims(store, options).claim(['id:3'])).toEqual({ outcome: 'duplicate' });
  });

  it('takes over a claim whose lease ran out while it waited, and answers in_progress while one is held', async () => {
    let now = 0;
    const store = createMemoryStore({ now: () => now });
    const claims = createDeliveryClaims(store, { ...options, waitMs: 60 });
    await store.setIfAbsent('id:4', 'pending:someone-else', 1_000);
    expect(await claims.claim(['id:4'])).toEqual({ outcome: 'in_progress' });
    now = 5_000; // its lease has ended
    expect((await claims.claim(['id:4'])).outcome).toBe('claimed');
  });

  it('a store call that does not answer within timeoutMs rejects, after giving back what it claimed', async () => {
    const store = createMemoryStore();
    let calls = 0;
    const stalling = {
      ...store,
      setIfAbsent: (key: string, value: string, ttlMs: number) =>
        ++calls === 1 ? store.setIfAbsent(key, value, ttlMs) : new Promise<boolean>(() => undefined),
    };
    const claims = createDeliveryClaims(stalling, options);
    await expect(claims.claim(['sig:c', 'id:5'])).rejects.toThrow('The dedupe store did not answer within 100 ms');
    expect(await store.get('sig:c')).toBeNull();
  });
});
