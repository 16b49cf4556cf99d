// A real round trip through @wootkit/server against a running Chatwoot (the stand-in): list inboxes, register a
// webhook, create a contact, find it by search, receive the `contact_created` delivery on a local endpoint and verify
// it with `verifyWebhook`. Proves a build works for real, not just that its export names are there.
//
// CommonJS on purpose, so that `node client-round-trip.cjs <specifier>` exercises `require()`:
//   CHATWOOT_BASE_URL=… CHATWOOT_API_ACCESS_TOKEN=… CHATWOOT_ACCOUNT_ID=… node client-round-trip.cjs @wootkit/server
// ESM callers load the package with `import` and pass it to `roundTrip()`.
// Used by scripts/pack-check.mjs (on the packed tarballs) and packages/server/test/cjs.test.ts (on dist/index.cjs).
// Prints one JSON line with what it saw; any failure → a message on stderr and exit code 1.
'use strict';

const http = require('node:http');

const DELIVERY_WAIT_MS = 10_000;

function fail(message) {
  throw new Error(`client round trip: ${message}`);
}

/** A webhook endpoint on 127.0.0.1 that keeps each delivery's raw body and headers. */
function startEndpoint() {
  const deliveries = [];
  const waiters = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      deliveries.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      res.writeHead(200).end();
      for (const wake of waiters.splice(0)) wake();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}/chatwoot-webhook`,
        /** The first delivery whose body matches, waiting at most DELIVERY_WAIT_MS. */
        async next(match) {
          const deadline = Date.now() + DELIVERY_WAIT_MS;
          for (;;) {
            const found = deliveries.find((delivery) => match(delivery.body));
            if (found) return found;
            const left = deadline - Date.now();
            if (left <= 0) fail(`no matching webhook delivery within ${DELIVERY_WAIT_MS} ms (got ${deliveries.length})`);
            await new Promise((wake) => {
              const timer = setTimeout(wake, left);
              waiters.push(() => (clearTimeout(timer), wake()));
            });
          }
        },
        close: () => new Promise((done) => (server.closeAllConnections(), server.close(() => done()))),
      });
    });
  });
}

function readEnv(name) {
  const value = process.env[name];
  if (!value) fail(`set ${name}`);
  return value;
}

/** Runs the round trip with an already loaded @wootkit/server module (required or imported). */
async function roundTrip(server) {
  const { createChatwootClient, verifyWebhook, WebhookVerificationError, normalizePhone } = server;
  const client = createChatwootClient({
    baseUrl: readEnv('CHATWOOT_BASE_URL'),
    apiAccessToken: readEnv('CHATWOOT_API_ACCESS_TOKEN'),
    accountId: Number(readEnv('CHATWOOT_ACCOUNT_ID')),
    retry: false,
  });

  const inboxes = await client.inboxes.list();
  if (!Array.isArray(inboxes)) fail(`inboxes.list() gave ${typeof inboxes}, expected an array`);

  const endpoint = await startEndpoint();
  try {
    const webhook = await client.webhooks.create({ url: endpoint.url, subscriptions: ['contact_created'] });
    if (!webhook.secret) fail('webhooks.create() returned no secret');

    // A unique email per run, so the check also works against a stand-in that is used for something else.
    const email = `round-trip-${process.pid}-${Date.now()}@example.test`;
    // The phone goes through libphonenumber-js (normalizePhone), the other dependency that must load.
    const phone = normalizePhone('(650) 253-0000', { defaultCountry: 'US' });
    const { contact } = await client.contacts.create({ name: 'Round Trip', email, phone_number: phone });
    const found = await client.contacts.search(email);
    if (!found.payload.some((candidate) => candidate.id === contact.id)) {
      fail(`contacts.search(email) did not find contact ${contact.id}`);
    }

    const delivery = await endpoint.next((body) => body.includes(email));
    const event = verifyWebhook(delivery.body, delivery.headers, { secret: webhook.secret });
    if (event.event !== 'contact_created' || event.id !== contact.id) {
      fail(`verified ${event.event} for ${event.id}, expected contact_created for ${contact.id}`);
    }
    let rejected = null;
    try {
      verifyWebhook(delivery.body, delivery.headers, { secret: 'not-the-secret' });
    } catch (error) {
      rejected = error;
    }
    if (!(rejected instanceof WebhookVerificationError) || rejected.code !== 'invalid_signature') {
      fail(`a wrong secret gave ${rejected && rejected.code}, expected WebhookVerificationError invalid_signature`);
    }
    await client.webhooks.delete(webhook.id);

    return {
      inboxes: inboxes.length,
      contactId: contact.id,
      phone: contact.phone_number,
      searchFound: true,
      verified: event.event,
      wrongSecret: rejected.code,
    };
  } finally {
    await endpoint.close();
  }
}

module.exports = { roundTrip };

if (require.main === module) {
  const specifier = process.argv[2];
  if (!specifier) {
    console.error('usage: node client-round-trip.cjs <module to require, e.g. @wootkit/server>');
    process.exit(2);
  }
  roundTrip(require(specifier)).then(
    (result) => console.log(JSON.stringify(result)),
    (error) => {
      console.error(error && error.stack ? error.stack : String(error));
      process.exit(1);
    },
  );
}
