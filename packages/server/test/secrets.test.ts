import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createChatwootClient,
  createMemoryStore,
  createNodeWebhookHandler,
  createOutbox,
  createWebhookHandler,
  verifyWebhook,
  type OutboxEvent,
} from '../src/index';
import { runCli } from './support/run-cli';

/**
 * No error, log line or CLI output may contain the API token, the webhook secret or the HMAC token. Each secret is
 * distinctive, every CLI command and the main error paths run with them, and everything they print is searched.
 */
const API_TOKEN = 'tok_Zq8vS3cr3tAp1T0k3n_9931';
const WRONG_TOKEN = 'tok_Wr0ngS3cr3tT0k3n_4417';
const HMAC_TOKEN = 'hmac_Pq2S3cr3tHm4cT0k3n_7720';
const WRONG_WEBHOOK_SECRET = 'whsec_Wr0ngS3cr3t_5561';

let fake: FakeChatwoot;
let dir: string;
let endpoint: http.Server;
let endpointUrl: string;
let webhookSecret = '';
/** Everything any path below printed, threw or logged. */
const seen: string[] = [];

function record(label: string, value: unknown): void {
  const text = typeof value === 'string' ? value : inspect(value, { depth: 8, showHidden: true });
  seen.push(`--- ${label}\n${text}`);
  if (value instanceof Error) seen.push(String(value), value.stack ?? '', JSON.stringify(value), JSON.stringify(value.cause ?? null));
}

function secrets(): string[] {
  return [API_TOKEN, WRONG_TOKEN, HMAC_TOKEN, WRONG_WEBHOOK_SECRET, webhookSecret].filter(Boolean);
}

beforeAll(async () => {
  fake = await startFakeChatwoot({ api: { tokens: { admin: API_TOKEN } } });
  fake.api.seed({ inboxes: [{ name: 'WhatsApp', channel_type: 'Channel::Whatsapp', phone_number: '+15550001111' }] });
  dir = mkdtempSync(join(tmpdir(), 'wootkit-secrets-'));
  endpoint = http.createServer((req, res) => {
    void createNodeWebhookHandler({ secret: webhookSecret || 'unset', on: {}, onError: (error, info) => record('endpoint onError', { error, info }) })(req, res);
  });
  await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
  endpointUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/hooks`;
});

afterAll(async () => {
  endpoint.closeAllConnections();
  await new Promise((resolve) => endpoint.close(resolve));
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('secrets never leak', () => {
  it('through any CLI command, on success and on failure', async () => {
    const env = {
      CHATWOOT_BASE_URL: fake.url,
      CHATWOOT_API_ACCESS_TOKEN: API_TOKEN,
      CHATWOOT_ACCOUNT_ID: String(fake.api.accountId),
      CHATWOOT_HMAC_TOKEN: HMAC_TOKEN,
      CHATWOOT_INBOX_ID: '1',
      CHATWOOT_WEBSITE_TOKEN: 'site-token',
    };
    const run = async (label: string, args: string[], extra: Record<string, string> = {}, stdin?: string) => {
      const result = await runCli(args, { env: { ...env, ...extra }, cwd: dir, ...(stdin === undefined ? {} : { stdin }) });
      record(`cli ${label} (exit ${result.code})`, `${result.stdout}\n${result.stderr}`);
      return result;
    };

    await run('help', ['--help']);
    await run('unknown flag', ['doctor', '--nope']);
    await run('unknown command', ['nope']);
    await run('missing config', ['doctor'], { CHATWOOT_BASE_URL: '' });
    await run('ensure', ['webhooks', 'ensure', '--url', endpointUrl, '--secret-file', 'secret.txt']);
    webhookSecret = fake.api.webhooks()[0]!.secret;
    expect(readFileSync(join(dir, 'secret.txt'), 'utf8').trim()).toBe(webhookSecret);
    await run('ensure again', ['webhooks', 'ensure', '--url', endpointUrl]);
    await run('doctor ok', ['doctor', '--url', endpointUrl], { CHATWOOT_WEBHOOK_SECRET: webhookSecret });
    await run('doctor wrong secret', ['doctor', '--url', endpointUrl], { CHATWOOT_WEBHOOK_SECRET: WRONG_WEBHOOK_SECRET });
    await run('doctor wrong token', ['doctor'], { CHATWOOT_API_ACCESS_TOKEN: WRONG_TOKEN });
    await run('ensure wrong token', ['webhooks', 'ensure', '--url', endpointUrl], { CHATWOOT_API_ACCESS_TOKEN: WRONG_TOKEN });
    await run('sync wrong token', ['sync', 'people.csv'], { CHATWOOT_API_ACCESS_TOKEN: WRONG_TOKEN });
    await run('unreachable', ['doctor'], { CHATWOOT_BASE_URL: 'http://127.0.0.1:9' });
    writeFileSync(join(dir, 'people.csv'), 'identifier,name,phone\np-1,Ana,+5215512345678\np-2,Bo,12\np-3,"Cy\n');
    const sync = await run('sync', ['sync', 'people.csv']);
    expect(sync.code).toBe(1);
    record('failures file', readFileSync(join(dir, 'people.failed.csv'), 'utf8'));
    await run('sync dry', ['sync', 'people.csv', '--dry-run']);
    const hash = await run('hash', ['hash', 'user-1']);
    expect(hash.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    await run('hash stdin', ['hash', 'user-1', '--token-stdin'], { CHATWOOT_HMAC_TOKEN: '' }, `${HMAC_TOKEN}\n`);
    await run('hash no token', ['hash', 'user-1'], { CHATWOOT_HMAC_TOKEN: '' });
  }, 120_000);

  it('through library errors, events and logs', async () => {
    const logs: unknown[] = [];
    const hooks = {
      onRequest: (event: unknown) => logs.push(event),
      onResponse: (event: unknown) => logs.push(event),
      onRetry: (event: unknown) => logs.push(event),
    };
    const wrong = createChatwootClient({ baseUrl: fake.url, apiAccessToken: WRONG_TOKEN, accountId: 1, hooks, retry: false });
    await wrong.profile.get().catch((error) => record('401', error));
    await wrong.contacts.create({ name: 'x' }).catch((error) => record('401 create', error));
    const down = createChatwootClient({ baseUrl: 'http://127.0.0.1:9', apiAccessToken: API_TOKEN, accountId: 1, hooks, retry: false });
    await down.profile.get().catch((error) => record('network', error));
    fake.api.configure({ faults: [{ kind: 'timeout', times: 1 }], timeoutHoldMs: 1_000 });
    const slow = createChatwootClient({ baseUrl: fake.url, apiAccessToken: API_TOKEN, accountId: 1, hooks, retry: false, timeoutMs: 200 });
    await slow.profile.get().catch((error) => record('timeout', error));
    fake.api.configure({ faults: [] });
    record('client hooks', logs);

    // The outbox keeps failure reasons in the store and hands them to events.
    const events: OutboxEvent[] = [];
    const store = createMemoryStore();
    const outbox = createOutbox({ client: wrong, store, inboxId: 1, onEvent: (event) => events.push(event) });
    const { id } = await outbox.send({ to: { phone: '+5215512345678' }, content: 'hi' });
    await outbox.drain({ timeoutMs: 5_000 });
    const status = await outbox.status(id);
    expect(status?.state).toBe('failed');
    record('outbox status', status);
    record('outbox events', events);
    await store.close();

    // Webhook verification with the wrong secret, and the handler's error reports.
    const body = JSON.stringify({ event: 'contact_created', id: 1, name: 'x' });
    const headers = { 'x-chatwoot-signature': 'sha256=00', 'x-chatwoot-timestamp': String(Math.floor(Date.now() / 1000)) };
    await Promise.resolve()
      .then(() => verifyWebhook(body, headers, { secret: [WRONG_WEBHOOK_SECRET, webhookSecret || HMAC_TOKEN] }))
      .catch((error) => record('verify', error));
    const errors: unknown[] = [];
    const handler = createWebhookHandler({ secret: WRONG_WEBHOOK_SECRET, on: {}, onError: (error, info) => errors.push({ error, info }) });
    const response = await handler(new Request('http://127.0.0.1/hooks', { method: 'POST', body, headers }));
    record('handler response', await response.text());
    record('handler errors', errors);
  });

  it('nowhere in what was recorded', () => {
    const everything = seen.join('\n');
    expect(seen.length).toBeGreaterThan(30);
    expect(webhookSecret.length).toBeGreaterThan(8);
    for (const secret of secrets()) {
      expect(everything.includes(secret), `a secret starting ${secret.slice(0, 6)}… leaked`).toBe(false);
    }
  });
});
