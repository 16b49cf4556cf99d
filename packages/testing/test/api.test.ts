import { describe, expect, it } from 'vitest';
import { call, useStandInPerTest } from './support/api';

const standIn = useStandInPerTest();

describe('REST API stand-in: authentication and errors', () => {
  it('answers a missing token, a bad token and a bot on contacts with Chatwoot’s 401 bodies', async () => {
    expect(await call(standIn.fake, 'GET', `${standIn.base}/contacts`, { token: null })).toMatchObject({
      status: 401,
      body: { errors: ['You need to sign in or sign up before continuing.'] },
    });
    expect(await call(standIn.fake, 'GET', `${standIn.base}/contacts`, { token: 'nope' })).toMatchObject({
      status: 401,
      body: { error: 'Invalid Access Token' },
    });
    expect(await call(standIn.fake, 'GET', `${standIn.base}/contacts`, { token: standIn.fake.api.tokens.bot })).toMatchObject({
      status: 401,
      body: { error: 'Access to this endpoint is not authorized for bots' },
    });
    expect((await call(standIn.fake, 'GET', '/api/v1/profile', { token: standIn.fake.api.tokens.bot })).status).toBe(401);
  });

  it('returns the token’s user with its accounts from /profile', async () => {
    const { status, body } = await call(standIn.fake, 'GET', '/api/v1/profile', { token: standIn.fake.api.tokens.agent });
    expect(status).toBe(200);
    expect(body).toMatchObject({ email: 'agent@example.test', accounts: [{ id: standIn.fake.api.accountId, role: 'agent' }] });
  });

  it('keeps agents out of account webhooks (401, not 403) and other accounts out entirely', async () => {
    expect(await call(standIn.fake, 'GET', `${standIn.base}/webhooks`, { token: standIn.fake.api.tokens.agent })).toMatchObject({
      status: 401,
      body: { error: 'You are not authorized to do this action' },
    });
    standIn.fake.api.seed({ accounts: [{ id: 99 }] });
    expect((await call(standIn.fake, 'GET', '/api/v1/accounts/99/contacts')).status).toBe(401);
    expect(await call(standIn.fake, 'GET', '/api/v1/accounts/12345/contacts')).toMatchObject({
      status: 404,
      body: { error: 'Resource could not be found' },
    });
  });

  it('answers an unknown record with 404 and Chatwoot’s body', async () => {
    expect(await call(standIn.fake, 'GET', `${standIn.base}/contacts/424242`)).toMatchObject({
      status: 404,
      body: { error: 'Resource could not be found' },
    });
    expect((await call(standIn.fake, 'GET', `${standIn.base}/conversations/77`)).status).toBe(404);
  });
});

describe('REST API stand-in: contacts', () => {
  it('creates a contact with its contact inbox and rejects duplicates with 422 without the existing id', async () => {
    const [inbox] = standIn.fake.api.seed({ inboxes: [{ name: 'API', channel_type: 'Channel::Api' }] }).inboxes;
    const created = await call(standIn.fake, 'POST', `${standIn.base}/contacts`, {
      body: { name: 'Ana', email: 'Ana@Example.com', phone_number: '+5215512345678', inbox_id: inbox!.id },
    });
    expect(created.status).toBe(200);
    expect(created.body.payload.contact).toMatchObject({ name: 'Ana', email: 'ana@example.com', phone_number: '+5215512345678' });
    expect(created.body.payload.contact_inbox).toMatchObject({ inbox: { id: inbox!.id }, source_id: expect.any(String) });

    const duplicate = await call(standIn.fake, 'POST', `${standIn.base}/contacts`, { body: { email: 'ANA@example.com' } });
    expect(duplicate.status).toBe(422);
    expect(duplicate.body).toEqual({ message: 'Email has already been taken', attributes: ['email'] });
    expect(duplicate.text).not.toContain(String(created.body.payload.contact.id));

    const both = await call(standIn.fake, 'POST', `${standIn.base}/contacts`, {
      body: { email: 'ana@example.com', phone_number: '+5215512345678' },
    });
    expect(both.body).toEqual({
      message: 'Email has already been taken, Phone number has already been taken',
      attributes: ['email', 'phone_number'],
    });
  });

  it('requires E.164 phone numbers', async () => {
    const { status, body } = await call(standIn.fake, 'POST', `${standIn.base}/contacts`, { body: { phone_number: '55 1234 5678' } });
    expect(status).toBe(422);
    expect(body).toEqual({ message: 'Phone number should be in e164 format', attributes: ['phone_number'] });
    expect((await call(standIn.fake, 'POST', `${standIn.base}/contacts`, { body: { phone_number: '+0123' } })).status).toBe(422);
  });

  it('filters exactly: email and identifier case-insensitively, phone exactly, AND before OR', async () => {
    standIn.fake.api.seed({
      contacts: [
        { name: 'A', email: 'a@x.test', identifier: 'CUST-1', phone_number: '+15550000001' },
        { name: 'B', email: 'ab@x.test', identifier: 'cust-2', phone_number: '+15550000002' },
      ],
    });
    const filter = (payload: unknown) => call(standIn.fake, 'POST', `${standIn.base}/contacts/filter`, { body: { payload } });
    const byEmail = await filter([{ attribute_key: 'email', filter_operator: 'equal_to', values: ['A@X.TEST'], query_operator: null }]);
    expect(byEmail.body.meta).toEqual({ count: 1, current_page: 1 });
    expect(byEmail.body.payload.map((c: any) => c.name)).toEqual(['A']);
    const byIdentifier = await filter([{ attribute_key: 'identifier', filter_operator: 'equal_to', values: ['cust-1'], query_operator: null }]);
    expect(byIdentifier.body.payload.map((c: any) => c.name)).toEqual(['A']);
    const byPhone = await filter([{ attribute_key: 'phone_number', filter_operator: 'equal_to', values: ['+1555000000'], query_operator: null }]);
    expect(byPhone.body.payload).toEqual([]);
    const either = await filter([
      { attribute_key: 'phone_number', filter_operator: 'equal_to', values: ['+15550000002'], query_operator: 'OR' },
      { attribute_key: 'email', filter_operator: 'equal_to', values: ['a@x.test'], query_operator: null },
    ]);
    expect(either.body.payload.map((c: any) => c.name).sort()).toEqual(['A', 'B']);
    // A payload that is not an array crashes Chatwoot's service (`payload.each`): a 500, not a 422.
    expect((await filter('nope')).status).toBe(500);
  });

  it('searches by substring (ILIKE) with + sent as %2B, and pages contacts 15 at a time', async () => {
    standIn.fake.api.seed({
      contacts: Array.from({ length: 32 }, (_, index) => ({
        name: `Person ${index}`,
        phone_number: `+5255000000${String(index).padStart(2, '0')}`,
      })),
    });
    const search = await call(standIn.fake, 'GET', `${standIn.base}/contacts/search?q=${encodeURIComponent('+525500000001')}`);
    expect(search.body.payload.map((c: any) => c.phone_number)).toEqual(['+525500000001']);
    // A bare `+` in a query string is a space to Rails, and the search strips q: the digits alone still match.
    const unencoded = await call(standIn.fake, 'GET', `${standIn.base}/contacts/search?q=+525500000001`);
    expect(unencoded.body.payload.map((c: any) => c.phone_number)).toEqual(['+525500000001']);
    const loose = await call(standIn.fake, 'GET', `${standIn.base}/contacts/search?q=person%201`);
    expect(loose.body.meta.count).toBe(11); // Person 1, 10..19
    expect(loose.body.meta.has_more).toBe(false);
    const page1 = await call(standIn.fake, 'GET', `${standIn.base}/contacts?page=1`);
    const page3 = await call(standIn.fake, 'GET', `${standIn.base}/contacts?page=3`);
    expect(page1.body.payload).toHaveLength(15);
    expect(page3.body.payload).toHaveLength(2);
    expect(page1.body.meta).toEqual({ count: 32, current_page: 1 });
  });

  it('lists only identified contacts (email, phone or identifier), as Chatwoot’s resolved contacts', async () => {
    standIn.fake.api.seed({ contacts: [{ name: 'anonymous visitor' }, { name: 'Known', email: 'k@x.test' }] });
    const list = await call(standIn.fake, 'GET', `${standIn.base}/contacts`);
    expect(list.body.payload.map((c: any) => c.name)).toEqual(['Known']);
  });

  it('merges custom attributes on update and emits contact_updated with changed_attributes', async () => {
    const [contact] = standIn.fake.api.seed({ contacts: [{ email: 'm@x.test', custom_attributes: { plan: 'free', seats: 1 } }] }).contacts;
    const events: any[] = [];
    standIn.fake.api.onEvent((event) => events.push(event));
    const updated = await call(standIn.fake, 'PATCH', `${standIn.base}/contacts/${contact!.id}`, { body: { custom_attributes: { plan: 'pro' } } });
    expect(updated.body.payload.custom_attributes).toEqual({ plan: 'pro', seats: 1 });
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({
      event: 'contact_updated',
      id: contact!.id,
      changed_attributes: [{ custom_attributes: { previous_value: { plan: 'free', seats: 1 }, current_value: { plan: 'pro', seats: 1 } } }],
    });
    await call(standIn.fake, 'PATCH', `${standIn.base}/contacts/${contact!.id}`, { body: { custom_attributes: { plan: 'pro' } } });
    expect(events).toHaveLength(1);
  });
});

describe('REST API stand-in: conversations and messages', () => {
  async function start(options: { lock?: boolean } = {}) {
    const { inboxes, contacts } = standIn.fake.api.seed({
      inboxes: [{ name: 'WhatsApp', channel_type: 'Channel::Whatsapp', phone_number: '+15551230000', lock_to_single_conversation: options.lock }],
      contacts: [{ name: 'Wa', phone_number: '+5215512345678' }],
    });
    const created = await call(standIn.fake, 'POST', `${standIn.base}/conversations`, {
      body: { inbox_id: inboxes[0]!.id, contact_id: contacts[0]!.id, message: { content: 'Hi' } },
    });
    return { inbox: inboxes[0]!, contact: contacts[0]!, conversation: created.body };
  }

  it('numbers conversations per account (display_id) and addresses them by it', async () => {
    const { conversation, contact } = await start();
    expect(conversation.id).toBe(1);
    expect(conversation.meta.sender).toMatchObject({ id: contact.id, type: 'contact' });
    expect(standIn.fake.api.contactInboxes(contact.id)[0]!.source_id).toBe('5215512345678');
    standIn.fake.api.seed({ accounts: [{ id: 2 }], accountId: 2, agents: [{ name: 'Two', email: 'two@x.test', role: 'administrator', access_token: 'two-token' }], inboxes: [{ name: 'Two API' }], contacts: [{ email: 'c2@x.test' }] });
    const other = await call(standIn.fake, 'POST', '/api/v1/accounts/2/conversations', {
      token: 'two-token',
      body: { inbox_id: standIn.fake.api.inboxes(2)[0]!.id, contact_id: standIn.fake.api.contacts(2)[0]!.id },
    });
    expect(other.body.id).toBe(1);
    expect(standIn.fake.api.conversations(2)[0]!.id).not.toBe(standIn.fake.api.conversations()[0]!.id);
  });

  it('hands back the existing conversation in an inbox locked to a single conversation', async () => {
    const { inbox, contact, conversation } = await start({ lock: true });
    const again = await call(standIn.fake, 'POST', `${standIn.base}/conversations`, { body: { inbox_id: inbox.id, contact_id: contact.id } });
    expect(again.body.id).toBe(conversation.id);
  });

  it('toggles status, assigns, replaces labels and custom attributes, emitting status_changed/updated', async () => {
    const { conversation } = await start();
    const events: string[] = [];
    standIn.fake.api.onEvent((event) => events.push(event.event));
    const toggled = await call(standIn.fake, 'POST', `${standIn.base}/conversations/${conversation.id}/toggle_status`, { body: { status: 'resolved' } });
    expect(toggled.body).toEqual({ meta: {}, payload: { success: true, conversation_id: conversation.id, current_status: 'resolved', snoozed_until: null } });
    expect(events).toEqual(['conversation_status_changed', 'conversation_updated']);
    const agentId = (await call(standIn.fake, 'GET', `${standIn.base}/agents`)).body[1].id;
    const assigned = await call(standIn.fake, 'POST', `${standIn.base}/conversations/${conversation.id}/assignments`, { body: { assignee_id: agentId } });
    expect(assigned.body).toMatchObject({ id: agentId, availability_status: 'online', role: 'agent' });
    await call(standIn.fake, 'POST', `${standIn.base}/conversations/${conversation.id}/labels`, { body: { labels: ['a', 'b'] } });
    const labels = await call(standIn.fake, 'POST', `${standIn.base}/conversations/${conversation.id}/labels`, { body: { labels: ['c'] } });
    expect(labels.body).toEqual({ payload: ['c'] });
    await call(standIn.fake, 'POST', `${standIn.base}/conversations/${conversation.id}/custom_attributes`, { body: { custom_attributes: { a: 1, b: 2 } } });
    const attributes = await call(standIn.fake, 'POST', `${standIn.base}/conversations/${conversation.id}/custom_attributes`, { body: { custom_attributes: { c: 3 } } });
    expect(attributes.body).toEqual({ custom_attributes: { c: 3 } });
    const list = await call(standIn.fake, 'GET', `${standIn.base}/conversations?status=resolved&assignee_type=assigned`);
    expect(list.body.data.meta).toEqual({ mine_count: 0, assigned_count: 1, unassigned_count: 0, all_count: 1 });
    expect(list.body.data.payload[0]).toMatchObject({ id: conversation.id, labels: ['c'], custom_attributes: { c: 3 } });
  });

  it('pages conversations 25 at a time and messages 20 at a time with before', async () => {
    const { inbox, contact, conversation } = await start();
    for (let index = 0; index < 29; index++) {
      await call(standIn.fake, 'POST', `${standIn.base}/conversations`, { body: { inbox_id: inbox.id, contact_id: contact.id } });
    }
    const first = await call(standIn.fake, 'GET', `${standIn.base}/conversations?page=1`);
    const second = await call(standIn.fake, 'GET', `${standIn.base}/conversations?page=2`);
    expect([first.body.data.payload.length, second.body.data.payload.length]).toEqual([25, 5]);
    for (let index = 0; index < 44; index++) {
      await call(standIn.fake, 'POST', `${standIn.base}/conversations/${conversation.id}/messages`, { body: { content: `m${index}` } });
    }
    const latest = await call(standIn.fake, 'GET', `${standIn.base}/conversations/${conversation.id}/messages`);
    expect(latest.body.payload).toHaveLength(20);
    expect(latest.body.payload.at(-1).content).toBe('m43');
    const older = await call(standIn.fake, 'GET', `${standIn.base}/conversations/${conversation.id}/messages?before=${latest.body.payload[0].id}`);
    expect(older.body.payload.map((m: any) => m.content)).toEqual(Array.from({ length: 20 }, (_, i) => `m${i + 4}`));
    const oldest = await call(standIn.fake, 'GET', `${standIn.base}/conversations/${conversation.id}/messages?before=${older.body.payload[0].id}`);
    expect(oldest.body.payload.map((m: any) => m.content)).toEqual(['Hi', 'm0', 'm1', 'm2', 'm3']);
  });

  it('creates WhatsApp template messages, echoes echo_id without storing it, integer message_type in REST', async () => {
    const { conversation } = await start();
    const template = { name: 'reminder', category: 'UTILITY', language: 'en_US', processed_params: { body: { '1': 'Ana' } } };
    const first = await call(standIn.fake, 'POST', `${standIn.base}/conversations/${conversation.id}/messages`, {
      body: { content: 'Reminder for Ana', template_params: template, echo_id: 'e-1' },
    });
    expect(first.body).toMatchObject({ message_type: 1, echo_id: 'e-1', conversation_id: conversation.id });
    const again = await call(standIn.fake, 'POST', `${standIn.base}/conversations/${conversation.id}/messages`, {
      body: { content: 'Reminder for Ana', template_params: template, echo_id: 'e-1' },
    });
    expect(again.body.id).not.toBe(first.body.id);
    expect(standIn.fake.api.messages(conversation.id).map((m) => m.template_params)).toEqual([null, template, template]);
    const incoming = await call(standIn.fake, 'POST', `${standIn.base}/conversations/${conversation.id}/messages`, {
      body: { content: 'x', message_type: 'incoming' },
    });
    expect(incoming).toMatchObject({ status: 422, body: { error: 'Incoming messages are only allowed in Api inboxes' } });
  });

  it('reports the first message inside conversation_created, and a bad first message creates nothing', async () => {
    const events: any[] = [];
    standIn.fake.api.onEvent((event) => events.push(event));
    await start();
    expect(events[0].payload.messages).toMatchObject([{ content: 'Hi', message_type: 1 }]);
    const [contact] = standIn.fake.api.contacts();
    const rejected = await call(standIn.fake, 'POST', `${standIn.base}/conversations`, {
      body: { inbox_id: standIn.fake.api.inboxes()[0]!.id, contact_id: contact!.id, message: { content: 'x', message_type: 'incoming' } },
    });
    // conversations#create does not rescue the builder's StandardError: Rails' 500 (see api-conversations.test.ts).
    expect(rejected).toMatchObject({ status: 500, body: { status: 500, error: 'Internal Server Error' } });
    expect(standIn.fake.api.conversations()).toHaveLength(1);
    expect(events).toHaveLength(2);
  });

  it('emits message_created with the webhook shape (string message_type, ISO created_at)', async () => {
    const events: any[] = [];
    standIn.fake.api.onEvent((event) => events.push(event));
    const { conversation } = await start();
    expect(events.map((e) => e.event)).toEqual(['conversation_created', 'message_created']);
    const message = events[1].payload;
    expect(message).toMatchObject({
      event: 'message_created',
      message_type: 'outgoing',
      content: 'Hi',
      private: false,
      inbox: { name: 'WhatsApp' },
      account: { id: standIn.fake.api.accountId },
      conversation: { id: conversation.id, channel: 'Channel::Whatsapp', contact_inbox: { source_id: '5215512345678' } },
      sender: { type: 'user' },
    });
    expect(new Date(message.created_at).toISOString()).toBe(message.created_at);
    expect(events[0].payload).toMatchObject({ event: 'conversation_created', id: conversation.id, created_at: expect.any(Number), status: 'open' });
  });
});

describe('REST API stand-in: webhooks, rate limits and injected failures', () => {
  it('manages account webhooks: unique URL, valid events, payload wrapping', async () => {
    const created = await call(standIn.fake, 'POST', `${standIn.base}/webhooks`, {
      body: { url: 'http://127.0.0.1:9/hook', name: 'crm', subscriptions: ['message_created'] },
    });
    expect(created.body.payload.webhook).toMatchObject({ url: 'http://127.0.0.1:9/hook', subscriptions: ['message_created'], secret: expect.any(String) });
    const duplicate = await call(standIn.fake, 'POST', `${standIn.base}/webhooks`, { body: { url: 'http://127.0.0.1:9/hook', subscriptions: [] } });
    expect(duplicate.body).toEqual({ message: 'Url has already been taken', attributes: ['url'] });
    const bad = await call(standIn.fake, 'POST', `${standIn.base}/webhooks`, { body: { url: 'http://127.0.0.1:9/x', subscriptions: ['nope'] } });
    expect(bad.status).toBe(422);
    const id = created.body.payload.webhook.id;
    const updated = await call(standIn.fake, 'PATCH', `${standIn.base}/webhooks/${id}`, { body: { subscriptions: ['contact_created'] } });
    expect(updated.body.payload.webhook.subscriptions).toEqual(['contact_created']);
    expect((await call(standIn.fake, 'GET', `${standIn.base}/webhooks`)).body.payload.webhooks).toHaveLength(1);
    expect((await call(standIn.fake, 'DELETE', `${standIn.base}/webhooks/${id}`)).status).toBe(200);
    expect((await call(standIn.fake, 'GET', `${standIn.base}/webhooks`)).body).toEqual({ payload: { webhooks: [] } });
  });

  it('throttles over the per-minute limit with a text/plain "Retry later" and no Retry-After', async () => {
    standIn.fake.api.configure({ rateLimit: { perMinute: 3, searchPerMinute: 1 } });
    const statuses = [];
    for (let index = 0; index < 4; index++) statuses.push((await call(standIn.fake, 'GET', `${standIn.base}/agents`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const throttled = await call(standIn.fake, 'GET', `${standIn.base}/agents`);
    expect(throttled.text).toBe('Retry later\n');
    expect(throttled.headers.get('content-type')).toBe('text/plain');
    expect(throttled.headers.get('retry-after')).toBeNull();
    standIn.fake.api.configure({ rateLimit: { perMinute: 100, searchPerMinute: 1 } });
  });

  it('throttles contact search per account separately', async () => {
    const clock = { now: 60_000 * 1000 };
    await standIn.restart({ api: { rateLimit: { searchPerMinute: 2 }, now: () => clock.now } });
    const search = async () => (await call(standIn.fake, 'GET', `${standIn.base}/contacts/search?q=a`)).status;
    expect([await search(), await search(), await search()]).toEqual([200, 200, 429]);
    expect((await call(standIn.fake, 'GET', `${standIn.base}/contacts`)).status).toBe(200);
    clock.now += 60_000;
    expect(await search()).toBe(200);
  });

  it('injects 500, 429, dropped connections and timeouts by route, a limited number of times', async () => {
    standIn.fake.api.configure({
      faults: [
        { kind: '500', route: 'GET /api/v1/accounts/1/agents', times: 1 },
        { kind: '429', route: /inboxes$/, times: 1 },
        { kind: 'drop', route: 'GET /api/v1/profile', times: 1 },
      ],
    });
    const failed = await call(standIn.fake, 'GET', `${standIn.base}/agents`);
    expect(failed.status).toBe(500);
    // Rails' PublicExceptions body for a JSON request.
    expect(JSON.parse(failed.text)).toEqual({ status: 500, error: 'Internal Server Error' });
    expect((await call(standIn.fake, 'GET', `${standIn.base}/agents`)).status).toBe(200);
    expect((await call(standIn.fake, 'GET', `${standIn.base}/inboxes`)).text).toBe('Retry later\n');
    await expect(call(standIn.fake, 'GET', '/api/v1/profile')).rejects.toThrow();
    expect((await call(standIn.fake, 'GET', '/api/v1/profile')).status).toBe(200);
    standIn.fake.api.configure({ faults: [{ kind: 'timeout', route: 'GET /api/v1/profile' }], timeoutHoldMs: 5000 });
    const started = Date.now();
    await expect(
      fetch(`${standIn.fake.url}/api/v1/profile`, { headers: { api_access_token: standIn.fake.api.tokens.admin }, signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(standIn.fake.api.requests({ path: '/profile' }).map((r) => r.fault ?? null)).toEqual(['drop', null, 'timeout']);
  });

  it('fails a share of requests given by `rate`, drawn from the injected random source', async () => {
    const draws = [0.1, 0.9, 0.4, 0.6];
    let index = 0;
    standIn.fake.api.configure({ faults: [{ kind: '500', rate: 0.5 }], random: () => draws[index++ % draws.length]! });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(standIn.fake, 'GET', `${standIn.base}/agents`)).status);
    expect(statuses).toEqual([500, 200, 500, 200]);
  });

  it('can process a request and then lose the answer (phase "after"), as when a create times out', async () => {
    standIn.fake.api.configure({ faults: [{ kind: 'drop', route: 'POST /api/v1/accounts/1/contacts', phase: 'after', times: 1 }] });
    await expect(call(standIn.fake, 'POST', `${standIn.base}/contacts`, { body: { email: 'lost@x.test' } })).rejects.toThrow();
    expect(standIn.fake.api.contacts().map((c) => c.email)).toEqual(['lost@x.test']);
  });

  it('adds configured latency to each answer', async () => {
    standIn.fake.api.configure({ latency: 120 });
    const started = Date.now();
    await call(standIn.fake, 'GET', `${standIn.base}/agents`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('logs requests without headers and records which seeded token was used', async () => {
    await call(standIn.fake, 'POST', `${standIn.base}/contacts/filter`, {
      token: standIn.fake.api.tokens.agent,
      body: { payload: [{ attribute_key: 'email', filter_operator: 'equal_to', values: ['x@y.z'], query_operator: null }] },
    });
    const [entry] = standIn.fake.api.requests({ method: 'POST', path: '/contacts/filter' });
    expect(entry).toMatchObject({ auth: 'agent', status: 200, body: { payload: [{ attribute_key: 'email' }] } });
    expect(JSON.stringify(standIn.fake.api.requests())).not.toContain(standIn.fake.api.tokens.agent);
  });

  it('records a widget visitor’s message as contact, conversation and incoming message', async () => {
    const events: string[] = [];
    standIn.fake.api.onEvent((event) => events.push(event.event));
    const first = standIn.fake.api.recordVisitorMessage({ websiteToken: 'site-1', visitorId: 7, content: 'Hello?' });
    const second = standIn.fake.api.recordVisitorMessage({ websiteToken: 'site-1', visitorId: 7, content: 'Anyone?' });
    expect(second.conversationId).toBe(first.conversationId);
    expect(standIn.fake.api.messages(first.conversationId).map((m) => [m.message_type, m.content])).toEqual([
      [0, 'Hello?'],
      [0, 'Anyone?'],
    ]);
    // Each incoming message also touches the contact's last_activity_at: a contact_updated (Message#update_contact_activity).
    expect(events).toEqual([
      'contact_created',
      'conversation_created',
      'message_created',
      'contact_updated',
      'message_created',
      'contact_updated',
    ]);
  });
});

describe('REST API stand-in: wiring inside startFakeChatwoot', () => {
  it('turns a message typed in the widget stand-in into API records and a signed webhook delivery', async () => {
    const received: Array<{ headers: Record<string, unknown>; body: string }> = [];
    const http = await import('node:http');
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
    try {
      const port = (receiver.address() as { port: number }).port;
      const hook = await call(standIn.fake, 'POST', `${standIn.base}/webhooks`, {
        body: { url: `http://127.0.0.1:${port}/hooks`, subscriptions: ['message_created'] },
      });
      const page = await (await fetch(`${standIn.fake.url}/widget?website_token=site-42`)).text();
      const boot = JSON.parse(/id="fake-widget-boot">([^<]*)<\/script>/.exec(page)![1]!);
      const typed = await fetch(`${standIn.fake.url}/__fake/widget/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ session: boot.session, content: 'Is my order <late> & lost?' }),
      });
      expect(typed.status).toBe(201);
      const [conversation] = standIn.fake.api.conversations();
      expect(standIn.fake.api.inboxes().find((inbox) => inbox.id === conversation!.inboxId)?.website_token).toBe('site-42');
      expect(standIn.fake.api.messages(conversation!.display_id).map((m) => [m.message_type, m.content])).toEqual([
        [0, 'Is my order <late> & lost?'],
      ]);
      await standIn.fake.api.settleDeliveries();
      expect(received).toHaveLength(1);
      const [delivery] = received;
      expect(delivery!.body).toContain('\\u003clate\\u003e \\u0026 lost?');
      expect(JSON.parse(delivery!.body)).toMatchObject({ event: 'message_created', message_type: 'incoming', sender: { id: conversation!.contactId } });
      expect(delivery!.headers['x-chatwoot-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(standIn.fake.api.deliveries()).toMatchObject([{ webhookId: hook.body.payload.webhook.id, event: 'message_created', result: { ok: true, status: 200 } }]);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it('never dials a webhook URL outside this machine', async () => {
    await call(standIn.fake, 'POST', `${standIn.base}/webhooks`, { body: { url: 'https://example.com/hook', subscriptions: ['contact_created'] } });
    await call(standIn.fake, 'POST', `${standIn.base}/contacts`, { body: { email: 'far@x.test' } });
    await standIn.fake.api.settleDeliveries();
    expect(standIn.fake.api.deliveries()).toMatchObject([{ event: 'contact_created', result: null, skipped: 'not a loopback URL' }]);
  });
});
