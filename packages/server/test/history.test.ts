import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  conversationHistory,
  createChatwootClient,
  messageRole,
  notify,
  type ChatwootClient,
  type HistoryMessage,
} from '../src/index';

// The client's default budget (2,500 requests/min) would make these tests wait on its own limiter.
const FAST = { rateLimit: { requestsPerMinute: 60_000 } };

let fake: FakeChatwoot;
let agent: ChatwootClient;
let bot: ChatwootClient;
let inboxId: number;

beforeEach(async () => {
  fake = await startFakeChatwoot();
  const options = { baseUrl: fake.url, accountId: fake.api.accountId, ...FAST };
  agent = createChatwootClient({ ...options, apiAccessToken: fake.api.tokens.admin });
  bot = createChatwootClient({ ...options, apiAccessToken: fake.api.tokens.bot });
  inboxId = fake.api.seed({ inboxes: [{ name: 'Support API', channel_type: 'Channel::Api' }] }).inboxes[0]!.id;
});
afterEach(async () => {
  await fake.close();
});

async function collect(iterable: AsyncIterable<HistoryMessage>): Promise<HistoryMessage[]> {
  const out: HistoryMessage[] = [];
  for await (const message of iterable) out.push(message);
  return out;
}

/** A conversation of `rounds` exchanges: contact asks, bot answers, agent answers, agent leaves a note. */
async function conversationWith(rounds: number): Promise<number> {
  const { conversationId } = await notify(agent, { to: { email: 'ana@example.com' }, inboxId, content: 'opening' });
  for (let round = 0; round < rounds; round++) {
    await agent.messages.create(conversationId, { content: `question ${round}`, message_type: 'incoming' });
    await bot.messages.create(conversationId, { content: `bot answer ${round}` });
    await agent.messages.create(conversationId, { content: `agent answer ${round}` });
    await agent.messages.create(conversationId, { content: `note ${round}`, private: true });
  }
  return conversationId;
}

describe('conversationHistory', () => {
  it('yields every message oldest first across many pages, with roles', async () => {
    const conversationId = await conversationWith(15); // 61 messages: four pages of 20
    const history = await collect(conversationHistory(agent, conversationId));

    const stored = fake.api.messages(conversationId);
    expect(history).toHaveLength(stored.length);
    expect(history.map((message) => message.id)).toEqual(stored.map((message) => message.id));
    expect(history[0]).toMatchObject({ role: 'agent', content: 'opening', private: false });
    expect(history.slice(1, 5).map((message) => [message.role, message.content, message.private])).toEqual([
      ['contact', 'question 0', false],
      ['bot', 'bot answer 0', false],
      ['agent', 'agent answer 0', false],
      ['agent', 'note 0', true],
    ]);
    expect(history.at(-1)).toMatchObject({ content: 'note 14', private: true });
    for (const message of history) expect(message.at).toBeInstanceOf(Date);
    const times = history.map((message) => message.at.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // Paged backwards with `before`, never more pages than needed.
    const pages = fake.api.requests({ method: 'GET', path: /\/messages$/ });
    expect(pages.length).toBe(Math.ceil(stored.length / 20) + 1);
    expect(pages.slice(1).every((request) => typeof request.query.before === 'string')).toBe(true);
  });

  it('gives the same history in low-memory mode, at the cost of reading each page twice', async () => {
    const conversationId = await conversationWith(12);
    const buffered = await collect(conversationHistory(agent, conversationId));
    fake.api.clearRequests();
    const lowMemory = await collect(conversationHistory(agent, conversationId, { lowMemory: true }));
    expect(lowMemory).toEqual(buffered);
    const pages = Math.ceil(buffered.length / 20);
    expect(fake.api.requests({ method: 'GET', path: /\/messages$/ })).toHaveLength(pages + 1 + pages);
  });

  it('leaves out messages posted after the walk started', async () => {
    const conversationId = await conversationWith(5);
    const before = fake.api.messages(conversationId).length;
    const seen: HistoryMessage[] = [];
    for await (const message of conversationHistory(agent, conversationId, { lowMemory: true })) {
      if (seen.length === 0) await agent.messages.create(conversationId, { content: 'late arrival' });
      seen.push(message);
    }
    expect(seen).toHaveLength(before);
    expect(seen.some((message) => message.content === 'late arrival')).toBe(false);
  });

  it('yields nothing for an empty conversation and rejects with 404 for an unknown one', async () => {
    const { conversationId } = await notify(agent, { to: { email: 'b@example.com' }, inboxId, content: 'only one' });
    expect(await collect(conversationHistory(agent, conversationId))).toHaveLength(1);
    await expect(collect(conversationHistory(agent, 9999))).rejects.toMatchObject({ status: 404 });
  });
});

describe('messageRole', () => {
  it('maps Chatwoot message types and senders to transcript roles', () => {
    expect(messageRole({ message_type: 2, sender: null })).toBe('system');
    expect(messageRole({ message_type: 0, sender: { id: 1, type: 'contact' } })).toBe('contact');
    expect(messageRole({ message_type: 1, sender: { id: 1, type: 'user' } })).toBe('agent');
    expect(messageRole({ message_type: 1, sender: { id: 1, type: 'agent_bot' } })).toBe('bot');
    expect(messageRole({ message_type: 3, sender: null })).toBe('bot');
    expect(messageRole({ message_type: 1, sender: null, sender_type: 'User' })).toBe('agent');
  });
});
