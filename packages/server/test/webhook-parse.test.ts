import { describe, expect, expectTypeOf, it } from 'vitest';
import { toRailsJson } from '@wootkit/testing';
import {
  parseWebhookEvent,
  WEBHOOK_EVENT_NAMES,
  WebhookVerificationError,
  type ChatwootWebhookEvent,
  type MessageCreatedEvent,
  type WebhookEvent,
} from '../src/index';
import { payloads } from './webhook.fixtures';

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
    expect(Object.keys(payloads).sort()).toEqual([...WEBHOOK_EVENT_NAMES].sort());
  });

  it.each(WEBHOOK_EVENT_NAMES)('accepts %s from an object, from Rails JSON text and from bytes', (name) => {
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

  it('says which field is wrong', () => {
    expect(malformedMessage({ ...payloads.message_created, message_type: 1 })).toContain('message_created.message_type');
    expect(malformedMessage({ ...payloads.message_created, private: 'no' })).toContain('private');
    expect(malformedMessage({ ...payloads.message_created, created_at: 1764000000 })).toContain('created_at');
    expect(malformedMessage({ ...payloads.message_created, conversation: null })).toContain('conversation');
    expect(malformedMessage({ ...payloads.conversation_created, created_at: '2025-11-24' })).toContain('created_at');
    expect(malformedMessage({ ...payloads.conversation_created, status: 'closed' })).toContain('status');
    expect(malformedMessage({ ...payloads.conversation_created, meta: {} })).toContain('meta.sender');
    expect(malformedMessage({ ...payloads.contact_updated, changed_attributes: undefined })).toContain('changed_attributes');
    expect(malformedMessage({ ...payloads.contact_created, email: 5 })).toContain('email');
    expect(malformedMessage({ ...payloads.webwidget_triggered, contact: 'x' })).toContain('contact');
    expect(malformedMessage({ ...payloads.conversation_typing_on, user: undefined })).toContain('user');
    expect(malformedMessage({ ...payloads.inbox_created, id: 1.5 })).toContain('id');
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
      expect(parseWebhookEvent({ event: name })).toEqual({ event: 'unknown', name, payload: { event: name } });
    }
  });
});
