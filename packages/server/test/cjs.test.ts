import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { afterEach, beforeEach, expect, it } from 'vitest';

// `require('@wootkit/server')` as a CommonJS host app does it: the built dist/index.cjs in a plain `node` process,
// making real requests. ky is ESM-only; a CJS build that `require()`s it crashes on the first request.
const CJS_BUILD = fileURLToPath(new URL('../dist/index.cjs', import.meta.url));
const ROUND_TRIP = fileURLToPath(new URL('../../../scripts/client-round-trip.cjs', import.meta.url));

let fake: FakeChatwoot;

beforeEach(async () => {
  fake = await startFakeChatwoot();
  fake.api.seed({ inboxes: [{ name: 'API', channel_type: 'Channel::Api' }] });
});

afterEach(async () => {
  await fake.close();
});

it('require() of dist/index.cjs lists inboxes, creates and searches a contact and verifies its webhook', async () => {
  if (!existsSync(CJS_BUILD)) throw new Error(`${CJS_BUILD} is missing: run \`pnpm --filter @wootkit/server build\` first.`);
  // Asynchronous on purpose: the stand-in answers from this process's event loop.
  const run = await promisify(execFile)(process.execPath, [ROUND_TRIP, CJS_BUILD], {
    env: {
      PATH: process.env.PATH ?? '',
      CHATWOOT_BASE_URL: fake.url,
      CHATWOOT_API_ACCESS_TOKEN: fake.api.tokens.admin,
      CHATWOOT_ACCOUNT_ID: String(fake.api.accountId),
    },
    timeout: 30_000,
  }).catch((error: { code?: number; stdout?: string; stderr?: string }) => error);

  expect(run.stderr).toBe('');
  const result = JSON.parse(String(run.stdout));
  const contact = fake.api.contacts().find((record) => record.name === 'Round Trip');
  expect(contact).toBeDefined();
  expect(result).toEqual({
    inboxes: 1,
    contactId: contact!.id,
    phone: '+16502530000',
    searchFound: true,
    verified: 'contact_created',
    wrongSecret: 'invalid_signature',
  });
  // The requests reached the stand-in with the token, in this order.
  const calls = fake.api.requests({ path: '/api/v1/accounts/' }).map((request) => `${request.method} ${request.path} ${request.status}`);
  expect(calls).toEqual([
    'GET /api/v1/accounts/1/inboxes 200',
    'POST /api/v1/accounts/1/webhooks 200',
    'POST /api/v1/accounts/1/contacts 200',
    'GET /api/v1/accounts/1/contacts/search 200',
    'DELETE /api/v1/accounts/1/webhooks/1 200',
  ]);
  await fake.api.settleDeliveries();
  expect(fake.api.deliveries().map((delivery) => [delivery.event, delivery.result?.status])).toEqual([['contact_created', 200]]);
});
