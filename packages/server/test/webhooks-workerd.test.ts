import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startFakeChatwoot, toRailsJson, type FakeChatwoot } from '@wootkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifierHash, signWebhook } from '../src/index';
import { payloads } from './webhook.fixtures';
import { startWorker, type RunningWorker } from './support/workerd';

/**
 * `@wootkit/server/webhooks` in Cloudflare's own runtime: the built entry (dist/webhooks.js and its chunks) loaded by
 * real `workerd` in test/workerd/worker.js, serving HTTP on 127.0.0.1. The stand-in delivers real signed account
 * webhooks to it; an API inbox relay's deliveries are signed here with their own secret.
 */
const BUILT_ENTRY = fileURLToPath(new URL('../dist/webhooks.js', import.meta.url));
const WORKER = fileURLToPath(new URL('./workerd/worker.js', import.meta.url));
const EVOLUTION_SECRET = 'evolution-relay-secret-0123456789';
const HMAC_TOKEN = 'inbox-hmac-token-abcdef0123456789';

let chatwoot: FakeChatwoot;
let worker: RunningWorker;
let accountSecret: string;
let api: (method: string, path: string, body?: unknown) => Promise<any>;

interface Seen {
  handled: Array<Record<string, unknown>>;
  errors: Array<{ name: string; code: string; status: number; deliveryId?: string }>;
}
const seen = async (): Promise<Seen> => (await fetch(`${worker.url}/seen`)).json() as Promise<Seen>;

beforeAll(async () => {
  if (!existsSync(BUILT_ENTRY)) throw new Error(`${BUILT_ENTRY} is missing: run \`pnpm --filter @wootkit/server build\` first.`);
  chatwoot = await startFakeChatwoot();
  const base = `${chatwoot.url}/api/v1/accounts/${chatwoot.api.accountId}`;
  api = async (method, path, body) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'api-access-token': chatwoot.api.tokens.admin, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${await response.text()}`);
    return response.json();
  };
  // The webhook's URL is only known once workerd runs, and its secret only once it exists: create it pointing at a
  // placeholder, start the Worker with the secret, then point the webhook at the Worker.
  const created = await api('POST', '/webhooks', { url: 'https://placeholder.invalid/', subscriptions: ['contact_created', 'message_created'] });
  const webhookId: number = created.payload.webhook.id;
  accountSecret = chatwoot.api.webhooks().find((webhook) => webhook.id === webhookId)!.secret!;
  worker = await startWorker({
    main: WORKER,
    bindings: { ACCOUNT_SECRET: accountSecret, EVOLUTION_SECRET, HMAC_TOKEN },
  });
  await api('PATCH', `/webhooks/${webhookId}`, { url: `${worker.url}/webhook` });
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await chatwoot?.close();
});

describe('@wootkit/server/webhooks in workerd', () => {
  it('runs in Cloudflare Workers’ runtime (not Node)', async () => {
    const runtime = await (await fetch(`${worker.url}/runtime`)).json();
    expect(runtime).toMatchObject({ userAgent: 'Cloudflare-Workers' });
  });

  it('verifies and handles the account webhooks the stand-in delivers (Rails-escaped bodies), naming the source', async () => {
    const inbox = chatwoot.api.seed({ inboxes: [{ name: 'API inbox', channel_type: 'Channel::Api' }] }).inboxes[0]!;
    const contact = await api('POST', '/contacts', { name: 'Ana <Admin> & Co', inbox_id: inbox.id });
    const conversation = await api('POST', '/conversations', { inbox_id: inbox.id, contact_id: contact.payload.contact.id });
    const message = await api('POST', `/conversations/${conversation.id}/messages`, { content: 'Total <b>42</b> & más', message_type: 'outgoing' });
    await chatwoot.api.settleDeliveries();

    const deliveries = chatwoot.api.deliveries().filter((delivery) => delivery.url === `${worker.url}/webhook`);
    expect(deliveries.map((delivery) => [delivery.event, delivery.result?.status])).toEqual(
      expect.arrayContaining([
        ['contact_created', 200],
        ['message_created', 200],
      ]),
    );
    for (const delivery of deliveries) expect(delivery.result!.body).not.toMatch(/[<>&]/);

    const { handled } = await seen();
    const deliveryIdOf = (event: string) => deliveries.find((delivery) => delivery.event === event)!.result!.deliveryId;
    expect(handled).toEqual(
      expect.arrayContaining([
        { event: 'contact_created', id: contact.payload.contact.id, name: 'Ana <Admin> & Co', source: 'account', deliveryId: deliveryIdOf('contact_created') },
        { event: 'message_created', id: message.id, content: 'Total <b>42</b> & más', source: 'account', deliveryId: deliveryIdOf('message_created') },
      ]),
    );
  });

  it('tells an API inbox relay’s deliveries (its own secret) from the account’s, and handles a copy once', async () => {
    const body = toRailsJson({ ...payloads.message_created, id: 9_001, content: 'via the relay' });
    const headers = await signWebhook({ secret: EVOLUTION_SECRET, body, deliveryId: 'relay-delivery-1' });
    const first = await fetch(`${worker.url}/webhook`, { method: 'POST', headers, body });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ ok: true, handled: true });

    // The same signed bytes again, under another delivery id: caught by the signature.
    const copy = await fetch(`${worker.url}/webhook`, { method: 'POST', headers: { ...headers, 'x-chatwoot-delivery': 'forged-id' }, body });
    expect(await copy.json()).toEqual({ ok: true, duplicate: true });

    const relayed = (await seen()).handled.filter((event) => event.id === 9_001);
    expect(relayed).toEqual([{ event: 'message_created', id: 9_001, content: 'via the relay', source: 'evolution', deliveryId: 'relay-delivery-1' }]);
  });

  it('refuses forged, unsigned and oversized deliveries with typed errors, and answers 500 when the handler throws', async () => {
    const body = toRailsJson({ ...payloads.message_created, id: 9_002 });
    const forged = await signWebhook({ secret: 'not-the-secret', body, deliveryId: 'forged-1' });
    const refused = await fetch(`${worker.url}/webhook`, { method: 'POST', headers: forged, body });
    expect([refused.status, await refused.json()]).toEqual([401, { ok: false, error: 'invalid_signature' }]);

    const unsigned = await fetch(`${worker.url}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-chatwoot-delivery': 'unsigned-1' }, body });
    expect([unsigned.status, await unsigned.json()]).toEqual([401, { ok: false, error: 'missing_signature' }]);

    const large = JSON.stringify({ ...payloads.message_created, content: 'x'.repeat(70 * 1024) });
    const tooLarge = await fetch(`${worker.url}/webhook`, { method: 'POST', headers: await signWebhook({ secret: accountSecret, body: large }), body: large });
    expect([tooLarge.status, await tooLarge.json()]).toEqual([413, { ok: false, error: 'payload_too_large' }]);

    const failing = toRailsJson({ ...payloads.message_created, id: 9_003, content: 'throw' });
    const failed = await fetch(`${worker.url}/webhook`, { method: 'POST', headers: await signWebhook({ secret: accountSecret, body: failing, deliveryId: 'fails-1' }), body: failing });
    expect([failed.status, await failed.json()]).toEqual([500, { ok: false, error: 'handler_failed' }]);

    const { errors, handled } = await seen();
    expect(errors).toEqual(
      expect.arrayContaining([
        { name: 'WebhookVerificationError', code: 'invalid_signature', status: 401, deliveryId: 'forged-1' },
        { name: 'WebhookVerificationError', code: 'missing_signature', status: 401, deliveryId: 'unsigned-1' },
        { name: 'WebhookVerificationError', code: 'payload_too_large', status: 413, deliveryId: expect.any(String) },
        { name: 'WebhookHandlerError', code: 'handler_failed', status: 500, deliveryId: 'fails-1' },
      ]),
    );
    expect(handled.map((event) => event.id)).not.toContain(9_002);
  });

  it('verifyWebhookAsync, parseWebhookEvent and identifierHashAsync give what Node gives', async () => {
    const body = toRailsJson(payloads.contact_created);
    const headers = await signWebhook({ secret: accountSecret, body });
    const verified = await fetch(`${worker.url}/verify`, { method: 'POST', headers, body });
    expect(await verified.json()).toEqual({ ok: true, event: 'contact_created', id: payloads.contact_created.id });

    const tampered = await fetch(`${worker.url}/verify`, { method: 'POST', headers, body: body.replace('"id":', '"id": ') });
    const refusal = await tampered.json();
    expect([tampered.status, refusal.typed, refusal.code]).toEqual([401, true, 'invalid_signature']);
    expect(refusal.message).not.toContain(accountSecret);

    const parsed = await fetch(`${worker.url}/parse`, { method: 'POST', body: '[1, 2]' });
    expect([parsed.status, await parsed.json()]).toEqual([400, { ok: false, typed: true, code: 'malformed_payload' }]);

    for (const identifier of ['42', 'user@example.com', 'ünïcödé-✓']) {
      const answer = await (await fetch(`${worker.url}/hash?identifier=${encodeURIComponent(identifier)}`)).json();
      expect(answer.hash).toBe(identifierHash(identifier, HMAC_TOKEN));
    }
  });
});
