// One "instance of the host app" for the cross-process notify tests, run by notify-process.ts with plain Node on the
// built package: its own module state (so its own in-process locks), its own Chatwoot client and Redis connection.
// argv[2]: JSON config. Prints "ready" once connected, waits for "go" on stdin, runs every notify at once, then
// prints one JSON line with each call's outcome.
import { createInterface } from 'node:readline';
import { createChatwootClient, createRedisStore, notify } from '../../dist/index.js';

const config = JSON.parse(process.argv[2]);
const client = createChatwootClient({
  baseUrl: config.baseUrl,
  apiAccessToken: config.token,
  accountId: config.accountId,
  timeoutMs: config.timeoutMs ?? 15_000,
  rateLimit: { requestsPerMinute: 60_000 },
});
const store = createRedisStore({ redis: config.redisUrl, prefix: config.prefix });
await store.get('warm-up'); // connect now, so "go" starts every instance's calls at the same moment

const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
for await (const line of lines) if (line.trim() === 'go') break;
lines.close();

const options = { store, lockTtlMs: config.lockTtlMs, lockWaitMs: config.lockWaitMs };
const outcomes = await Promise.all(
  config.contents.map((content) =>
    notify(client, { to: config.to, inboxId: config.inboxId, content }, options).then(
      (result) => ({ ok: true, result }),
      (error) => ({ ok: false, code: error?.code, name: error?.name, message: String(error?.message ?? error) }),
    ),
  ),
);
process.stdout.write(`${JSON.stringify(outcomes)}\n`);
await store.close();
