/**
 * The Chatwoot stand-in for `sync.bench.ts`, in its own process so the benchmark's memory samples measure the sync
 * alone (the stand-in's contact table grows with the input by design). Talks over Node's IPC channel:
 * parent → `{ type: 'stats' }` / `{ type: 'close' }`; child → `{ type: 'ready', ... }` / `{ type: 'stats', ... }`.
 */
import { startFakeChatwoot } from '@wootkit/testing';

const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 20);
const perMinute = Number(process.env.BENCH_SERVER_PER_MINUTE ?? 60_000);

const fake = await startFakeChatwoot({ api: { latency: latencyMs, rateLimit: { perMinute } } });

const isWrite = (method: string, path: string) => method !== 'GET' && !path.endsWith('/filter');

process.on('message', async (message: { type: string }) => {
  if (message.type === 'stats') {
    const requests = fake.api.requests();
    process.send?.({
      type: 'stats',
      contacts: fake.api.contacts().length,
      requests: requests.length,
      writes: requests.filter((request) => isWrite(request.method, request.path)).length,
      throttled: requests.filter((request) => request.status === 429).length,
    });
    fake.api.clearRequests();
  } else if (message.type === 'close') {
    await fake.close();
    process.disconnect?.();
  }
});

process.send?.({ type: 'ready', url: fake.url, token: fake.api.tokens.admin, accountId: fake.api.accountId });
