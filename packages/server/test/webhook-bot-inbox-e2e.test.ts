import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { createNodeWebhookHandler, type NodeWebhookHandler } from '../src/index';

/**
 * The deliveries that do not come from an account webhook — an agent bot's (`AgentBotListener`) and an API inbox's own
 * `webhook_url` (`deliver_api_inbox_webhooks`) — each signed with its own secret, reach the handler typed: nothing
 * refused, nothing left to `unknown`.
 */
describe('agent-bot and API-inbox deliveries from the stand-in to createNodeWebhookHandler', () => {
  let chatwoot: FakeChatwoot;
  let receiver: http.Server;
  let handler: NodeWebhookHandler | undefined;
  let url: string;
  const seen: string[] = [];
  const problems: unknown[] = [];

  async function api(method: string, path: string, body?: unknown): Promise<any> {
    const response = await fetch(`${chatwoot.url}/api/v1/accounts/${chatwoot.api.accountId}${path}`, {
      method,
      headers: { 'api-access-token': chatwoot.api.tokens.admin, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}`);
    const text = await response.text();
    return text === '' ? undefined : JSON.parse(text);
  }

  function listen(secret: string) {
    handler = createNodeWebhookHandler({
      secret,
      on: {
        conversation_opened: (event) => void seen.push(`${event.event} ${event.status}`),
        conversation_resolved: (event) => void seen.push(`${event.event} ${event.status}`),
        conversation_status_changed: (event) => void seen.push(event.event),
        conversation_updated: (event) => void seen.push(event.event),
        conversation_created: (event) => void seen.push(event.event),
        message_created: (event) => void seen.push(`${event.event} ${event.content}`),
        unknown: (event) => void problems.push(event),
      },
      onError: (error) => void problems.push(error),
    });
  }

  beforeEach(async () => {
    seen.length = 0;
    problems.length = 0;
    chatwoot = await startFakeChatwoot();
    receiver = http.createServer((req, res) => (handler ? void handler(req, res) : void res.writeHead(503).end()));
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  });

  afterEach(async () => {
    handler = undefined;
    receiver.closeAllConnections();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    await chatwoot.close();
  });

  async function conversationIn(inboxId: number): Promise<number> {
    const contact = await api('POST', '/contacts', { name: 'Ada', email: 'ada@example.test' });
    const conversation = await api('POST', '/conversations', { inbox_id: inboxId, contact_id: contact.payload.contact.id });
    return conversation.id;
  }

  it("types an agent bot's conversation_opened and conversation_resolved", async () => {
    const bot = await api('POST', '/agent_bots', { name: 'Triage', outgoing_url: url });
    const inbox = await api('POST', '/inboxes', { name: 'Bot inbox', channel: { type: 'api' } });
    await api('POST', `/inboxes/${inbox.id}/set_agent_bot`, { agent_bot: bot.id });
    listen(bot.secret);
    const conversationId = await conversationIn(inbox.id);
    await api('POST', `/conversations/${conversationId}/toggle_status`, { status: 'resolved' });
    await api('POST', `/conversations/${conversationId}/toggle_status`, { status: 'open' });
    await chatwoot.api.settleDeliveries();
    // Each delivery is its own job, so they may arrive in any order.
    expect([...seen].sort()).toEqual([
      'conversation_resolved resolved',
      'conversation_status_changed',
      'conversation_updated',
      'conversation_opened open',
      'conversation_status_changed',
      'conversation_updated',
    ].sort());
    expect(problems).toEqual([]);
  });

  it("verifies an API inbox's own deliveries with the channel's secret", async () => {
    const inbox = await api('POST', '/inboxes', { name: 'Evolution', channel: { type: 'api', webhook_url: url } });
    listen(inbox.secret);
    const conversationId = await conversationIn(inbox.id);
    await api('POST', `/conversations/${conversationId}/messages`, { content: 'Your order shipped' });
    await chatwoot.api.settleDeliveries();
    expect([...seen].sort()).toEqual(['conversation_created', 'message_created Your order shipped']);
    expect(problems).toEqual([]);
  });

  it('serves an account webhook and an API inbox webhook on one endpoint, telling them apart by named secrets', async () => {
    const inbox = await api('POST', '/inboxes', { name: 'Evolution', channel: { type: 'api', webhook_url: url } });
    const hook = await api('POST', '/webhooks', { url, subscriptions: ['message_created'] });
    const sources: string[] = [];
    handler = createNodeWebhookHandler({
      secret: { account: hook.payload.webhook.secret, evolution: inbox.secret },
      on: { message_created: (event, context) => void sources.push(`${context.source} ${event.content}`) },
      onError: (error) => void problems.push(error),
    });
    const conversationId = await conversationIn(inbox.id);
    await api('POST', `/conversations/${conversationId}/messages`, { content: 'Shipped' });
    await chatwoot.api.settleDeliveries();
    // One event, two deliveries: each signed with its own secret, so neither is taken for a replay of the other.
    expect([...sources].sort()).toEqual(['account Shipped', 'evolution Shipped']);
    expect(problems).toEqual([]);
  });
});
