import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createChatwootClient,
  createMemoryStore,
  createOutbox,
  InvalidNotificationError,
  OutboxError,
  type ChatwootClient,
  type Outbox,
  type OutboxEvent,
  type OutboxOptions,
  type Store,
} from '../src/index';
import { findPostedMessage } from '../src/outbox/findPostedMessage';

const MESSAGES = /^POST \/api\/v1\/accounts\/\d+\/conversations\/\d+\/messages$/;

let fake: FakeChatwoot;
let client: ChatwootClient;
let store: Store;
let whatsapp: number;
let events: OutboxEvent[];
const outboxes: Outbox[] = [];

beforeEach(async () => {
  fake = await startFakeChatwoot();
  client = createChatwootClient({
    baseUrl: fake.url,
    apiAccessToken: fake.api.tokens.admin,
    accountId: fake.api.accountId,
    // Generous for a loaded machine: a spurious timeout would change the failure codes asserted below.
    timeoutMs: 1_000,
    retry: { limit: 2, baseDelayMs: 5, maxDelayMs: 20 },
    rateLimit: { requestsPerMinute: 60_000 },
  });
  store = createMemoryStore();
  events = [];
  whatsapp = fake.api.seed({ inboxes: [{ name: 'WhatsApp', channel_type: 'Channel::Whatsapp', phone_number: '+15550001111' }] })
    .inboxes[0]!.id;
});

afterEach(async () => {
  for (const outbox of outboxes.splice(0)) await outbox.stop();
  await store.close();
  await fake.close();
});

function makeOutbox(overrides: Partial<OutboxOptions> = {}): Outbox {
  const outbox = createOutbox({
    client,
    store,
    inboxId: whatsapp,
    backoff: () => 10,
    settleAfterMs: 1_200, // above the client's timeoutMs, as documented
    pollIntervalMs: 20,
    onEvent: (event) => events.push(event),
    ...overrides,
  });
  outboxes.push(outbox);
  return outbox;
}

const allMessages = () => fake.api.conversations().flatMap((conversation) => fake.api.messages(conversation.display_id));

describe('outbox.send', () => {
  it('persists first (queued, nothing sent yet), then delivers through the notify steps', async () => {
    const outbox = makeOutbox();
    const { id, status } = await outbox.send({ to: { phone: '+52 1 55 1234 5678', name: 'Ana' }, content: 'Tu cita es mañana' });

    expect(status).toMatchObject({ id, state: 'queued', attempts: 0 });
    expect(await outbox.status(id)).toMatchObject({ state: 'queued' });
    expect(await store.queue('wootkit:outbox').size()).toBe(1);
    expect(fake.api.requests()).toHaveLength(0);

    await outbox.drain({ timeoutMs: 5_000 });

    const sent = await outbox.status(id);
    const [message] = allMessages();
    expect(message).toMatchObject({ content: 'Tu cita es mañana', message_type: 1 });
    expect(sent).toMatchObject({ state: 'sent', attempts: 1, messageId: message!.id, contactId: fake.api.contacts()[0]!.id });
    expect(sent!.conversationId).toBe(fake.api.conversations()[0]!.display_id);
    expect(events.map((event) => event.type)).toEqual(['queued', 'sent']);
    expect(await store.queue('wootkit:outbox').size()).toBe(0);
  });

  it('treats a second send with the same key as the first (one message)', async () => {
    const outbox = makeOutbox();
    const first = await outbox.send({ to: { phone: '+5215512345678' }, content: 'Pedido enviado', key: 'order:1' });
    const second = await outbox.send({ to: { phone: '+5215512345678' }, content: 'Pedido enviado', key: 'order:1' });
    expect(second.id).toBe(first.id);
    await outbox.drain({ timeoutMs: 5_000 });
    await outbox.send({ to: { phone: '+5215512345678' }, content: 'Pedido enviado', key: 'order:1' });
    await outbox.drain({ timeoutMs: 5_000 });
    expect(allMessages()).toHaveLength(1);
  });

  it('refuses input that can never be sent before persisting anything', async () => {
    const outbox = makeOutbox();
    await expect(outbox.send({ to: { phone: '+5215512345678' } })).rejects.toBeInstanceOf(InvalidNotificationError);
    await expect(makeOutbox({ inboxId: undefined }).send({ to: { phone: '+5215512345678' }, content: 'x' })).rejects.toMatchObject({
      code: 'outbox_invalid_message',
    });
    expect(await store.queue('wootkit:outbox').size()).toBe(0);
  });
});

describe('retries', () => {
  it('keeps a message queued through 500s and 429s and delivers it once they stop', async () => {
    // The client itself retries a 429 twice (limit 2): three in a row reach the outbox.
    fake.api.configure({ faults: [{ kind: '500', route: MESSAGES, times: 2 }, { kind: '429', route: MESSAGES, times: 3 }] });
    const outbox = makeOutbox();
    const { id } = await outbox.send({ to: { phone: '+5215512345678' }, content: 'Hola' });
    await outbox.drain({ timeoutMs: 25_000 });

    expect(await outbox.status(id)).toMatchObject({ state: 'sent', attempts: 4 });
    expect(events.filter((event) => event.type === 'retry')).toHaveLength(3);
    const codes = events.flatMap((event) => (event.type === 'retry' ? [event.error.code] : []));
    expect(codes.sort()).toEqual(['api_error', 'api_error', 'rate_limited']);
    expect(allMessages()).toHaveLength(1);
  });

  it('backs off exponentially with jitter by default', async () => {
    const delays: number[] = [];
    fake.api.configure({ faults: [{ kind: '500', route: MESSAGES, times: 3 }] });
    const outbox = makeOutbox({ backoff: { baseMs: 40, maxMs: 1_000 }, random: () => 0.5 });
    await outbox.send({ to: { phone: '+5215512345678' }, content: 'Hola' });
    const onRetry = events;
    await outbox.drain({ timeoutMs: 25_000 });
    for (const event of onRetry) if (event.type === 'retry') delays.push(event.delayMs);
    // half fixed + half random (0.5): 0.75 × 40, 80, 160
    expect(delays).toEqual([30, 60, 120]);
  });

  it('fails for good on a 4xx other than 429, keeping the reason, without retrying', async () => {
    const outbox = makeOutbox({ inboxId: 999 });
    const { id } = await outbox.send({ to: { phone: '+5215512345678' }, content: 'Hola' });
    await outbox.drain({ timeoutMs: 5_000 });
    const status = await outbox.status(id);
    expect(status).toMatchObject({ state: 'failed', attempts: 1, error: { code: 'api_error', status: 404 } });
    expect(events.map((event) => event.type)).toEqual(['queued', 'failed']);
  });

  it('fails an invalid phone with the phone error code', async () => {
    const outbox = makeOutbox();
    const { id } = await outbox.send({ to: { phone: '12' }, content: 'Hola' });
    await outbox.drain({ timeoutMs: 5_000 });
    expect(await outbox.status(id)).toMatchObject({ state: 'failed', error: { code: 'missing_country' } });
    expect(fake.api.requests()).toHaveLength(0);
  });

  it('gives up after maxAttempts of 5xx with the last reason', async () => {
    fake.api.configure({ faults: [{ kind: '500', route: MESSAGES }] });
    const outbox = makeOutbox({ maxAttempts: 3 });
    const { id } = await outbox.send({ to: { phone: '+5215512345678' }, content: 'Hola' });
    await outbox.drain({ timeoutMs: 25_000 });
    const status = await outbox.status(id);
    expect(status).toMatchObject({ state: 'failed', error: { code: 'api_error', status: 500 } });
    expect(status!.error!.message).toMatch(/^Gave up after 3 attempts/);
    expect(fake.api.requests({ method: 'POST', path: /\/messages$/ })).toHaveLength(3);
    expect(allMessages()).toHaveLength(0);
  });

  it('waits out a Chatwoot that is down, then delivers', async () => {
    const outbox = makeOutbox();
    await fake.stop();
    const { id } = await outbox.send({ to: { phone: '+5215512345678' }, content: 'Hola' });
    const draining = outbox.drain({ timeoutMs: 20_000 });
    for (let poll = 0; poll < 200 && !(await outbox.status(id))?.error; poll++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await outbox.status(id)).toMatchObject({ state: 'queued', error: { code: 'network_error' } });
    await fake.restart();
    await draining;
    expect(await outbox.status(id)).toMatchObject({ state: 'sent' });
    expect(allMessages()).toHaveLength(1);
  });
});

describe('at most once', () => {
  it('settles a post whose answer was lost (500 after saving) by finding the message, never posting twice', async () => {
    fake.api.configure({ faults: [{ kind: '500', route: MESSAGES, times: 1, phase: 'after' }] });
    const outbox = makeOutbox();
    const { id } = await outbox.send({ to: { phone: '+5215512345678' }, content: 'Recordatorio' });
    await outbox.drain({ timeoutMs: 25_000 });

    const [message] = allMessages();
    expect(allMessages()).toHaveLength(1);
    expect(await outbox.status(id)).toMatchObject({ state: 'sent', messageId: message!.id });
    expect(fake.api.requests({ method: 'POST', path: /\/messages$/ })).toHaveLength(1);
  });

  it('settles a timeout after the request went out the same way', async () => {
    fake.api.configure({ faults: [{ kind: 'timeout', route: MESSAGES, times: 1, phase: 'after' }], timeoutHoldMs: 2_000 });
    const outbox = makeOutbox();
    const { id } = await outbox.send({ to: { phone: '+5215512345678' }, content: 'Recordatorio' });
    await outbox.drain({ timeoutMs: 25_000 });
    expect(allMessages()).toHaveLength(1);
    expect(await outbox.status(id)).toMatchObject({ state: 'sent' });
    expect(fake.api.requests({ method: 'POST', path: /\/messages$/ })).toHaveLength(1);
  });

  it('re-sends after a timeout that never reached Chatwoot, once the settle window has passed', async () => {
    fake.api.configure({ faults: [{ kind: 'timeout', route: MESSAGES, times: 1 }], timeoutHoldMs: 2_000 });
    const outbox = makeOutbox();
    const { id } = await outbox.send({ to: { phone: '+5215512345678' }, content: 'Recordatorio' });
    await outbox.drain({ timeoutMs: 25_000 });
    expect(allMessages()).toHaveLength(1);
    expect(await outbox.status(id)).toMatchObject({ state: 'sent' });
    expect(fake.api.requests({ method: 'POST', path: /\/messages$/ })).toHaveLength(2);
  });

  const reminderTemplate = { name: 'appointment_reminder', category: 'UTILITY', language: 'es_MX', processed_params: { body: { '1': 'Ana' } } };

  it('never takes another message for a template-only post that did not land (REST messages show no template_params)', async () => {
    // The post never reaches Chatwoot; meanwhile an agent replies in the conversation, after the claim.
    fake.api.configure({ faults: [{ kind: 'timeout', route: MESSAGES, times: 1 }], timeoutHoldMs: 2_000 });
    const outbox = makeOutbox();
    const { id } = await outbox.send({ to: { phone: '+5215512345678' }, template: reminderTemplate });
    const draining = outbox.drain({ timeoutMs: 25_000 });
    for (let poll = 0; poll < 400 && !fake.api.requests({ method: 'POST', path: /\/messages$/ }).some((r) => r.fault === 'timeout'); poll++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const conversationId = fake.api.conversations()[0]!.display_id;
    const reply = await client.messages.create(conversationId, { content: 'Hola Ana, te escribe tu asesora' });
    await draining;

    const template = allMessages().find((message) => message.template_params !== null);
    expect(template, 'the template was posted again once the settle window passed').toBeDefined();
    expect(await outbox.status(id)).toMatchObject({ state: 'sent', messageId: template!.id });
    expect((await outbox.status(id))!.messageId).not.toBe(reply.id);
    expect(allMessages()).toHaveLength(2);
  });

  it('settles a template-only post whose answer was lost by finding that very message (its delivery id)', async () => {
    fake.api.configure({ faults: [{ kind: '500', route: MESSAGES, times: 1, phase: 'after' }] });
    const outbox = makeOutbox();
    const { id } = await outbox.send({ to: { phone: '+5215512345678' }, template: reminderTemplate });
    await outbox.drain({ timeoutMs: 25_000 });
    const [message] = allMessages();
    expect(allMessages()).toHaveLength(1);
    expect(message!.content_attributes).toEqual({ wootkit_delivery_id: expect.any(String) });
    expect(await outbox.status(id)).toMatchObject({ state: 'sent', messageId: message!.id });
    expect(fake.api.requests({ method: 'POST', path: /\/messages$/ })).toHaveLength(1);
  });

  it('does not match a template-only post on a claim without a delivery id (written by an older wootkit)', async () => {
    const { inboxes, contacts } = fake.api.seed({ inboxes: [{ name: 'API' }], contacts: [{ email: 'old@example.test' }] });
    const conversation = await client.conversations.create({ inbox_id: inboxes[0]!.id, contact_id: contacts[0]!.id });
    const claim = { conversationId: conversation.id, afterMessageId: 0, at: Date.now() };
    await client.messages.create(conversation.id, { content: 'An agent writes' });
    expect(await findPostedMessage(client, claim, { template_params: reminderTemplate })).toBeNull();
    const same = await client.messages.create(conversation.id, { content: 'Recordatorio' });
    expect(await findPostedMessage(client, claim, { content: 'Recordatorio' })).toMatchObject({ id: same.id });
  });

  it('tells apart earlier identical messages in the conversation (only newer ones count)', async () => {
    const outbox = makeOutbox();
    await outbox.send({ to: { phone: '+5215512345678' }, content: 'Recordatorio' });
    await outbox.drain({ timeoutMs: 5_000 });
    fake.api.configure({ faults: [{ kind: 'timeout', route: MESSAGES, times: 1 }], timeoutHoldMs: 2_000 });
    await outbox.send({ to: { phone: '+5215512345678' }, content: 'Recordatorio' });
    await outbox.drain({ timeoutMs: 25_000 });
    expect(allMessages().map((message) => message.content)).toEqual(['Recordatorio', 'Recordatorio']);
  });

  it('delivers each of many messages once with two outboxes on one store, in order per recipient', async () => {
    const a = makeOutbox({ concurrency: 3 });
    const b = makeOutbox({ concurrency: 3 });
    for (let index = 0; index < 30; index++) {
      await a.send({ to: { phone: `+52155123400${String(index % 5).padStart(2, '0')}` }, content: `m${index}` });
    }
    await Promise.all([a.drain({ timeoutMs: 60_000 }), b.drain({ timeoutMs: 60_000 })]);
    const contents = allMessages().map((message) => message.content);
    expect(contents).toHaveLength(30);
    expect(new Set(contents).size).toBe(30);
    expect(fake.api.conversations()).toHaveLength(5);
  }, 90_000);
});

describe('worker', () => {
  it('start() delivers in the background and stop() waits for the messages in flight', async () => {
    fake.api.configure({ latency: 50 });
    const outbox = makeOutbox();
    outbox.start();
    outbox.start(); // idempotent
    const sent = new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (events.some((event) => event.type === 'sent')) {
          clearInterval(check);
          resolve();
        }
      }, 10);
    });
    const { id } = await outbox.send({ to: { phone: '+5215512345678' }, content: 'Hola' });
    await sent;
    await outbox.send({ to: { phone: '+5215512345679' }, content: 'Adiós' });
    await new Promise((resolve) => setTimeout(resolve, 60));
    await outbox.stop();
    expect(await outbox.status(id)).toMatchObject({ state: 'sent' });
    // Whatever was taken before stop() finished: nothing is left half-done (reserved but not acked or released).
    const size = await store.queue('wootkit:outbox').size();
    expect(size + allMessages().length).toBe(2);
  });

  it('drain() rejects with outbox_drain_timeout when messages stay queued', async () => {
    await fake.stop();
    const outbox = makeOutbox({ backoff: () => 5_000 });
    await outbox.send({ to: { phone: '+5215512345678' }, content: 'Hola' });
    await expect(outbox.drain({ timeoutMs: 300 })).rejects.toBeInstanceOf(OutboxError);
  });
});
