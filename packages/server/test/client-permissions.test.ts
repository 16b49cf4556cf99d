// What each kind of token may do (Chatwoot v4.15.1's conversation policy, permission filter and bot endpoints, as
// the stand-in models them), what the client's errors say about it, and the toggle_status side effect.
import { inspect } from 'node:util';
import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ChatwootApiError,
  createChatwootClient,
  createMemoryStore,
  createOutbox,
  createRoundRobin,
  notify,
  type ChatwootClient,
} from '../src/index';

const SALES_AGENT_TOKEN = 'sales-agent-token-5d4c3b2a';
let fake: FakeChatwoot;
let admin: ChatwootClient;
let support: number;
let sales: number;
let salesAgent: number;

const clientFor = (token: string) =>
  createChatwootClient({ baseUrl: fake.url, apiAccessToken: token, accountId: fake.api.accountId, retry: false, rateLimit: false });

beforeEach(async () => {
  fake = await startFakeChatwoot();
  admin = clientFor(fake.api.tokens.admin);
  const { inboxes } = fake.api.seed({
    inboxes: [{ name: 'Support', channel_type: 'Channel::Api' }, { name: 'Sales', channel_type: 'Channel::Api' }],
  });
  [support, sales] = inboxes.map((inbox) => inbox.id) as [number, number];
  salesAgent = fake.api.seed({
    agents: [{ name: 'Sol Sales', email: 'sol@example.test', role: 'agent', access_token: SALES_AGENT_TOKEN, inboxIds: [sales] }],
  }).agents[0]!.id;
});
afterEach(async () => {
  await fake.close();
});

async function rejection(promise: Promise<unknown>): Promise<ChatwootApiError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ChatwootApiError);
  return error as ChatwootApiError;
}

function expectNoToken(error: Error, token: string) {
  for (const text of [String(error), JSON.stringify(error), inspect(error, { depth: 5 }), error.stack ?? '']) {
    expect(text).not.toContain(token);
  }
}

async function conversationIn(inboxId: number, email: string) {
  const { contact } = await admin.contacts.create({ email, name: email });
  return admin.conversations.create({ inbox_id: inboxId, contact_id: contact.id, message: { content: 'Hello' } });
}

describe('an agent-role token', () => {
  it('lists only the conversations of its inboxes and gets a typed 401 (not a 404) for another inbox’s', async () => {
    const own = await conversationIn(sales, 'own@example.test');
    const other = await conversationIn(support, 'other@example.test');
    const agent = clientFor(SALES_AGENT_TOKEN);

    const page = await agent.conversations.list();
    expect(page.payload.map((conversation) => conversation.id)).toEqual([own.id]);
    expect(page.meta.all_count).toBe(1);

    const error = await rejection(agent.conversations.get(other.id));
    expect(error).toMatchObject({
      code: 'api_error',
      status: 401,
      apiMessage: 'You are not authorized to do this action',
      method: 'GET',
      path: `/api/v1/accounts/${fake.api.accountId}/conversations/${other.id}`,
    });
    expectNoToken(error, SALES_AGENT_TOKEN);
    expect((await rejection(agent.messages.create(other.id, { content: 'x' }))).status).toBe(401);
    expect(fake.api.messages(other.id)).toHaveLength(1);
    expect((await rejection(agent.conversations.get(9_999))).status).toBe(404);
  });
});

describe('notify with an agent-role token', () => {
  it('fails with a typed 401 for an inbox the agent is not a member of, creating no conversation', async () => {
    const error = await rejection(
      notify(clientFor(SALES_AGENT_TOKEN), { to: { email: 'new@example.test' }, inboxId: support, content: 'Hi' }),
    );
    expect(error).toMatchObject({ code: 'api_error', status: 401, apiMessage: 'You are not authorized to do this action' });
    expectNoToken(error, SALES_AGENT_TOKEN);
    expect(fake.api.conversations()).toEqual([]);
  });
});

describe('an agent-bot token', () => {
  it('may get a conversation and get/set its labels; a list is a typed 401 for bots', async () => {
    const conversation = await conversationIn(support, 'bot@example.test');
    const bot = clientFor(fake.api.tokens.bot);
    expect(await bot.conversations.get(conversation.id)).toMatchObject({ id: conversation.id });
    expect(await bot.conversations.setLabels(conversation.id, ['triaged'])).toEqual(['triaged']);
    expect(await bot.request({ method: 'GET', path: `accounts/${fake.api.accountId}/conversations/${conversation.id}/labels` })).toEqual({ payload: ['triaged'] });

    for (const call of [bot.conversations.list(), bot.messages.list(conversation.id)]) {
      const error = await rejection(call);
      expect(error).toMatchObject({ code: 'api_error', status: 401, apiMessage: 'Access to this endpoint is not authorized for bots' });
      expectNoToken(error, fake.api.tokens.bot);
    }
  });
});

describe('message create failures', () => {
  it('surface Chatwoot’s `error` ("Validation failed: …") as the 422’s apiMessage', async () => {
    const conversation = await conversationIn(support, 'long@example.test');
    const error = await rejection(admin.messages.create(conversation.id, { content: 'x'.repeat(150_001) }));
    expect(error).toMatchObject({ status: 422, apiMessage: 'Validation failed: Content is too long (maximum is 150000 characters)' });
  });
});

describe('toggleStatus and assignees', () => {
  it('answers snoozed_until as an ISO datetime, in the result and in the conversation', async () => {
    const conversation = await conversationIn(support, 'snooze@example.test');
    const result = await admin.conversations.toggleStatus(conversation.id, 'snoozed', { snoozedUntil: 2_000_000_000 });
    expect(result).toEqual({ success: true, conversation_id: conversation.id, current_status: 'snoozed', snoozed_until: '2033-05-18T03:33:20.000Z' });
    expect((await admin.conversations.get(conversation.id)).snoozed_until).toBe('2033-05-18T03:33:20.000Z');
  });

  it('keeps the round robin’s assignee through notify and the outbox, even on an agent-role token', async () => {
    const store = createMemoryStore();
    const [first, second] = fake.api.seed({
      agents: [{ name: 'Ann', email: 'ann@example.test' }, { name: 'Bob', email: 'bob@example.test' }],
    }).agents;
    const { contact } = await admin.contacts.create({ email: 'kept@example.test', name: 'Kept' });
    const conversation = await admin.conversations.create({ inbox_id: sales, contact_id: contact.id });
    const roundRobin = createRoundRobin({ client: admin, store, agents: [second!.id, first!.id] });
    expect(await roundRobin.assign(conversation.id)).toMatchObject({ outcome: 'assigned', agentId: second!.id });

    const agent = clientFor(SALES_AGENT_TOKEN);
    const notified = await notify(agent, { to: { contactId: contact.id }, inboxId: sales, content: 'Your order shipped' }, { store });
    expect(notified.conversationId).toBe(conversation.id);
    const outbox = createOutbox({ client: agent, store, inboxId: sales, pollIntervalMs: 20 });
    await outbox.send({ to: { contactId: contact.id }, content: 'Your invoice is ready' });
    await outbox.drain({ timeoutMs: 10_000 });
    await outbox.stop();

    expect(fake.api.messages(conversation.id).map((message) => message.content)).toEqual(['Your order shipped', 'Your invoice is ready']);
    expect((await admin.conversations.get(conversation.id)).meta?.assignee).toMatchObject({ id: second!.id });
    expect(fake.api.requests({ path: '/toggle_status' })).toEqual([]);

    // What they avoid: opening with an agent-role token takes the conversation over.
    await agent.conversations.toggleStatus(conversation.id, 'open');
    expect((await admin.conversations.get(conversation.id)).meta?.assignee).toMatchObject({ id: salesAgent });
    await store.close();
  });
});
