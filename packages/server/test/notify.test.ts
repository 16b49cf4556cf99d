import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createChatwootClient,
  findOrCreateConversation,
  InvalidNotificationError,
  notify,
  postMessage,
  type ChatwootClient,
  type TemplateParams,
} from '../src/index';

// The client's default budget (2,500 requests/min) would make these tests wait on its own limiter.
const FAST = { rateLimit: { requestsPerMinute: 60_000 } };

let fake: FakeChatwoot;
let client: ChatwootClient;
let whatsapp: number;
let api: number;

beforeEach(async () => {
  fake = await startFakeChatwoot();
  client = createChatwootClient({ baseUrl: fake.url, apiAccessToken: fake.api.tokens.admin, accountId: fake.api.accountId, ...FAST });
  const { inboxes } = fake.api.seed({
    inboxes: [
      { name: 'WhatsApp', channel_type: 'Channel::Whatsapp', phone_number: '+15550001111' },
      { name: 'Back office', channel_type: 'Channel::Api' },
    ],
  });
  whatsapp = inboxes[0]!.id;
  api = inboxes[1]!.id;
});
afterEach(async () => {
  await fake.close();
});

const reminder: TemplateParams = {
  name: 'appointment_reminder',
  category: 'UTILITY',
  language: 'es_MX',
  processed_params: { body: { '1': 'Ana', '2': 'mañana 10:00' } },
};

describe('notify', () => {
  it('creates the contact, its WhatsApp contact inbox and a conversation, then posts the outgoing message', async () => {
    const result = await notify(client, { to: { phone: '+52 1 55 1234 5678', name: 'Ana' }, inboxId: whatsapp, content: 'Hola Ana' });

    expect(result.created).toEqual({ contact: true, conversation: true });
    const [contact] = fake.api.contacts();
    expect(contact).toMatchObject({ id: result.contactId, name: 'Ana', phone_number: '+525512345678' });
    // WhatsApp addresses the contact by its number without "+".
    expect(fake.api.contactInboxes(contact!.id)).toEqual([
      expect.objectContaining({ inboxId: whatsapp, source_id: '525512345678' }),
    ]);
    const [conversation] = fake.api.conversations();
    expect(conversation).toMatchObject({ display_id: result.conversationId, inboxId: whatsapp, status: 'open' });
    expect(fake.api.messages(result.conversationId)).toEqual([
      expect.objectContaining({ id: result.messageId, content: 'Hola Ana', message_type: 1, private: false }),
    ]);
  });

  it('reuses the open conversation, and starts a new one once it is resolved', async () => {
    const first = await notify(client, { to: { phone: '+14155550123' }, inboxId: api, content: 'Ticket #1 received' });
    const second = await notify(client, { to: { phone: '+1 415 555 0123' }, inboxId: api, content: 'Ticket #1 updated' });
    expect(second).toMatchObject({ contactId: first.contactId, conversationId: first.conversationId });
    expect(second.created).toEqual({ contact: false, conversation: false });
    expect(fake.api.messages(first.conversationId).map((message) => message.content)).toEqual([
      'Ticket #1 received',
      'Ticket #1 updated',
    ]);

    await client.conversations.toggleStatus(first.conversationId, 'resolved');
    const third = await notify(client, { to: { contactId: first.contactId }, inboxId: api, content: 'Ticket #2 received' });
    expect(third.created).toEqual({ contact: false, conversation: true });
    expect(third.conversationId).not.toBe(first.conversationId);
    expect(fake.api.conversations()).toHaveLength(2);
    // The contact already had a contact inbox for this inbox: it was reused, not duplicated.
    expect(fake.api.contactInboxes(first.contactId)).toHaveLength(1);
  });

  it('does not reuse a conversation of another inbox', async () => {
    const onApi = await notify(client, { to: { email: 'ana@example.com' }, inboxId: api, content: 'via API' });
    await client.contacts.update(onApi.contactId, { phone_number: '+14155550199' });
    const onWhatsapp = await notify(client, { to: { email: 'ANA@example.com' }, inboxId: whatsapp, content: 'via WhatsApp' });
    expect(onWhatsapp.contactId).toBe(onApi.contactId);
    expect(onWhatsapp.created.conversation).toBe(true);
    expect(onWhatsapp.conversationId).not.toBe(onApi.conversationId);
  });

  it('sends a WhatsApp template as template_params', async () => {
    const result = await notify(client, {
      to: { phone: '+5215512345678' },
      inboxId: whatsapp,
      content: 'Hola Ana, tu cita es mañana 10:00',
      template: reminder,
    });
    const [message] = fake.api.messages(result.conversationId);
    expect(message).toMatchObject({ template_params: reminder, content: 'Hola Ana, tu cita es mañana 10:00' });
    const [request] = fake.api.requests({ method: 'POST', path: /\/messages$/ });
    expect(request!.body).toMatchObject({ message_type: 'outgoing', template_params: reminder });
  });

  it('sets conversation attributes on a new conversation and merges them into a reused one', async () => {
    const first = await notify(client, { to: { identifier: 'crm-1' }, inboxId: api, content: 'a', attributes: { order: 'A-1' } });
    expect(fake.api.conversations()[0]!.custom_attributes).toEqual({ order: 'A-1' });
    await notify(client, { to: { identifier: 'crm-1' }, inboxId: api, content: 'b', attributes: { ticket: 'T-9' } });
    expect(fake.api.conversations()[0]!.custom_attributes).toEqual({ order: 'A-1', ticket: 'T-9' });
    // Same attributes again: no request to change them.
    fake.api.clearRequests();
    await notify(client, { to: { identifier: 'crm-1' }, inboxId: api, content: 'c', attributes: { ticket: 'T-9' } });
    expect(fake.api.requests({ path: /custom_attributes/ })).toHaveLength(0);
    expect(fake.api.conversations()).toHaveLength(1);
    expect(first.created.conversation).toBe(true);
  });

  it('posts a private note when asked', async () => {
    const result = await notify(client, { to: { email: 'note@example.com' }, inboxId: api, content: 'internal', private: true });
    expect(fake.api.messages(result.conversationId)[0]).toMatchObject({ private: true, content: 'internal' });
  });

  it('rejects bad input with a typed error before creating anything', async () => {
    fake.api.clearRequests();
    await expect(notify(client, { to: { phone: '+14155550123' }, inboxId: api })).rejects.toBeInstanceOf(
      InvalidNotificationError,
    );
    await expect(notify(client, { to: {} as never, inboxId: api, content: 'x' })).rejects.toMatchObject({
      code: 'invalid_notification',
      field: 'to',
    });
    await expect(notify(client, { to: { email: 'a@example.com' }, inboxId: 0, content: 'x' })).rejects.toMatchObject({
      code: 'invalid_notification',
      field: 'inboxId',
    });
    await expect(notify(client, { to: { phone: '+12' }, inboxId: api, content: 'x' })).rejects.toMatchObject({
      code: 'invalid_phone',
    });
    expect(fake.api.requests()).toHaveLength(0);
    expect(fake.api.contacts()).toHaveLength(0);
  });

  it('surfaces a missing contact id as Chatwoot’s 404', async () => {
    await expect(notify(client, { to: { contactId: 999 }, inboxId: api, content: 'x' })).rejects.toMatchObject({
      code: 'api_error',
      status: 404,
    });
  });
});

describe('the separate steps (for the outbox)', () => {
  it('findOrCreateConversation then postMessage give the same result as notify', async () => {
    const contact = (await client.contacts.create({ email: 'steps@example.com' })).contact;
    const { conversation, created } = await findOrCreateConversation(client, { contactId: contact.id, inboxId: api });
    expect(created).toBe(true);
    const again = await findOrCreateConversation(client, { contactId: contact.id, inboxId: api });
    expect(again).toMatchObject({ created: false, conversation: { id: conversation.id } });

    const message = await postMessage(client, conversation.id, { content: 'step by step', echoId: 'outbox-1' });
    expect(message).toMatchObject({ content: 'step by step', echo_id: 'outbox-1', message_type: 1 });
    // The outbox settles an ambiguous send by reading the recent messages back.
    const { payload } = await client.messages.list(conversation.id);
    expect(payload.map((item) => item.id)).toContain(message.id);
  });
});
