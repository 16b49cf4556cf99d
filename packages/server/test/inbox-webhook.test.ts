import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkInboxWebhook,
  createChatwootClient,
  ensureInboxWebhook,
  InboxWebhookError,
  verifyWebhook,
  type ChatwootClient,
} from '../src/index';
import { runCli } from './support/run-cli';

let fake: FakeChatwoot;
let client: ChatwootClient;
let env: Record<string, string>;
let apiInbox: { id: number; secret: string };
let whatsappInboxId: number;
const servers: http.Server[] = [];

beforeEach(async () => {
  fake = await startFakeChatwoot();
  client = createChatwootClient({ baseUrl: fake.url, apiAccessToken: fake.api.tokens.admin, accountId: fake.api.accountId });
  const created = await client.request<{ id: number; secret: string }>({
    method: 'POST',
    path: `accounts/${fake.api.accountId}/inboxes`,
    json: { name: 'Evolution', channel: { type: 'api' } },
  });
  apiInbox = { id: created.id, secret: created.secret };
  whatsappInboxId = fake.api.seed({ inboxes: [{ name: 'WhatsApp Cloud', channel_type: 'Channel::Whatsapp', phone_number: '+15550001111' }] }).inboxes[0]!.id;
  env = {
    CHATWOOT_BASE_URL: fake.url,
    CHATWOOT_API_ACCESS_TOKEN: fake.api.tokens.admin,
    CHATWOOT_ACCOUNT_ID: String(fake.api.accountId),
  };
});

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await fake.close();
});

/** A relay (Evolution API's place) on 127.0.0.1 answering `status`, verifying each delivery with `secret`. */
async function startRelay(status: number, secret: () => string): Promise<{ url: string; verified: string[] }> {
  const verified: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        const event = verifyWebhook(Buffer.concat(chunks), req.headers, { secret: secret() });
        verified.push(event.event);
        res.statusCode = status;
      } catch {
        res.statusCode = 401;
      }
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/chatwoot/webhook/shop`, verified };
}

describe('ensureInboxWebhook', () => {
  it('sets the URL, is idempotent, and Chatwoot then posts the inbox events there', async () => {
    const relay = await startRelay(200, () => apiInbox.secret);
    const first = await ensureInboxWebhook(client, { inboxId: apiInbox.id, url: relay.url });
    expect(first).toMatchObject({ changed: true, previousUrl: null, inbox: { webhook_url: relay.url } });
    const again = await ensureInboxWebhook(client, { inboxId: apiInbox.id, url: relay.url });
    expect(again).toMatchObject({ changed: false, previousUrl: relay.url });

    const contact = await client.contacts.create({ name: 'Ada', email: 'ada@example.test' });
    const conversation = await client.conversations.create({ inbox_id: apiInbox.id, contact_id: contact.contact.id });
    await client.messages.create(conversation.id, { content: 'Your order shipped' });
    await fake.api.settleDeliveries();
    expect([...relay.verified].sort()).toEqual(['conversation_created', 'message_created']);
  });

  it('dry run changes nothing', async () => {
    const result = await ensureInboxWebhook(client, { inboxId: apiInbox.id, url: 'https://relay.example.test/hook', dryRun: true });
    expect(result).toMatchObject({ changed: true, dryRun: true, previousUrl: null });
    expect((await client.inboxes.get(apiInbox.id)).webhook_url).toBeNull();
  });

  it('refuses a missing inbox, another channel type and a bad URL with typed errors, changing nothing', async () => {
    const refused = async (options: Parameters<typeof ensureInboxWebhook>[1]) => {
      const error = await ensureInboxWebhook(client, options).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InboxWebhookError);
      return error as InboxWebhookError;
    };
    expect((await refused({ inboxId: 999, url: 'https://relay.example.test/hook' })).code).toBe('inbox_not_found');
    const wrongType = await refused({ inboxId: whatsappInboxId, url: 'https://relay.example.test/hook' });
    expect(wrongType.code).toBe('not_api_inbox');
    expect(wrongType.message).toContain('Channel::Whatsapp');
    expect((await refused({ inboxId: apiInbox.id, url: 'relay.example.test/hook' })).code).toBe('invalid_url');
    expect((await refused({ inboxId: apiInbox.id, url: 'ftp://relay.example.test/hook' })).code).toBe('invalid_url');
    expect((await refused({ inboxId: apiInbox.id, url: 'http://relay.example.test/hook', requireHttps: true })).code).toBe('invalid_url');
    expect((await client.inboxes.get(apiInbox.id)).webhook_url).toBeNull();
  });
});

describe('checkInboxWebhook', () => {
  it('passes when the URL accepts a test delivery signed with the inbox secret', async () => {
    const relay = await startRelay(200, () => apiInbox.secret);
    await ensureInboxWebhook(client, { inboxId: apiInbox.id, url: relay.url });
    const checks = await checkInboxWebhook(client, { inboxId: apiInbox.id });
    expect(checks.map((check) => [check.check, check.ok])).toEqual([
      ['api_inbox', true],
      ['webhook_url', true],
      ['test_delivery', true],
    ]);
    expect(relay.verified).toEqual(['conversation_typing_off']);
    expect(JSON.stringify(checks)).not.toContain(apiInbox.secret);
  });

  it('fails each way with a fix: no URL, a 5xx answer, a wrong secret, no answer, not an API inbox', async () => {
    const noUrl = await checkInboxWebhook(client, { inboxId: apiInbox.id });
    expect(noUrl.map((check) => check.ok)).toEqual([true, false, 'skip']);
    expect(noUrl[1]!.fix).toContain(`wootkit inbox-webhook ensure --inbox ${apiInbox.id}`);

    const failing = await startRelay(500, () => apiInbox.secret);
    await ensureInboxWebhook(client, { inboxId: apiInbox.id, url: failing.url });
    const fiveHundred = await checkInboxWebhook(client, { inboxId: apiInbox.id });
    expect(fiveHundred[2]).toMatchObject({ ok: false, detail: expect.stringContaining('HTTP 500'), fix: expect.stringContaining('failed') });

    const wrongSecret = await startRelay(200, () => 'not-the-inbox-secret');
    await ensureInboxWebhook(client, { inboxId: apiInbox.id, url: wrongSecret.url });
    expect((await checkInboxWebhook(client, { inboxId: apiInbox.id }))[2]).toMatchObject({ ok: false, detail: expect.stringContaining('HTTP 401') });

    await ensureInboxWebhook(client, { inboxId: apiInbox.id, url: 'http://127.0.0.1:9/nobody' });
    expect((await checkInboxWebhook(client, { inboxId: apiInbox.id, timeoutMs: 2000 }))[2]).toMatchObject({ ok: false, detail: expect.stringContaining('no answer') });

    const other = await checkInboxWebhook(client, { inboxId: whatsappInboxId });
    expect(other.map((check) => check.ok)).toEqual([false, 'skip', 'skip']);
  });

  it("says an agent's token cannot see the secret instead of sending an unsigned test", async () => {
    await ensureInboxWebhook(client, { inboxId: apiInbox.id, url: 'https://relay.example.test/hook' });
    const agent = createChatwootClient({ baseUrl: fake.url, apiAccessToken: fake.api.tokens.agent, accountId: fake.api.accountId });
    const checks = await checkInboxWebhook(agent, { inboxId: apiInbox.id });
    expect(checks[2]).toMatchObject({ ok: false, fix: expect.stringContaining('administrator') });
  });
});

describe('wootkit inbox-webhook ensure and doctor --inbox', () => {
  it('ensure sets, then reports up to date; doctor --inbox passes against a working relay', async () => {
    const relay = await startRelay(200, () => apiInbox.secret);
    const set = await runCli(['inbox-webhook', 'ensure', '--inbox', String(apiInbox.id), '--url', relay.url], { env });
    expect(set).toMatchObject({ code: 0, stdout: `Inbox ${apiInbox.id} (Evolution): webhook URL changed from (none) to ${relay.url}\n` });
    const again = await runCli(['inbox-webhook', 'ensure', '--inbox', String(apiInbox.id), '--url', relay.url], { env });
    expect(again.stdout).toContain('is up to date');

    const doctor = await runCli(['doctor', '--inbox', String(apiInbox.id)], { env });
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toContain(`✓ Inbox ${apiInbox.id} (Evolution): API channel`);
    expect(doctor.stdout).toContain(`✓ Test delivery to ${relay.url}: accepted (HTTP 200)`);
    expect(doctor.stdout).not.toContain(apiInbox.secret);
  });

  it('each bad input is one line and a non-zero exit, and nothing changes', async () => {
    const cases: Array<[string[], number, string]> = [
      [['inbox-webhook', 'ensure', '--inbox', '999', '--url', 'https://relay.example.test/h'], 1, 'Inbox 999 does not exist'],
      [['inbox-webhook', 'ensure', '--inbox', String(whatsappInboxId), '--url', 'https://relay.example.test/h'], 1, 'only API inboxes'],
      [['inbox-webhook', 'ensure', '--inbox', String(apiInbox.id), '--url', 'http://relay.example.test/h', '--require-https'], 2, 'must be https'],
      [['inbox-webhook', 'ensure', '--inbox', 'x', '--url', 'https://relay.example.test/h'], 2, '--inbox must be a positive integer'],
      [['inbox-webhook', 'ensure', '--url', 'https://relay.example.test/h'], 2, 'Missing --inbox'],
      [['inbox-webhook', 'fix'], 2, 'Unknown inbox-webhook action'],
    ];
    for (const [args, code, text] of cases) {
      const run = await runCli(args, { env });
      expect(run.code, args.join(' ')).toBe(code);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(run.stderr).toContain(text);
    }
    expect((await client.inboxes.get(apiInbox.id)).webhook_url).toBeNull();

    const failing = await startRelay(503, () => apiInbox.secret);
    await ensureInboxWebhook(client, { inboxId: apiInbox.id, url: failing.url });
    const doctor = await runCli(['doctor', '--inbox', String(apiInbox.id)], { env });
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain(`✗ Test delivery to ${failing.url}: HTTP 503`);
    expect(doctor.stdout).toContain('    fix: ');
  });
});
