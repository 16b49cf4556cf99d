import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { createNodeWebhookHandler, parseWebhookEvent, type NodeWebhookHandler, type WebhookEvent } from '../src/index';

/**
 * End to end: the Chatwoot stand-in's REST API fires domain events, delivers them signed (Rails JSON) to an account
 * webhook, and our Node handler verifies and types them. Also checks that the stand-in's payloads have the shapes
 * parseWebhookEvent expects (the stand-in and the parser keep each other honest).
 */
describe('webhooks from the Chatwoot stand-in to createNodeWebhookHandler', () => {
  let chatwoot: FakeChatwoot;
  let receiver: http.Server;
  let handler: NodeWebhookHandler | undefined;
  const received: WebhookEvent[] = [];
  let api: (method: string, path: string, body?: unknown) => Promise<any>;

  beforeAll(async () => {
    chatwoot = await startFakeChatwoot();
    receiver = http.createServer((req, res) => {
      if (handler) return void handler(req, res);
      res.writeHead(503).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const base = `${chatwoot.url}/api/v1/accounts/${chatwoot.api.accountId}`;
    api = async (method, path, body) => {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { api_access_token: chatwoot.api.tokens.admin, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${await response.text()}`);
      return response.json();
    };
  });

  afterAll(async () => {
    receiver?.closeAllConnections();
    await new Promise<void>((resolve) => receiver?.close(() => resolve()));
    await chatwoot?.close();
  });

  it('receives verified, typed contact, conversation and message events', async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/chatwoot`;
    const created = await api('POST', '/webhooks', {
      url,
      subscriptions: ['contact_created', 'conversation_created', 'conversation_status_changed', 'message_created'],
    });
    const secret = chatwoot.api.webhooks().find((webhook) => webhook.id === created.payload.webhook.id)!.secret;
    expect(secret).toBeTruthy();
    handler = createNodeWebhookHandler({
      secret,
      on: {
        contact_created: (event) => void received.push(event),
        conversation_created: (event) => void received.push(event),
        conversation_status_changed: (event) => void received.push(event),
        message_created: (event) => void received.push(event),
      },
    });

    const inbox = chatwoot.api.seed({ inboxes: [{ name: 'API inbox', channel_type: 'Channel::Api' }] }).inboxes[0]!;
    const contact = await api('POST', '/contacts', { name: 'Tom <Admin> & Co', email: 'tom@example.com', inbox_id: inbox.id });
    const contactId: number = contact.payload.contact.id;
    const conversation = await api('POST', '/conversations', { inbox_id: inbox.id, contact_id: contactId });
    await api('POST', `/conversations/${conversation.id}/messages`, { content: 'Total <b>42</b> & más', message_type: 'outgoing' });
    await api('POST', `/conversations/${conversation.id}/toggle_status`, { status: 'resolved' });
    await chatwoot.api.settleDeliveries();

    const deliveries = chatwoot.api.deliveries().filter((delivery) => delivery.url === url);
    expect(deliveries.length).toBeGreaterThanOrEqual(4);
    for (const delivery of deliveries) {
      expect(delivery.result).toMatchObject({ ok: true, status: 200 });
      expect(delivery.result!.body).not.toMatch(/[<>&]/); // Rails escaping on the wire
    }

    const byName = (name: string) => received.filter((event) => event.event === name);
    const contactEvent = byName('contact_created')[0];
    if (contactEvent?.event !== 'contact_created') throw new Error('no contact_created');
    expect(contactEvent).toMatchObject({ id: contactId, name: 'Tom <Admin> & Co' });

    const conversationEvent = byName('conversation_created')[0];
    if (conversationEvent?.event !== 'conversation_created') throw new Error('no conversation_created');
    expect(conversationEvent.id).toBe(conversation.id);
    expect(conversationEvent.meta.sender.id).toBe(contactId);
    expect(Number.isInteger(conversationEvent.created_at)).toBe(true);

    const message = byName('message_created').find((event) => event.event === 'message_created' && event.message_type === 'outgoing');
    if (message?.event !== 'message_created') throw new Error('no outgoing message_created');
    expect(message.content).toBe('Total <b>42</b> & más');
    expect(message.conversation.id).toBe(conversation.id);

    const status = byName('conversation_status_changed')[0];
    if (status?.event !== 'conversation_status_changed') throw new Error('no conversation_status_changed');
    expect(status.status).toBe('resolved');

    // Every payload the stand-in produced parses as its own event type, not as `unknown`.
    for (const delivery of deliveries) expect(parseWebhookEvent(delivery.result!.body).event).toBe(delivery.event);
  });
});
