import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChatwootClient, type ChatwootClient, type Contact, type Message } from '../src/index';

let fake: FakeChatwoot;
let client: ChatwootClient;

beforeEach(async () => {
  fake = await startFakeChatwoot();
  client = createChatwootClient({
    baseUrl: fake.url,
    apiAccessToken: fake.api.tokens.admin,
    accountId: fake.api.accountId,
    rateLimit: false,
  });
});
afterEach(async () => {
  await fake.close();
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('createChatwootClient: profile, inboxes, agents', () => {
  it('reads the token’s profile', async () => {
    const profile = await client.profile.get();
    expect(profile).toMatchObject({ email: 'admin@example.test', accounts: [{ id: fake.api.accountId, role: 'administrator' }] });
  });

  it('lists and gets inboxes and lists agents with availability', async () => {
    const [seeded] = fake.api.seed({ inboxes: [{ name: 'WhatsApp', channel_type: 'Channel::Whatsapp' }] }).inboxes;
    const inboxes = await client.inboxes.list();
    expect(inboxes.map((inbox) => inbox.name)).toEqual(['WhatsApp']);
    expect(await client.inboxes.get(seeded!.id)).toMatchObject({ id: seeded!.id, channel_type: 'Channel::Whatsapp' });
    const agents = await client.agents.list();
    expect(agents.map((agent) => [agent.email, agent.role, agent.availability_status])).toEqual([
      ['admin@example.test', 'administrator', 'online'],
      ['agent@example.test', 'agent', 'online'],
    ]);
  });

  it('rejects a bad accountId or missing options at creation, before any request', () => {
    const invalid = (option: string) => expect.objectContaining({ name: 'ChatwootInputError', code: 'invalid_option', option });
    expect(() => createChatwootClient({ baseUrl: fake.url, apiAccessToken: 't', accountId: 0 })).toThrow(invalid('accountId'));
    expect(() => createChatwootClient({ baseUrl: '', apiAccessToken: 't', accountId: 1 })).toThrow(invalid('baseUrl'));
    expect(() => createChatwootClient({ baseUrl: fake.url, apiAccessToken: '', accountId: 1 })).toThrow(invalid('apiAccessToken'));
    expect(fake.api.requests()).toEqual([]);
  });

  it('keeps clients independent: each has its own token and account', async () => {
    fake.api.seed({ accounts: [{ id: 7, name: 'Other' }], accountId: 7, agents: [{ name: 'O', email: 'o@x.test', role: 'administrator', access_token: 'other-token' }], contacts: [{ email: 'only-in-7@x.test' }] });
    const other = createChatwootClient({ baseUrl: fake.url, apiAccessToken: 'other-token', accountId: 7, rateLimit: false });
    expect((await other.contacts.list()).payload.map((c) => c.email)).toEqual(['only-in-7@x.test']);
    expect((await client.contacts.list()).payload).toEqual([]);
    expect(fake.api.requests().map((r) => r.auth)).toEqual(['o@x.test', 'admin']);
  });
});

describe('createChatwootClient: contacts', () => {
  it('creates, gets, updates (merging custom attributes) and links a contact to an inbox', async () => {
    const [inbox, api] = fake.api.seed({
      inboxes: [{ name: 'WhatsApp', channel_type: 'Channel::Whatsapp' }, { name: 'API' }],
    }).inboxes;
    const created = await client.contacts.create({
      name: 'Ana',
      email: 'ana@example.com',
      phone_number: '+5215512345678',
      custom_attributes: { plan: 'free', seats: 2 },
      inbox_id: inbox!.id,
    });
    expect(created.contact).toMatchObject({ name: 'Ana', email: 'ana@example.com' });
    expect(created.contact_inbox).toMatchObject({ source_id: '5215512345678', inbox: { id: inbox!.id } });
    const id = created.contact.id;
    expect(await client.contacts.get(id)).toMatchObject({ id, phone_number: '+5215512345678' });
    const updated = await client.contacts.update(id, { custom_attributes: { plan: 'pro' } });
    expect(updated.custom_attributes).toEqual({ plan: 'pro', seats: 2 });
    const link = await client.contacts.createContactInbox(id, { inbox_id: api!.id, source_id: 'crm-ana' });
    expect(link).toMatchObject({ source_id: 'crm-ana', inbox: { id: api!.id, name: 'API' } });
    expect(fake.api.contactInboxes(id).map((l) => l.source_id)).toEqual(['5215512345678', 'crm-ana']);
  });

  it('lists a page of 15 and iterates every contact lazily across pages', async () => {
    fake.api.seed({ contacts: Array.from({ length: 37 }, (_, i) => ({ name: `C${i}`, email: `c${i}@x.test` })) });
    const first = await client.contacts.list({ page: 1 });
    expect(first.payload).toHaveLength(15);
    expect((await client.contacts.list(3)).payload.map((c) => c.email)).toEqual(['c30@x.test', 'c31@x.test', 'c32@x.test', 'c33@x.test', 'c34@x.test', 'c35@x.test', 'c36@x.test']);
    expect(first.meta.count).toBe(37);
    fake.api.clearRequests();
    const all = await collect(client.contacts.iterate());
    expect(all.map((c) => c.email)).toEqual(Array.from({ length: 37 }, (_, i) => `c${i}@x.test`));
    expect(fake.api.requests().map((r) => r.query.page)).toEqual(['1', '2', '3']);
  });

  it('stops iterating early without fetching further pages', async () => {
    fake.api.seed({ contacts: Array.from({ length: 40 }, (_, i) => ({ email: `e${i}@x.test` })) });
    const seen: Contact[] = [];
    for await (const contact of client.contacts.iterate()) {
      seen.push(contact);
      if (seen.length === 3) break;
    }
    expect(fake.api.requests()).toHaveLength(1);
  });

  it('searches with + encoded as %2B so phone numbers are found', async () => {
    fake.api.seed({ contacts: [{ name: 'Mx', phone_number: '+5215512345678' }, { name: 'Other', phone_number: '+15550001111' }] });
    const result = await client.contacts.search('+52155');
    expect(result.payload.map((c) => c.name)).toEqual(['Mx']);
    expect(fake.api.requests({ path: '/search' })[0]!.query.q).toBe('+52155');
  });

  it('filters exactly by email (case-insensitive) and phone', async () => {
    fake.api.seed({ contacts: [{ name: 'A', email: 'a@x.test', phone_number: '+15550000001' }, { name: 'AB', email: 'ab@x.test' }] });
    const byEmail = await client.contacts.filter([
      { attribute_key: 'email', filter_operator: 'equal_to', values: ['A@X.TEST'], query_operator: null },
    ]);
    expect(byEmail.payload.map((c) => c.name)).toEqual(['A']);
    const byPhone = await client.contacts.filter([
      { attribute_key: 'phone_number', filter_operator: 'equal_to', values: ['+15550000001'], query_operator: null },
    ]);
    expect(byPhone.meta.count).toBe(1);
  });

  it('lists a contact’s conversations', async () => {
    const { inboxes, contacts } = fake.api.seed({ inboxes: [{ name: 'API' }], contacts: [{ email: 'k@x.test' }] });
    const conversation = await client.conversations.create({ inbox_id: inboxes[0]!.id, contact_id: contacts[0]!.id });
    const conversations = await client.contacts.conversations(contacts[0]!.id);
    expect(conversations.map((c) => c.id)).toEqual([conversation.id]);
  });
});

describe('createChatwootClient: conversations and messages', () => {
  async function setup() {
    const { inboxes, contacts } = fake.api.seed({
      inboxes: [{ name: 'WhatsApp', channel_type: 'Channel::Whatsapp' }],
      contacts: [{ name: 'Wa', phone_number: '+5215512345678' }],
    });
    return { inbox: inboxes[0]!, contact: contacts[0]! };
  }

  it('creates a conversation with a first WhatsApp template message and reads it back by display_id', async () => {
    const { inbox, contact } = await setup();
    const template_params = { name: 'appointment', category: 'UTILITY', language: 'es_MX', processed_params: { body: { '1': 'Wa' } } };
    const conversation = await client.conversations.create({
      inbox_id: inbox.id,
      contact_id: contact.id,
      message: { content: 'Tu cita es mañana', template_params },
    });
    expect(conversation).toMatchObject({ id: 1, inbox_id: inbox.id, status: 'open' });
    expect(await client.conversations.get(conversation.id)).toMatchObject({ id: 1, meta: { sender: { id: contact.id } } });
    expect(fake.api.messages(1)[0]).toMatchObject({ content: 'Tu cita es mañana', template_params });
  });

  it('toggles status, assigns an agent or a team, replaces labels and custom attributes', async () => {
    const { inbox, contact } = await setup();
    fake.api.seed({ teams: [{ id: 5, name: 'Billing' }] });
    const { id } = await client.conversations.create({ inbox_id: inbox.id, contact_id: contact.id });
    expect(await client.conversations.toggleStatus(id, 'snoozed', { snoozedUntil: 2_000_000_000 })).toMatchObject({
      success: true,
      current_status: 'snoozed',
      conversation_id: id,
    });
    const agents = await client.agents.list();
    expect(await client.conversations.assign(id, { assignee_id: agents[1]!.id })).toMatchObject({ id: agents[1]!.id });
    expect(await client.conversations.assign(id, { team_id: 5 })).toEqual({ id: 5, name: 'Billing' });
    await client.conversations.setLabels(id, ['vip', 'late']);
    expect(await client.conversations.setLabels(id, ['late'])).toEqual(['late']);
    await client.conversations.setCustomAttributes(id, { order: 'A1', total: 10 });
    expect(await client.conversations.setCustomAttributes(id, { order: 'B2' })).toEqual({ order: 'B2' });
    expect(await client.conversations.get(id)).toMatchObject({
      status: 'snoozed',
      labels: ['late'],
      custom_attributes: { order: 'B2' },
      meta: { assignee: { id: agents[1]!.id }, team: { id: 5 } },
    });
  });

  it('lists conversations with filters and iterates every one across pages of 25', async () => {
    const { inbox, contact } = await setup();
    const [other] = fake.api.seed({ inboxes: [{ name: 'API' }] }).inboxes;
    for (let i = 0; i < 27; i++) await client.conversations.create({ inbox_id: inbox.id, contact_id: contact.id });
    await client.conversations.create({ inbox_id: other!.id, contact_id: contact.id, status: 'pending' });
    const page = await client.conversations.list({ status: 'open', inbox_id: inbox.id });
    expect(page.payload).toHaveLength(25);
    expect(page.meta.all_count).toBe(27);
    const all = await collect(client.conversations.iterate({ status: 'all' }));
    expect(new Set(all.map((c) => c.id)).size).toBe(28);
    const pending = await collect(client.conversations.iterate({ status: 'pending', assignee_type: 'unassigned' }));
    expect(pending.map((c) => c.inbox_id)).toEqual([other!.id]);
  });

  it('creates messages (echo_id echoed, private notes) and iterates history newest first with before', async () => {
    const { inbox, contact } = await setup();
    const { id } = await client.conversations.create({ inbox_id: inbox.id, contact_id: contact.id });
    const first = await client.messages.create(id, { content: 'hello', echo_id: 'client-1' });
    expect(first).toMatchObject({ content: 'hello', message_type: 1, echo_id: 'client-1', conversation_id: id });
    await client.messages.create(id, { content: 'internal', private: true });
    for (let i = 0; i < 43; i++) await client.messages.create(id, { content: `m${i}` });
    const latest = await client.messages.list(id);
    expect(latest.payload).toHaveLength(20);
    const older = await client.messages.list(id, { before: latest.payload[0]!.id });
    expect(older.payload.at(-1)!.id).toBeLessThan(latest.payload[0]!.id);
    fake.api.clearRequests();
    const history: Message[] = await collect(client.messages.iterate(id));
    expect(history.map((m) => m.content)).toEqual(
      ['hello', 'internal', ...Array.from({ length: 43 }, (_, i) => `m${i}`)].reverse(),
    );
    expect(history.find((m) => m.content === 'internal')!.private).toBe(true);
    expect(fake.api.requests().map((r) => r.query.before ?? null)).toHaveLength(4);
  });
});

describe('createChatwootClient: account webhooks', () => {
  it('creates, lists, updates and deletes webhooks', async () => {
    const created = await client.webhooks.create({ url: 'http://127.0.0.1:9/hook', name: 'crm', subscriptions: ['message_created'] });
    expect(created).toMatchObject({ url: 'http://127.0.0.1:9/hook', name: 'crm', subscriptions: ['message_created'] });
    expect((await client.webhooks.list()).map((w) => w.id)).toEqual([created.id]);
    const updated = await client.webhooks.update(created.id, { subscriptions: ['contact_created', 'contact_updated'] });
    expect(updated.subscriptions).toEqual(['contact_created', 'contact_updated']);
    await expect(client.webhooks.delete(created.id)).resolves.toBeUndefined();
    expect(await client.webhooks.list()).toEqual([]);
  });
});
