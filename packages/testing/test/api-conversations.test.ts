// Conversations, messages and permissions of the REST stand-in, each pinned to Chatwoot v4.15.1 (see the README's
// "Conversations, messages and permissions" section for the files they follow).
import { describe, expect, it } from 'vitest';
import { call, useStandInPerTest } from './support/api';

const standIn = useStandInPerTest();
const template = { name: 'reminder', category: 'UTILITY', language: 'en_US', processed_params: { body: { '1': 'Ana' } } };

/** Two inboxes, an agent who is a member of the first only (with a token), a contact and a conversation in each. */
async function seedTwoInboxes() {
  const { inboxes, contacts } = standIn.fake.api.seed({
    inboxes: [{ name: 'Support', channel_type: 'Channel::Api' }, { name: 'Sales', channel_type: 'Channel::Api' }],
    contacts: [{ name: 'Ana', email: 'ana@example.test' }],
  });
  const [support, sales] = inboxes as [(typeof inboxes)[0], (typeof inboxes)[0]];
  const [agent] = standIn.fake.api.seed({
    agents: [{ name: 'Sam Support', email: 'sam@example.test', role: 'agent', access_token: 'sam-token', inboxIds: [support.id] }],
  }).agents;
  const open = async (inboxId: number, content: string) =>
    (await call(standIn.fake, 'POST', `${standIn.base}/conversations`, {
      body: { inbox_id: inboxId, contact_id: contacts[0]!.id, message: { content, message_type: 'incoming' } },
    })).body;
  return { support, sales, agent: agent!, contact: contacts[0]!, mine: await open(support.id, 'help'), theirs: await open(sales.id, 'buy') };
}

const post = (path: string, body: unknown, token?: string) => call(standIn.fake, 'POST', `${standIn.base}${path}`, { body, token });
const get = (path: string, token?: string) => call(standIn.fake, 'GET', `${standIn.base}${path}`, { token });

describe('messages: the REST view (app/views/api/v1/models/_message.json.jbuilder)', () => {
  it('has the sender object only: no sender_type, sender_id, account_id nor additional_attributes (so no template_params)', async () => {
    const { mine } = await seedTwoInboxes();
    const created = await post(`/conversations/${mine.id}/messages`, { content: 'Reminder', template_params: template, echo_id: 'e-1' });
    expect(created.status).toBe(200);
    expect(Object.keys(created.body).sort()).toEqual(
      ['content', 'content_attributes', 'content_type', 'conversation_id', 'created_at', 'echo_id', 'id', 'inbox_id',
        'message_type', 'private', 'sender', 'source_id', 'status'].sort(),
    );
    expect(created.body.sender).toMatchObject({ type: 'user', name: 'Ada Admin' });
    const listed = (await get(`/conversations/${mine.id}/messages`)).body.payload.at(-1);
    expect(listed).toEqual({ ...created.body, echo_id: undefined });
    expect('echo_id' in listed).toBe(false);
    // Stored all the same: the record keeps them, and the conversation's push_event_data shows them.
    expect(standIn.fake.api.messages(mine.id).at(-1)!.template_params).toEqual(template);
  });

  it('keeps any content_attributes as sent and answers them back', async () => {
    const { mine } = await seedTwoInboxes();
    const created = await post(`/conversations/${mine.id}/messages`, { content: 'x', content_attributes: { my_key: 'k-1', nested: { a: 1 } } });
    expect(created.body.content_attributes).toEqual({ my_key: 'k-1', nested: { a: 1 } });
    expect((await get(`/conversations/${mine.id}/messages`)).body.payload.at(-1).content_attributes).toEqual({ my_key: 'k-1', nested: { a: 1 } });
  });

  it('gives outgoing messages the token’s user or bot as sender, every other type the contact', async () => {
    const { mine, contact } = await seedTwoInboxes();
    const byBot = await post(`/conversations/${mine.id}/messages`, { content: 'bot says' }, standIn.fake.api.tokens.bot);
    expect(byBot.body.sender).toMatchObject({ type: 'agent_bot' });
    const asTemplate = await post(`/conversations/${mine.id}/messages`, { content: 'tpl', message_type: 'template' });
    expect(asTemplate.body).toMatchObject({ message_type: 3, sender: { type: 'contact', id: contact.id } });
  });
});

describe('messages: create errors (messages_controller.rb rescues StandardError into 422 { error })', () => {
  it('answers validation failures as "Validation failed: …" and other errors with their message', async () => {
    const { mine } = await seedTwoInboxes();
    expect(await post(`/conversations/${mine.id}/messages`, { content: 'x'.repeat(150_001) })).toMatchObject({
      status: 422,
      body: { error: 'Validation failed: Content is too long (maximum is 150000 characters)' },
    });
    expect(await post(`/conversations/${mine.id}/messages`, { content: 'x', template_params: { language: 'en' } })).toMatchObject({
      status: 422,
      body: { error: 'Validation failed: Name is required' },
    });
    expect(await post(`/conversations/${mine.id}/messages`, { content: 'x', message_type: 'shout' })).toMatchObject({
      status: 422,
      body: { error: "'shout' is not a valid message_type" },
    });
    expect(standIn.fake.api.messages(mine.id)).toHaveLength(1);
  });

  it('answers the flood limit (200 a minute per conversation) the same way', async () => {
    const { mine } = await seedTwoInboxes();
    for (let index = 0; index < 199; index++) await post(`/conversations/${mine.id}/messages`, { content: `m${index}` });
    expect(await post(`/conversations/${mine.id}/messages`, { content: 'one too many' })).toEqual(
      expect.objectContaining({ status: 422, body: { error: 'Validation failed: Too many messages' } }),
    );
  });

  it('answers a bad first message of conversations#create as a RecordInvalid (422 { message, attributes })', async () => {
    const { support, contact } = await seedTwoInboxes();
    const rejected = await post('/conversations', { inbox_id: support.id, contact_id: contact.id, message: { content: 'x'.repeat(150_001) } });
    expect(rejected).toMatchObject({ status: 422, body: { message: 'Content is too long (maximum is 150000 characters)', attributes: ['content'] } });
    expect(standIn.fake.api.conversations()).toHaveLength(2);
  });
});

describe('conversations: the REST view (_conversation.json.jbuilder)', () => {
  it('shows the last message of any kind in `messages`, in push_event_data form; last_non_activity_message skips activities', async () => {
    const { mine } = await seedTwoInboxes();
    await post(`/conversations/${mine.id}/messages`, { content: 'Reminder', template_params: template });
    await post(`/conversations/${mine.id}/messages`, { content: 'note', private: true });
    const withNote = (await get(`/conversations/${mine.id}`)).body;
    expect(withNote.messages).toHaveLength(1);
    expect(withNote.messages[0]).toMatchObject({ content: 'note', private: true, sender_type: 'User', account_id: standIn.fake.api.accountId });
    await post(`/conversations/${mine.id}/messages`, { content: 'Ana joined', message_type: 'activity' });
    const body = (await get(`/conversations/${mine.id}`)).body;
    expect(body.messages[0]).toMatchObject({ content: 'Ana joined', message_type: 2 });
    expect(body.last_non_activity_message).toMatchObject({ content: 'note', private: true });
    const [, templated] = standIn.fake.api.messages(mine.id);
    expect(templated!.template_params).toEqual(template);
  });

  it('leaves assignee, assignee_type and team out of meta when there are none (here and in the messages list)', async () => {
    const { mine, agent, contact } = await seedTwoInboxes();
    const unassigned = (await get(`/conversations/${mine.id}`)).body.meta;
    expect(Object.keys(unassigned).sort()).toEqual(['channel', 'hmac_verified', 'sender']);
    const listMeta = (await get(`/conversations/${mine.id}/messages`)).body.meta;
    expect('assignee' in listMeta).toBe(false);
    expect(listMeta.contact).toMatchObject({ id: contact.id, type: 'contact', email: 'ana@example.test' });
    await post(`/conversations/${mine.id}/assignments`, { assignee_id: agent.id });
    expect((await get(`/conversations/${mine.id}`)).body.meta).toMatchObject({ assignee: { id: agent.id, role: 'agent' }, assignee_type: 'User' });
    expect((await get(`/conversations/${mine.id}/messages`)).body.meta.assignee).toMatchObject({ id: agent.id, type: 'user' });
  });

  it('carries template_params in the push_event_data of the last message', async () => {
    const { mine } = await seedTwoInboxes();
    await post(`/conversations/${mine.id}/messages`, { content: 'Reminder', template_params: template });
    const body = (await get(`/conversations/${mine.id}`)).body;
    expect(body.messages[0]).toMatchObject({ additional_attributes: { template_params: template }, sender_type: 'User', sender_id: expect.any(Number) });
  });
});

describe('toggle_status (conversations_controller.rb#toggle_status)', () => {
  it('assigns a conversation an agent-role token opens to that agent, replacing the assignee; an admin token does not', async () => {
    const { mine, agent } = await seedTwoInboxes();
    const admin = standIn.fake.api.seed({ agents: [{ name: 'Other', email: 'other@example.test', role: 'agent' }] }).agents[0]!;
    await post(`/conversations/${mine.id}/assignments`, { assignee_id: admin.id });
    await post(`/conversations/${mine.id}/toggle_status`, { status: 'resolved' });
    await post(`/conversations/${mine.id}/toggle_status`, { status: 'open' }); // admin token
    expect((await get(`/conversations/${mine.id}`)).body.meta.assignee).toMatchObject({ id: admin.id });
    const events: string[] = [];
    standIn.fake.api.onEvent((event) => events.push(event.event));
    const opened = await post(`/conversations/${mine.id}/toggle_status`, { status: 'open' }, 'sam-token');
    expect(opened.body.payload).toEqual({ success: true, conversation_id: mine.id, current_status: 'open', snoozed_until: null });
    expect((await get(`/conversations/${mine.id}`)).body.meta.assignee).toMatchObject({ id: agent.id });
    expect(events).toEqual(['conversation_updated']); // already open: only the assignee changed
    // Resolving with the agent's token assigns nobody new.
    await post(`/conversations/${mine.id}/assignments`, { assignee_id: admin.id });
    await post(`/conversations/${mine.id}/toggle_status`, { status: 'resolved' }, 'sam-token');
    expect((await get(`/conversations/${mine.id}`)).body.meta.assignee).toMatchObject({ id: admin.id });
  });

  it('answers snoozed_until as an ISO datetime, keeps it on a re-snooze without one, and clears it otherwise', async () => {
    const { mine } = await seedTwoInboxes();
    const snoozed = await post(`/conversations/${mine.id}/toggle_status`, { status: 'snoozed', snoozed_until: 2_000_000_000 });
    expect(snoozed.body.payload).toMatchObject({ current_status: 'snoozed', snoozed_until: '2033-05-18T03:33:20.000Z' });
    expect((await get(`/conversations/${mine.id}`)).body.snoozed_until).toBe('2033-05-18T03:33:20.000Z');
    const again = await post(`/conversations/${mine.id}/toggle_status`, { status: 'snoozed' });
    expect(again.body.payload.snoozed_until).toBe('2033-05-18T03:33:20.000Z');
    const toggled = await post(`/conversations/${mine.id}/toggle_status`, {});
    expect(toggled.body.payload).toMatchObject({ current_status: 'open', snoozed_until: null });
    expect((await post(`/conversations/${mine.id}/toggle_status`, {})).body.payload.current_status).toBe('resolved');
  });

  it('crashes (500) on an unknown status or a snoozed_until that is not unix seconds', async () => {
    const { mine } = await seedTwoInboxes();
    expect(await post(`/conversations/${mine.id}/toggle_status`, { status: 'closed' })).toMatchObject({ status: 500, body: { error: 'Internal Server Error' } });
    expect((await post(`/conversations/${mine.id}/toggle_status`, { status: 'snoozed', snoozed_until: '2030-01-01' })).status).toBe(500);
    expect(standIn.fake.api.conversations()[0]!.status).toBe('open');
  });

  it('lets a bot hand a pending conversation off (success: null)', async () => {
    const { mine } = await seedTwoInboxes();
    await post(`/conversations/${mine.id}/toggle_status`, { status: 'pending' });
    const handed = await post(`/conversations/${mine.id}/toggle_status`, { status: 'open' }, standIn.fake.api.tokens.bot);
    expect(handed.body.payload).toEqual({ success: null, conversation_id: mine.id, current_status: 'open', snoozed_until: null });
    expect((await get(`/conversations/${mine.id}`)).body.meta.assignee).toBeUndefined();
  });
});

describe('conversation list (conversation_finder.rb)', () => {
  it('drops the status filter when q is given and searches incoming and outgoing messages only, % and _ as wildcards', async () => {
    const { mine, theirs } = await seedTwoInboxes();
    await post(`/conversations/${theirs.id}/toggle_status`, { status: 'resolved' });
    await post(`/conversations/${mine.id}/messages`, { content: 'order 42 shipped', message_type: 'template' });
    await post(`/conversations/${mine.id}/messages`, { content: 'order 42 noted', message_type: 'activity' });
    const ids = async (query: string) => (await get(`/conversations?${query}`)).body.data.payload.map((c: { id: number }) => c.id);
    expect(await ids('q=buy')).toEqual([theirs.id]); // resolved, found anyway
    expect(await ids('q=buy&status=open')).toEqual([theirs.id]);
    expect(await ids('q=order')).toEqual([]); // template and activity messages are not searched
    expect(await ids('q=h_l')).toEqual([mine.id]);
    expect(await ids('q=BU%25')).toEqual([theirs.id]);
    expect(await ids('status=open')).toEqual([mine.id]);
  });

  it('answers 404 for an unknown team_id', async () => {
    await seedTwoInboxes();
    expect((await get('/conversations?team_id=999')).status).toBe(404);
  });
});

describe('who sees what (conversation_policy.rb, permission_filter_service.rb, access_token_auth_helper.rb)', () => {
  it('lists for an agent only the conversations of inboxes they belong to, counts included', async () => {
    const { mine } = await seedTwoInboxes();
    const listed = (await get('/conversations', 'sam-token')).body.data;
    expect(listed.payload.map((c: { id: number }) => c.id)).toEqual([mine.id]);
    expect(listed.meta).toEqual({ mine_count: 0, assigned_count: 0, unassigned_count: 1, all_count: 1 });
    expect((await get('/conversations')).body.data.meta.all_count).toBe(2); // the administrator sees both
  });

  it('filters a contact’s conversations the same way', async () => {
    const { mine, contact } = await seedTwoInboxes();
    const listed = (await get(`/contacts/${contact.id}/conversations`, 'sam-token')).body.payload;
    expect(listed.map((c: { id: number }) => c.id)).toEqual([mine.id]);
    expect((await get(`/contacts/${contact.id}/conversations`)).body.payload).toHaveLength(2);
  });

  it('answers an agent 401 on a conversation of another inbox (a 404 only when it does not exist)', async () => {
    const { theirs, sales, contact } = await seedTwoInboxes();
    const denied = { status: 401, body: { error: 'You are not authorized to do this action' } };
    expect(await get(`/conversations/${theirs.id}`, 'sam-token')).toMatchObject(denied);
    expect(await get(`/conversations/${theirs.id}/messages`, 'sam-token')).toMatchObject(denied);
    expect(await post(`/conversations/${theirs.id}/messages`, { content: 'x' }, 'sam-token')).toMatchObject(denied);
    expect(await post(`/conversations/${theirs.id}/toggle_status`, { status: 'resolved' }, 'sam-token')).toMatchObject(denied);
    expect(await post('/conversations', { inbox_id: sales.id, contact_id: contact.id }, 'sam-token')).toMatchObject(denied);
    expect((await get('/conversations/999', 'sam-token')).status).toBe(404);
    expect(standIn.fake.api.conversations().find((c) => c.display_id === theirs.id)!.status).toBe('open');
  });

  it('lets an agent bot get a conversation and get/set its labels, and nothing outside its endpoints', async () => {
    const { theirs } = await seedTwoInboxes();
    const bot = standIn.fake.api.tokens.bot;
    expect((await get(`/conversations/${theirs.id}`, bot)).status).toBe(200);
    expect((await post(`/conversations/${theirs.id}/labels`, { labels: ['vip'] }, bot)).body).toEqual({ payload: ['vip'] });
    expect((await get(`/conversations/${theirs.id}/labels`, bot)).body).toEqual({ payload: ['vip'] });
    const refused = { status: 401, body: { error: 'Access to this endpoint is not authorized for bots' } };
    expect(await get('/conversations', bot)).toMatchObject(refused);
    expect(await get(`/conversations/${theirs.id}/messages`, bot)).toMatchObject(refused);
    // The endpoint is checked before the account is looked up.
    expect(await call(standIn.fake, 'GET', '/api/v1/accounts/999/conversations', { token: bot })).toMatchObject(refused);
    standIn.fake.api.seed({ accounts: [{ id: 2 }] });
    expect(await call(standIn.fake, 'GET', `/api/v1/accounts/2/conversations/${theirs.id}`, { token: bot })).toMatchObject({
      status: 401,
      body: { error: 'Bot is not authorized to access this account' },
    });
  });
});
