import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, useStandInPerTest } from './support/api';

const standIn = useStandInPerTest();

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** The bot's endpoint on 127.0.0.1; `answers` is consumed one status per delivery attempt (then 200). */
let receiver: http.Server;
let received: Received[];
let answers: number[];
let outgoingUrl: string;

beforeEach(async () => {
  received = [];
  answers = [];
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = answers.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  outgoingUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/bot`;
});

afterEach(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

/** The events received, sorted: each delivery is its own background job, so they may arrive in any order. */
const eventsReceived = () => received.map((delivery) => JSON.parse(delivery.body).event as string).sort();

/** A bot connected to a new API inbox, and a conversation in that inbox. */
async function botOnInbox() {
  const bot = await call(standIn.fake, 'POST', `${standIn.base}/agent_bots`, { body: { name: 'Triage', outgoing_url: outgoingUrl } });
  const inbox = await call(standIn.fake, 'POST', `${standIn.base}/inboxes`, { body: { name: 'Support API', channel: { type: 'api' } } });
  const connected = await call(standIn.fake, 'POST', `${standIn.base}/inboxes/${inbox.body.id}/set_agent_bot`, { body: { agent_bot: bot.body.id } });
  expect(connected.status).toBe(200);
  const contact = await call(standIn.fake, 'POST', `${standIn.base}/contacts`, { body: { name: 'Ada', email: 'ada@example.test' } });
  const conversation = await call(standIn.fake, 'POST', `${standIn.base}/conversations`, {
    body: { inbox_id: inbox.body.id, contact_id: contact.body.payload.contact.id },
  });
  return { bot: bot.body, inboxId: inbox.body.id as number, conversationId: conversation.body.id as number };
}

// Chatwoot v4.15.1: app/listeners/agent_bot_listener.rb, app/jobs/agent_bots/webhook_job.rb, lib/webhooks/trigger.rb.
describe('agent bot webhooks', () => {
  it("sends the inbox's bot its events, conversation_opened/_resolved included, each signed with the bot's secret", async () => {
    const { bot, conversationId } = await botOnInbox();
    expect(bot).toMatchObject({ name: 'Triage', outgoing_url: outgoingUrl, bot_type: 'webhook', secret: expect.stringMatching(/^[1-9A-HJ-NP-Za-km-z]{24}$/) });
    await call(standIn.fake, 'POST', `${standIn.base}/conversations/${conversationId}/messages`, { body: { content: 'Hello from support' } });
    await call(standIn.fake, 'POST', `${standIn.base}/conversations/${conversationId}/toggle_status`, { body: { status: 'resolved' } });
    await call(standIn.fake, 'POST', `${standIn.base}/conversations/${conversationId}/toggle_status`, { body: { status: 'open' } });
    await standIn.fake.api.settleDeliveries();

    expect(eventsReceived()).toEqual(
      [
        'message_created',
        'conversation_resolved',
        'conversation_status_changed',
        'conversation_updated',
        'conversation_opened',
        'conversation_status_changed',
        'conversation_updated',
      ].sort(),
    );
    const opened = received.map((delivery) => JSON.parse(delivery.body)).find((payload) => payload.event === 'conversation_opened');
    expect(opened).toMatchObject({ event: 'conversation_opened', id: conversationId, status: 'open', account: { id: standIn.fake.api.accountId } });
    expect(opened).not.toHaveProperty('changed_attributes');
    for (const delivery of received) {
      const timestamp = String(delivery.headers['x-chatwoot-timestamp']);
      const expected = createHmac('sha256', bot.secret).update(`${timestamp}.${delivery.body}`).digest('hex');
      expect(delivery.headers['x-chatwoot-signature']).toBe(`sha256=${expected}`);
      expect(delivery.headers['x-chatwoot-delivery']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('never sends conversation_opened or _resolved to account webhooks, and nothing to a bot without an outgoing_url', async () => {
    const { bot, conversationId } = await botOnInbox();
    await call(standIn.fake, 'PATCH', `${standIn.base}/agent_bots/${bot.id}`, { body: { outgoing_url: '' } });
    const hook = await call(standIn.fake, 'POST', `${standIn.base}/webhooks`, {
      body: { url: outgoingUrl.replace('/bot', '/account'), subscriptions: ['conversation_status_changed', 'conversation_updated'] },
    });
    expect(hook.status).toBe(200);
    await call(standIn.fake, 'POST', `${standIn.base}/conversations/${conversationId}/toggle_status`, { body: { status: 'resolved' } });
    await standIn.fake.api.settleDeliveries();
    expect(eventsReceived()).toEqual(['conversation_status_changed', 'conversation_updated']);
    expect(standIn.fake.api.deliveries().every((delivery) => delivery.target === 'account')).toBe(true);
  });

  it('retries a 429 or 500 answer up to 3 attempts with the same delivery id, and never another status', async () => {
    const { conversationId } = await botOnInbox();
    answers = [500, 429];
    await call(standIn.fake, 'POST', `${standIn.base}/conversations/${conversationId}/messages`, { body: { content: 'One' } });
    await standIn.fake.api.settleDeliveries();
    expect(eventsReceived()).toEqual(['message_created', 'message_created', 'message_created']);
    expect(new Set(received.map((delivery) => delivery.headers['x-chatwoot-delivery'])).size).toBe(1);

    received.length = 0;
    answers = [404];
    await call(standIn.fake, 'POST', `${standIn.base}/conversations/${conversationId}/messages`, { body: { content: 'Two' } });
    await standIn.fake.api.settleDeliveries();
    expect(eventsReceived()).toEqual(['message_created']);
  });

  it('shows the secret to administrators only; set_agent_bot with an unknown bot is a 404, with none it disconnects', async () => {
    const { bot, inboxId, conversationId } = await botOnInbox();
    const asAgent = await call(standIn.fake, 'GET', `${standIn.base}/agent_bots/${bot.id}`, { token: standIn.fake.api.tokens.agent });
    expect(asAgent.body).toMatchObject({ id: bot.id, name: 'Triage' });
    expect(asAgent.body).not.toHaveProperty('secret');
    const byAgent = await call(standIn.fake, 'POST', `${standIn.base}/agent_bots`, { body: { name: 'X' }, token: standIn.fake.api.tokens.agent });
    expect(byAgent.status).toBe(401);

    expect((await call(standIn.fake, 'POST', `${standIn.base}/inboxes/${inboxId}/set_agent_bot`, { body: { agent_bot: 999 } })).status).toBe(404);
    expect((await call(standIn.fake, 'POST', `${standIn.base}/inboxes/${inboxId}/set_agent_bot`, { body: { agent_bot: null } })).status).toBe(200);
    await call(standIn.fake, 'POST', `${standIn.base}/conversations/${conversationId}/messages`, { body: { content: 'Nobody listens' } });
    await standIn.fake.api.settleDeliveries();
    expect(received).toEqual([]);
  });

  it("the bot's access token works as a bot token (BOT_ACCESSIBLE_ENDPOINTS only)", async () => {
    const { bot, conversationId } = await botOnInbox();
    const shown = await call(standIn.fake, 'GET', `${standIn.base}/conversations/${conversationId}`, { token: bot.access_token });
    expect(shown.status).toBe(200);
    const listed = await call(standIn.fake, 'GET', `${standIn.base}/contacts`, { token: bot.access_token });
    expect(listed.status).toBe(401);
  });
});
