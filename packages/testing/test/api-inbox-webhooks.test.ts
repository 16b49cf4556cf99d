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

/** A webhook receiver on 127.0.0.1 that answers each delivery with `status` (200 unless a test changes it). */
let receiver: http.Server;
let received: Received[];
let answerStatus: number;
let receiverUrl: string;

beforeEach(async () => {
  received = [];
  answerStatus = 200;
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = answerStatus;
      res.end(answerStatus === 200 ? 'ok' : 'Internal Server Error');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/evolution`;
});

afterEach(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

async function apiInboxWithConversation(webhookUrl: string | null) {
  const inbox = await call(standIn.fake, 'POST', `${standIn.base}/inboxes`, {
    body: { name: 'Shop API', channel: { type: 'api', ...(webhookUrl ? { webhook_url: webhookUrl } : {}) } },
  });
  const contact = await call(standIn.fake, 'POST', `${standIn.base}/contacts`, { body: { name: 'Ada', email: 'ada@example.test' } });
  const conversation = await call(standIn.fake, 'POST', `${standIn.base}/conversations`, {
    body: { inbox_id: inbox.body.id, contact_id: contact.body.payload.contact.id },
  });
  return { inbox: inbox.body, conversationId: conversation.body.id as number };
}

// Chatwoot v4.15.1, app/listeners/webhook_listener.rb (deliver_api_inbox_webhooks) and lib/webhooks/trigger.rb.
describe('API inbox webhooks (Channel::Api webhook_url)', () => {
  it("sends the inbox's conversation and message events to its webhook_url, each signed with the channel's secret", async () => {
    const { inbox, conversationId } = await apiInboxWithConversation(receiverUrl);
    expect(inbox).toMatchObject({ webhook_url: receiverUrl, secret: expect.stringMatching(/^[1-9A-HJ-NP-Za-km-z]{24}$/) });
    await call(standIn.fake, 'POST', `${standIn.base}/conversations/${conversationId}/messages`, { body: { content: 'Your order shipped' } });
    await standIn.fake.api.settleDeliveries();

    // No account webhook is registered: these come from the inbox alone, with no subscription list.
    expect(received.map((delivery) => JSON.parse(delivery.body).event).sort()).toEqual(['conversation_created', 'message_created']);
    for (const delivery of received) {
      const timestamp = String(delivery.headers['x-chatwoot-timestamp']);
      const expected = createHmac('sha256', inbox.secret).update(`${timestamp}.${delivery.body}`).digest('hex');
      expect(delivery.headers['x-chatwoot-signature']).toBe(`sha256=${expected}`);
      expect(delivery.headers['x-chatwoot-delivery']).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(new Set(received.map((delivery) => delivery.headers['x-chatwoot-delivery'])).size).toBe(2);
    expect(standIn.fake.api.deliveries().map((delivery) => delivery.target)).toEqual(['api_inbox', 'api_inbox']);
  });

  it('sends nothing for an API inbox without a webhook_url, and starts once PATCH sets one (no inbox_updated)', async () => {
    standIn.fake.api.configure({ inboxEvents: true });
    const { inbox, conversationId } = await apiInboxWithConversation(null);
    await standIn.fake.api.settleDeliveries();
    expect(standIn.fake.api.deliveries()).toEqual([]);

    const events: string[] = [];
    standIn.fake.api.onEvent((event) => events.push(event.event));
    const patched = await call(standIn.fake, 'PATCH', `${standIn.base}/inboxes/${inbox.id}`, { body: { channel: { webhook_url: receiverUrl } } });
    expect(patched.body.webhook_url).toBe(receiverUrl);
    expect(events).toEqual([]); // the channel is another model: the inbox itself did not change

    await call(standIn.fake, 'POST', `${standIn.base}/conversations/${conversationId}/messages`, { body: { content: 'Hello' } });
    await standIn.fake.api.settleDeliveries();
    expect(received.map((delivery) => JSON.parse(delivery.body).event)).toEqual(['message_created']);
  });

  it('marks a message failed, with the answer in external_error, when its delivery to the inbox webhook fails', async () => {
    const { conversationId } = await apiInboxWithConversation(receiverUrl);
    answerStatus = 500;
    const posted = await call(standIn.fake, 'POST', `${standIn.base}/conversations/${conversationId}/messages`, { body: { content: 'Reminder' } });
    expect(posted.body.status).toBe('sent');
    await standIn.fake.api.settleDeliveries();

    // Never retried (an API inbox webhook is not an agent bot's).
    expect(received.map((delivery) => JSON.parse(delivery.body).event).sort()).toEqual(['conversation_created', 'message_created']);
    const listed = await call(standIn.fake, 'GET', `${standIn.base}/conversations/${conversationId}/messages`);
    const message = listed.body.payload.find((item: { id: number }) => item.id === posted.body.id);
    expect(message).toMatchObject({ status: 'failed', content_attributes: { external_error: '500 Internal Server Error' } });
  });

  it("shows the channel's secret and hmac_token to administrators only", async () => {
    const { inbox } = await apiInboxWithConversation(receiverUrl);
    const asAdmin = await call(standIn.fake, 'GET', `${standIn.base}/inboxes/${inbox.id}`);
    const asAgent = await call(standIn.fake, 'GET', `${standIn.base}/inboxes/${inbox.id}`, { token: standIn.fake.api.tokens.agent });
    expect(asAdmin.body).toMatchObject({ secret: inbox.secret, hmac_token: expect.any(String), webhook_url: receiverUrl });
    expect(asAgent.body).toMatchObject({ webhook_url: receiverUrl, inbox_identifier: expect.any(String) });
    expect(asAgent.body).not.toHaveProperty('secret');
    expect(asAgent.body).not.toHaveProperty('hmac_token');
  });
});
