import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { FakeApiEvent } from '../src/index';
import { call, useStandInPerTest } from './support/api';

const standIn = useStandInPerTest();

function captureEvents(): FakeApiEvent[] {
  const events: FakeApiEvent[] = [];
  standIn.fake.api.onEvent((event) => events.push(event));
  return events;
}

describe('stand-in webhooks as Chatwoot v4.15.1 delivers them', () => {
  // app/models/concerns/webhook_secretable.rb: has_secure_token :secret (24 base58 characters).
  it('gives every webhook a has_secure_token secret and sends X-Chatwoot-Delivery with the signature', async () => {
    const received: http.IncomingHttpHeaders[] = [];
    const receiver = http.createServer((req, res) => {
      received.push(req.headers);
      req.resume().on('end', () => res.end('ok'));
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = receiver.address() as AddressInfo;
      const hook = await call(standIn.fake, 'POST', `${standIn.base}/webhooks`, {
        body: { url: `http://127.0.0.1:${port}/hooks`, subscriptions: ['contact_created'] },
      });
      expect(hook.body.payload.webhook.secret).toMatch(/^[1-9A-HJ-NP-Za-km-z]{24}$/);
      await call(standIn.fake, 'POST', `${standIn.base}/contacts`, { body: { name: 'Ada', email: 'ada@example.test' } });
      await standIn.fake.api.settleDeliveries();
      expect(received).toHaveLength(1);
      const [delivery] = standIn.fake.api.deliveries();
      expect(received[0]!['x-chatwoot-delivery']).toBe(delivery!.result!.deliveryId);
      expect(received[0]!['x-chatwoot-delivery']).toMatch(/^[0-9a-f-]{36}$/);
      expect(received[0]!['x-chatwoot-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    } finally {
      receiver.closeAllConnections();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  // app/models/message.rb#update_contact_activity → Contact dispatch_update_event with previous_changes.
  it('follows every message a contact sends with contact_updated (last_activity_at, updated_at)', async () => {
    const events = captureEvents();
    const { contactId, conversationId } = standIn.fake.api.recordVisitorMessage({ websiteToken: 'site-1', visitorId: 1, content: 'Hi' });
    const updated = events.filter((event) => event.event === 'contact_updated');
    expect(events.map((event) => event.event)).toEqual(['contact_created', 'conversation_created', 'message_created', 'contact_updated']);
    expect(updated[0]!.payload).toMatchObject({ id: contactId, account: { id: standIn.fake.api.accountId } });
    const changes = updated[0]!.payload.changed_attributes as Array<Record<string, { previous_value: unknown; current_value: unknown }>>;
    expect(changes.map((change) => Object.keys(change)[0])).toEqual(['last_activity_at', 'updated_at']);
    expect(changes[0]!.last_activity_at).toEqual({ previous_value: null, current_value: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) });
    expect(standIn.fake.api.contacts().find((contact) => contact.id === contactId)!.last_activity_at).toEqual(expect.any(Number));

    // An agent's reply is not the contact's activity.
    events.length = 0;
    await call(standIn.fake, 'POST', `${standIn.base}/conversations/${conversationId}/messages`, { body: { content: 'Hello!' } });
    expect(events.map((event) => event.event)).toEqual(['message_created']);
  });

  // app/presenters/conversations/event_data_presenter.rb#webhook_push_messages: `chat` scope, no private notes.
  it('leaves private notes out of the webhook conversation.messages', async () => {
    const events = captureEvents();
    const { conversationId } = standIn.fake.api.recordVisitorMessage({ websiteToken: 'site-1', visitorId: 1, content: 'Where is it?' });
    await call(standIn.fake, 'POST', `${standIn.base}/conversations/${conversationId}/messages`, {
      body: { content: 'internal: check the courier', private: true },
    });
    const note = events.filter((event) => event.event === 'message_created').at(-1)!.payload;
    expect(note).toMatchObject({ private: true, content: 'internal: check the courier' });
    const conversation = note.conversation as { messages: Array<Record<string, unknown>>; waiting_since: unknown };
    expect(conversation.messages.map((message) => message.content)).toEqual(['Where is it?']);
    expect(conversation.messages[0]).toMatchObject({ message_type: 0, private: false, conversation: { contact_inbox: { source_id: expect.any(String) } } });
    expect(conversation.waiting_since).toBe(0);
  });

  // app/presenters/conversations/event_data_presenter.rb#push_data renders `snoozed_until` (a datetime) as JSON does:
  // ISO 8601, the same form as the REST answers; changed_attributes hold the Time values too.
  it('writes snoozed_until as an ISO datetime in the payload and in changed_attributes', async () => {
    const events = captureEvents();
    const { conversationId } = standIn.fake.api.recordVisitorMessage({ websiteToken: 'site-1', visitorId: 1, content: 'Later' });
    await call(standIn.fake, 'POST', `${standIn.base}/conversations/${conversationId}/toggle_status`, {
      body: { status: 'snoozed', snoozed_until: 2_000_000_000 },
    });
    const updated = events.filter((event) => event.event === 'conversation_updated').at(-1)!.payload;
    expect(updated.snoozed_until).toBe('2033-05-18T03:33:20.000Z');
    const changes = updated.changed_attributes as Array<Record<string, { previous_value: unknown; current_value: unknown }>>;
    expect(changes.find((change) => 'snoozed_until' in change)).toEqual({
      snoozed_until: { previous_value: null, current_value: '2033-05-18T03:33:20.000Z' },
    });
  });

  describe('inbox events', () => {
    const channelBody = { name: 'Bots', channel: { type: 'api', webhook_url: 'http://127.0.0.1:9/bot' } };

    // app/models/inbox.rb: dispatch_create_event returns early unless ENABLE_INBOX_EVENTS is set.
    it('sends none by default, as Chatwoot without ENABLE_INBOX_EVENTS', async () => {
      const events = captureEvents();
      const created = await call(standIn.fake, 'POST', `${standIn.base}/inboxes`, { body: channelBody });
      expect(created.status).toBe(200);
      await call(standIn.fake, 'PATCH', `${standIn.base}/inboxes/${created.body.id}`, { body: { name: 'Renamed' } });
      expect(events).toEqual([]);
      expect(standIn.fake.api.inboxes().find((inbox) => inbox.id === created.body.id)?.name).toBe('Renamed');
    });

    // app/presenters/inbox/event_data_presenter.rb and app/listeners/webhook_listener.rb (inbox_created/_updated).
    it('with inboxEvents: settings + channel + account, no id; inbox_updated lists changes and is skipped without any', async () => {
      standIn.fake.api.configure({ inboxEvents: true });
      const events = captureEvents();
      const created = await call(standIn.fake, 'POST', `${standIn.base}/inboxes`, { body: channelBody });
      expect(events.map((event) => event.event)).toEqual(['inbox_created']);
      const payload = events[0]!.payload;
      expect(payload).not.toHaveProperty('id');
      expect(payload).not.toHaveProperty('name');
      expect(payload).toMatchObject({
        event: 'inbox_created',
        greeting_enabled: false,
        enable_auto_assignment: true,
        timezone: 'UTC',
        account: { id: standIn.fake.api.accountId, name: 'Acme' },
        channel: { id: expect.any(Number), webhook_url: 'http://127.0.0.1:9/bot', secret: expect.stringMatching(/^[1-9A-HJ-NP-Za-km-z]{24}$/) },
        created_at: expect.stringMatching(/Z$/),
      });
      expect(payload.working_hours).toHaveLength(7);

      events.length = 0;
      await call(standIn.fake, 'PATCH', `${standIn.base}/inboxes/${created.body.id}`, { body: { greeting_enabled: true } });
      await call(standIn.fake, 'PATCH', `${standIn.base}/inboxes/${created.body.id}`, { body: { greeting_enabled: true } });
      expect(events.map((event) => event.event)).toEqual(['inbox_updated']);
      const changes = events[0]!.payload.changed_attributes as Array<Record<string, unknown>>;
      expect(changes.map((change) => Object.keys(change)[0])).toEqual(['greeting_enabled', 'updated_at']);
      expect(changes[0]).toEqual({ greeting_enabled: { previous_value: false, current_value: true } });
      expect(events[0]!.payload).toMatchObject({ greeting_enabled: true, channel: payload.channel });
    });

    it('refuses an inbox without a name or with an unknown channel type', async () => {
      const noName = await call(standIn.fake, 'POST', `${standIn.base}/inboxes`, { body: { channel: { type: 'api' } } });
      const badType = await call(standIn.fake, 'POST', `${standIn.base}/inboxes`, { body: { name: 'X', channel: { type: 'fax' } } });
      expect([noName.status, badType.status]).toEqual([422, 422]);
      expect(standIn.fake.api.inboxes()).toEqual([]);
    });
  });
});
