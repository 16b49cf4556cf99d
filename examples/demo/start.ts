// `pnpm demo`: starts the embedded Chatwoot stand-in on 127.0.0.1 and prints where it is.
// (The full round-trip demo — script tag, hooks, identity, webhooks, auto-reply — is issue 5.)
import { startFakeChatwoot } from '@wootkit/testing';

const fake = await startFakeChatwoot({ port: Number(process.env.PORT ?? 0) || 0 });
console.log(`wootkit demo: Chatwoot stand-in listening on ${fake.url}`);
console.log('Press Ctrl+C to stop.');

const stop = async () => {
  await fake.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
