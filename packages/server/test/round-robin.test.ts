import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createChatwootClient,
  createMemoryStore,
  createNodeWebhookHandler,
  createRedisStore,
  createRoundRobin,
  type ChatwootClient,
  type RoundRobinResult,
  type Store,
} from '../src/index';
import { startRedisServer, type RedisServer } from './support/redis-server';

/** Round-robin against the REST API stand-in over real HTTP, with the memory store and a real Redis. */
let fake: FakeChatwoot;
let client: ChatwootClient;
let inboxId: number;
let otherInboxId: number;
/** Seeded agents by name. */
const agent: Record<'ana' | 'ben' | 'cai' | 'dee' | 'eve', number> = { ana: 0, ben: 0, cai: 0, dee: 0, eve: 0 };
let contactIds: number[] = [];
let nextContact = 0;
const stores: Store[] = [];

beforeAll(async () => {
  fake = await startFakeChatwoot();
  // The stand-in enforces Chatwoot's own limit (3000/min per IP), far above what this file sends; the client's
  // limiter (41/s after a burst) would only slow the 100-conversation race down.
  client = createChatwootClient({
    baseUrl: fake.url,
    apiAccessToken: fake.api.tokens.admin,
    accountId: fake.api.accountId,
    rateLimit: false,
  });
  const seeded = fake.api.seed({
    agents: [
      { name: 'Ana', email: 'ana@example.test', availability_status: 'online' },
      { name: 'Ben', email: 'ben@example.test', availability_status: 'busy' },
      { name: 'Cai', email: 'cai@example.test', availability_status: 'online' },
      { name: 'Dee', email: 'dee@example.test', availability_status: 'offline' },
      { name: 'Eve', email: 'eve@example.test', availability_status: 'online' },
    ],
    inboxes: [
      { name: 'Support', channel_type: 'Channel::Api' },
      { name: 'Billing', channel_type: 'Channel::Api' },
    ],
    contacts: Array.from({ length: 400 }, (_, i) => ({ name: `Customer ${i}`, email: `customer${i}@example.test` })),
  });
  [agent.ana, agent.ben, agent.cai, agent.dee, agent.eve] = seeded.agents.map((a) => a.id) as [number, number, number, number, number];
  [inboxId, otherInboxId] = seeded.inboxes.map((inbox) => inbox.id) as [number, number];
  contactIds = seeded.contacts.map((contact) => contact.id);
});

afterAll(async () => {
  await fake?.close();
});

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

function memoryStore(): Store {
  const store = createMemoryStore();
  stores.push(store);
  return store;
}

/** A new conversation in Chatwoot (each for a new contact, so no inbox setting can merge them). */
async function newConversation(options: { inbox?: number; status?: 'open' | 'pending' } = {}): Promise<number> {
  const contactId = contactIds[nextContact++];
  if (contactId === undefined) throw new Error('the test ran out of seeded contacts');
  const conversation = await client.conversations.create({
    inbox_id: options.inbox ?? inboxId,
    contact_id: contactId,
    ...(options.status ? { status: options.status } : {}),
  });
  return conversation.id;
}

function assigneeOf(displayId: number): number | null {
  const record = fake.api.conversations().find((conversation) => conversation.display_id === displayId);
  if (!record) throw new Error(`conversation ${displayId} is not in the stand-in`);
  return record.assigneeId;
}

/** Every agent the account lists (seeded ones plus the stand-in's default users), by id. */
async function allAgentIds(): Promise<number[]> {
  return (await client.agents.list()).map((a) => a.id).sort((a, b) => a - b);
}

describe('next()', () => {
  it('takes every agent in turn, by id, and starts over', async () => {
    const roundRobin = createRoundRobin({ client, store: memoryStore() });
    const everyone = await allAgentIds();
    const turns: Array<number | null> = [];
    for (let i = 0; i < everyone.length * 2; i++) turns.push(await roundRobin.next());
    expect(turns).toEqual([...everyone, ...everyone]);
  });

  it("with 'online' skips busy and offline agents", async () => {
    const roundRobin = createRoundRobin({ client, store: memoryStore(), agents: 'online' });
    const turns: Array<number | null> = [];
    for (let i = 0; i < 6; i++) turns.push(await roundRobin.next());
    const online = (await client.agents.list()).filter((a) => a.availability_status === 'online').map((a) => a.id);
    expect(online).toEqual(expect.arrayContaining([agent.ana, agent.cai, agent.eve]));
    expect(turns).not.toContain(agent.ben);
    expect(turns).not.toContain(agent.dee);
    const sorted = [...online].sort((a, b) => a - b);
    expect(turns).toEqual([...sorted, ...sorted].slice(0, 6));
  });

  it('with an id list keeps that order, and skips the unavailable only when asked', async () => {
    const ids = [agent.eve, agent.ben, agent.ana];
    const plain = createRoundRobin({ client, store: memoryStore(), agents: ids });
    const picked: Array<number | null> = [];
    for (let i = 0; i < 4; i++) picked.push(await plain.next());
    expect(picked).toEqual([agent.eve, agent.ben, agent.ana, agent.eve]);

    const onlineOnly = createRoundRobin({ client, store: memoryStore(), agents: [...ids, agent.dee], onlyOnline: true });
    const onlinePicked: Array<number | null> = [];
    for (let i = 0; i < 4; i++) onlinePicked.push(await onlineOnly.next());
    expect(onlinePicked).toEqual([agent.eve, agent.ana, agent.eve, agent.ana]);
  });

  it('returns null when nobody is available', async () => {
    const roundRobin = createRoundRobin({ client, store: memoryStore(), agents: [agent.ben, agent.dee], onlyOnline: true });
    expect(await roundRobin.next()).toBeNull();
  });

  it('shares the turn between instances on one store, and keeps rotations with different keys apart', async () => {
    const store = memoryStore();
    const ids = [agent.ana, agent.cai, agent.eve];
    const one = createRoundRobin({ client, store, agents: ids });
    const two = createRoundRobin({ client, store, agents: ids });
    const other = createRoundRobin({ client, store, agents: ids, key: 'billing' });
    expect([await one.next(), await two.next(), await one.next(), await two.next()]).toEqual([...ids, agent.ana]);
    expect(await other.next()).toBe(agent.ana);
  });
});

describe('assign()', () => {
  let roundRobin: ReturnType<typeof createRoundRobin>;
  beforeEach(() => {
    roundRobin = createRoundRobin({ client, store: memoryStore(), agents: [agent.ana, agent.cai], inboxIds: [inboxId] });
  });

  it('assigns conversations in Chatwoot to agents in turn', async () => {
    const first = await newConversation();
    const second = await newConversation();
    const third = await newConversation();
    expect(await roundRobin.assign(first)).toEqual({ outcome: 'assigned', conversationId: first, agentId: agent.ana });
    expect(await roundRobin.assign(second)).toEqual({ outcome: 'assigned', conversationId: second, agentId: agent.cai });
    expect(await roundRobin.assign(third)).toEqual({ outcome: 'assigned', conversationId: third, agentId: agent.ana });
    expect([assigneeOf(first), assigneeOf(second), assigneeOf(third)]).toEqual([agent.ana, agent.cai, agent.ana]);
  });

  it('leaves an already-assigned conversation alone without using a turn', async () => {
    const taken = await newConversation();
    await client.conversations.assign(taken, { assignee_id: agent.eve });
    expect(await roundRobin.assign(taken)).toEqual({ outcome: 'already_assigned', conversationId: taken, agentId: agent.eve });
    expect(assigneeOf(taken)).toBe(agent.eve);
    const next = await newConversation();
    expect(await roundRobin.assign(next)).toMatchObject({ outcome: 'assigned', agentId: agent.ana });
  });

  it('trusts a payload that already names an assignee, without asking Chatwoot', async () => {
    fake.api.clearRequests();
    const result = await roundRobin.assign({ id: 987, inbox_id: inboxId, status: 'open', meta: { assignee: { id: agent.eve } } });
    expect(result).toEqual({ outcome: 'already_assigned', conversationId: 987, agentId: agent.eve });
    expect(fake.api.requests()).toHaveLength(0);
  });

  it('skips conversations of other inboxes and conversations that are not open', async () => {
    const billing = await newConversation({ inbox: otherInboxId });
    const pending = await newConversation({ status: 'pending' });
    expect(await roundRobin.assign(billing)).toEqual({ outcome: 'skipped_inbox', conversationId: billing, inboxId: otherInboxId });
    expect(await roundRobin.assign(pending)).toEqual({ outcome: 'skipped_status', conversationId: pending, status: 'pending' });
    expect([assigneeOf(billing), assigneeOf(pending)]).toEqual([null, null]);
  });

  it('reports no_agent_available and assigns nobody when everyone is away', async () => {
    const away = createRoundRobin({ client, store: memoryStore(), agents: [agent.ben, agent.dee], onlyOnline: true });
    const conversation = await newConversation();
    expect(await away.assign(conversation)).toEqual({ outcome: 'no_agent_available', conversationId: conversation });
    expect(assigneeOf(conversation)).toBeNull();
  });

  it('assigns a conversation once when two instances (or a duplicate delivery) race on it', async () => {
    const store = memoryStore();
    const one = createRoundRobin({ client, store, agents: [agent.ana, agent.cai] });
    const two = createRoundRobin({ client, store, agents: [agent.ana, agent.cai] });
    const conversation = await newConversation();
    fake.api.clearRequests();
    const results = await Promise.all([one.assign(conversation), two.assign(conversation), one.assign(conversation)]);
    expect(results.filter((r) => r.outcome === 'assigned')).toHaveLength(1);
    expect(fake.api.requests({ method: 'POST', path: '/assignments' })).toHaveLength(1);
    expect(assigneeOf(conversation)).toBe(agent.ana);
  });

  it('lets a later attempt assign after Chatwoot failed the assignment', async () => {
    const conversation = await newConversation();
    fake.api.configure({ faults: [{ kind: '500', route: /^POST .*\/assignments$/, times: 10 }] });
    try {
      await expect(roundRobin.assign(conversation)).rejects.toMatchObject({ status: 500 });
    } finally {
      fake.api.configure({ faults: [] });
    }
    expect(assigneeOf(conversation)).toBeNull();
    expect(await roundRobin.assign(conversation)).toMatchObject({ outcome: 'assigned', conversationId: conversation });
    expect(assigneeOf(conversation)).not.toBeNull();
  });
});

describe('as a conversation_created webhook handler', () => {
  it('assigns the conversations Chatwoot announces by signed webhook', async () => {
    const roundRobin = createRoundRobin({ client, store: memoryStore(), agents: [agent.cai, agent.eve], inboxIds: [inboxId] });
    const results: RoundRobinResult[] = [];
    // The secret is Chatwoot's, known once the webhook exists; the receiver answers 503 until then.
    let handler: ReturnType<typeof createNodeWebhookHandler> | undefined;
    const receiver = http.createServer((req, res) => {
      if (handler) void handler(req, res);
      else res.writeHead(503).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/chatwoot`;
    const webhook = await client.webhooks.create({ url, subscriptions: ['conversation_created'] });
    const secret = fake.api.webhooks().find((w) => w.url === url)?.secret ?? '';
    handler = createNodeWebhookHandler({
      secret,
      on: {
        conversation_created: async (event) => {
          results.push(await roundRobin.onConversationCreated(event));
        },
      },
    });
    try {
      expect(secret).not.toBe('');
      const created = [await newConversation(), await newConversation()];
      // Delivery is asynchronous, as in Chatwoot: wait for both, bounded in count and time.
      for (let i = 0; i < 100 && results.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(results).toEqual([
        { outcome: 'assigned', conversationId: created[0], agentId: agent.cai },
        { outcome: 'assigned', conversationId: created[1], agentId: agent.eve },
      ]);
      expect(created.map(assigneeOf)).toEqual([agent.cai, agent.eve]);
    } finally {
      await client.webhooks.delete(webhook.id);
      receiver.closeAllConnections();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});

describe('two instances on one real Redis', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('assign 100 conversations evenly, each exactly once, both instances trying every one', { timeout: 90_000 }, async () => {
    const agents = [agent.ana, agent.ben, agent.cai, agent.eve];
    // Two stores on two connections: what two processes of a host app have.
    const storeA = createRedisStore({ redis: redis.url, prefix: 'rr-e2e:' });
    const storeB = createRedisStore({ redis: redis.url, prefix: 'rr-e2e:' });
    stores.push(storeA, storeB);
    const instanceA = createRoundRobin({ client, store: storeA, agents });
    const instanceB = createRoundRobin({ client, store: storeB, agents });

    const conversations: number[] = [];
    for (let i = 0; i < 100; i++) conversations.push(await newConversation());
    fake.api.clearRequests();

    // Both instances get every conversation (as with a duplicated webhook), 8 at a time each, in opposite orders.
    const runInstance = async (instance: typeof instanceA, order: number[]) => {
      const results: RoundRobinResult[] = [];
      const queue = [...order];
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          for (let id = queue.shift(); id !== undefined; id = queue.shift()) results.push(await instance.assign(id));
        }),
      );
      return results;
    };
    const [resultsA, resultsB] = await Promise.all([
      runInstance(instanceA, conversations),
      runInstance(instanceB, [...conversations].reverse()),
    ]);

    const assigned = [...resultsA, ...resultsB].filter((r) => r.outcome === 'assigned');
    expect(assigned).toHaveLength(100);
    expect(new Set(assigned.map((r) => r.conversationId)).size).toBe(100);
    expect(resultsA.some((r) => r.outcome === 'assigned') && resultsB.some((r) => r.outcome === 'assigned')).toBe(true);
    for (const r of [...resultsA, ...resultsB]) expect(['assigned', 'already_assigned', 'claimed_elsewhere']).toContain(r.outcome);
    // Chatwoot received exactly one assignment per conversation.
    expect(fake.api.requests({ method: 'POST', path: '/assignments' })).toHaveLength(100);

    const perAgent = new Map<number, number>();
    for (const id of conversations) {
      const assignee = assigneeOf(id);
      expect(assignee).not.toBeNull();
      perAgent.set(assignee!, (perAgent.get(assignee!) ?? 0) + 1);
    }
    expect(Object.fromEntries(perAgent)).toEqual(Object.fromEntries(agents.map((id) => [id, 25])));
  });
});
