import { describe, expect, expectTypeOf, it } from 'vitest';
import { toRailsJson } from '@wootkit/testing';
import {
  AGENT_BOT_EVENT_NAMES,
  parseWebhookEvent,
  WEBHOOK_EVENT_NAMES,
  WebhookVerificationError,
  type ChatwootWebhookEvent,
  type MessageCreatedEvent,
  type WebhookChangedAttributes,
  type WebhookEvent,
} from '../src/index';
import { payloads } from './webhook.fixtures';

const ALL_EVENT_NAMES = [...WEBHOOK_EVENT_NAMES, ...AGENT_BOT_EVENT_NAMES];

/** The problem a payload of a known event but unexpected shape is kept with (as `unknown`, never thrown). */
function unexpectedShape(input: Record<string, unknown>): string {
  const event = parseWebhookEvent(input);
  if (event.event !== 'unknown') throw new Error(`expected unknown, got ${event.event}`);
  expect(event).toMatchObject({ name: input.event, reason: 'unexpected_shape', payload: input });
  return event.problem ?? '';
}

function malformedMessage(input: unknown): string {
  try {
    parseWebhookEvent(input);
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect((error as WebhookVerificationError).code).toBe('malformed_payload');
    return (error as Error).message;
  }
  throw new Error('expected malformed_payload');
}

describe('parseWebhookEvent', () => {
  it('has a realistic fixture for every event Chatwoot sends', () => {
    expect(Object.keys(payloads).sort()).toEqual([...ALL_EVENT_NAMES].sort());
  });

  it.each(ALL_EVENT_NAMES)('accepts %s from an object, from Rails JSON text and from bytes', (name) => {
    const payload = payloads[name];
    for (const input of [payload, toRailsJson(payload), Buffer.from(toRailsJson(payload))]) {
      const event = parseWebhookEvent(input);
      expect(event.event).toBe(name);
      expect(event).toEqual(JSON.parse(JSON.stringify(payload)));
    }
  });

  it('narrows on event to precise payload types', () => {
    const event: WebhookEvent = parseWebhookEvent(payloads.conversation_created);
    switch (event.event) {
      case 'conversation_created':
        expectTypeOf(event.created_at).toEqualTypeOf<number>();
        expectTypeOf(event.meta.sender.id).toEqualTypeOf<number>();
        expect(event.meta.sender.phone_number).toBe('+525512345678');
        break;
      default:
        throw new Error(`unexpected ${event.event}`);
    }
    const message = parseWebhookEvent(payloads.message_created) as MessageCreatedEvent;
    expectTypeOf(message.message_type).toEqualTypeOf<'incoming' | 'outgoing' | 'template'>();
    expectTypeOf(message.created_at).toEqualTypeOf<string>();
    expectTypeOf<Extract<ChatwootWebhookEvent, { event: 'contact_updated' }>['changed_attributes']>().toBeArray();
  });

  it('keeps private notes and agent senders', () => {
    const note = parseWebhookEvent({
      ...payloads.message_created,
      message_type: 'outgoing',
      private: true,
      sender: { id: 3, name: 'Luis', type: 'user' },
    });
    expect(note).toMatchObject({ private: true, message_type: 'outgoing', sender: { type: 'user' } });
  });

  it('keeps a known event with a wrongly typed field as unknown, saying which field', () => {
    expect(unexpectedShape({ ...payloads.message_created, message_type: 1 })).toContain('message_created.message_type');
    expect(unexpectedShape({ ...payloads.message_created, private: 'no' })).toContain('private');
    expect(unexpectedShape({ ...payloads.message_created, created_at: 1764000000 })).toContain('created_at');
    expect(unexpectedShape({ ...payloads.message_created, conversation: null })).toContain('conversation');
    expect(unexpectedShape({ ...payloads.conversation_created, created_at: '2025-11-24' })).toContain('created_at');
    expect(unexpectedShape({ ...payloads.conversation_created, status: 'closed' })).toContain('status');
    expect(unexpectedShape({ ...payloads.conversation_created, meta: {} })).toContain('meta.sender');
    expect(unexpectedShape({ ...payloads.conversation_resolved, status: 'closed' })).toContain('conversation_resolved.status');
    expect(unexpectedShape({ ...payloads.contact_updated, changed_attributes: undefined })).toContain('changed_attributes');
    expect(unexpectedShape({ ...payloads.contact_created, email: 5 })).toContain('email');
    expect(unexpectedShape({ ...payloads.webwidget_triggered, contact: 'x' })).toContain('contact');
    expect(unexpectedShape({ ...payloads.conversation_typing_on, user: undefined })).toContain('user');
    expect(unexpectedShape({ ...payloads.inbox_created, channel: { id: 1.5 } })).toContain('inbox_created.channel');
    expect(unexpectedShape({ ...payloads.inbox_updated, changed_attributes: {} })).toContain('changed_attributes');
  });

  it('types inbox events as Chatwoot sends them: settings, channel and account, no inbox id', () => {
    const event = parseWebhookEvent(payloads.inbox_updated);
    if (event.event !== 'inbox_updated') throw new Error(`unexpected ${event.event}`);
    expectTypeOf(event.channel.id).toEqualTypeOf<number>();
    expectTypeOf(event.changed_attributes).toEqualTypeOf<WebhookChangedAttributes>();
    expect(event).not.toHaveProperty('id');
    expect(event).not.toHaveProperty('name');
    expect(event.channel.webhook_url).toBe('https://bots.acme.test/chatwoot');
    expect(event.account).toEqual({ id: 1, name: 'Acme Support' });
  });

  it('types the agent-bot-only conversation_opened and conversation_resolved, outside the subscriptions list', () => {
    expect(AGENT_BOT_EVENT_NAMES).toEqual(['conversation_opened', 'conversation_resolved']);
    for (const name of AGENT_BOT_EVENT_NAMES) expect(WEBHOOK_EVENT_NAMES).not.toContain(name);
    const resolved = parseWebhookEvent(payloads.conversation_resolved);
    if (resolved.event !== 'conversation_resolved') throw new Error(`unexpected ${resolved.event}`);
    expectTypeOf(resolved.meta.sender.id).toEqualTypeOf<number>();
    expect(resolved).toMatchObject({ id: 1234, status: 'resolved' });
  });

  it('keeps events this version does not know as unknown_event', () => {
    expect(parseWebhookEvent({ event: 'captain_reply', id: 1 })).toEqual({
      event: 'unknown',
      name: 'captain_reply',
      payload: { event: 'captain_reply', id: 1 },
      reason: 'unknown_event',
    });
  });

  it('refuses non-objects, a missing event and broken JSON', () => {
    for (const bad of [null, 42, 'null', '[]', [], {}, { event: '' }, { event: null }, '{"event":', '\u0000']) {
      malformedMessage(bad);
    }
  });

  it('treats a JSON string body as text, not as JSON to parse twice', () => {
    malformedMessage(JSON.stringify(JSON.stringify(payloads.inbox_created)));
  });

  it('does not mistake inherited names for events', () => {
    for (const name of ['toString', '__proto__', 'constructor', 'hasOwnProperty']) {
      expect(parseWebhookEvent({ event: name })).toEqual({ event: 'unknown', name, payload: { event: name }, reason: 'unknown_event' });
    }
  });
});
