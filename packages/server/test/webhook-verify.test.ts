import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, toRailsJson } from '@wootkit/testing';
import {
  ChatwootError,
  verifyWebhook,
  verifyWebhookDelivery,
  WebhookVerificationError,
  type WebhookVerificationErrorCode,
} from '../src/index';
import { payloads } from './webhook.fixtures';

const SECRET = 'whsec-test-7f3a9c';
const NOW = new Date('2025-11-24T16:00:00Z');
const TS = Math.floor(NOW.getTime() / 1000);

function signed(body: string, options: { secret?: string; timestamp?: number } = {}) {
  const { timestamp, signature } = signWebhook({ secret: options.secret ?? SECRET, body, timestamp: options.timestamp ?? TS });
  return {
    'x-chatwoot-timestamp': timestamp,
    'x-chatwoot-signature': signature,
    'x-chatwoot-delivery': '6c1a9a1e-8f7e-4a55-9b1b-8d6f2b0f5a10',
  };
}

function codeOf(run: () => unknown): WebhookVerificationErrorCode | 'no error' {
  try {
    run();
    return 'no error';
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect(error).toBeInstanceOf(ChatwootError);
    expect(String((error as Error).message)).not.toContain(SECRET);
    return (error as WebhookVerificationError).code;
  }
}

describe('verifyWebhook', () => {
  const body = toRailsJson(payloads.message_created);

  it('accepts a Rails-escaped body signed by Chatwoot and returns the typed event', () => {
    expect(body).toContain('\\u003cb\\u003e');
    expect(body).toContain('\\u0026');
    const event = verifyWebhook(body, signed(body), { secret: SECRET, now: NOW });
    expect(event.event).toBe('message_created');
    if (event.event !== 'message_created') throw new Error('narrowing');
    expect(event.message_type).toBe('incoming');
    expect(event.content).toBe('Precio <b>total</b> & envío > 100');
    expect(event.conversation.id).toBe(1234);
  });

  it('verifies the same bytes given as a Buffer, a Uint8Array or an ArrayBuffer', () => {
    const headers = signed(body);
    const buffer = Buffer.from(body, 'utf8');
    const copy = new Uint8Array(buffer);
    for (const raw of [buffer, copy, copy.buffer]) {
      expect(verifyWebhook(raw, headers, { secret: SECRET, now: NOW }).event).toBe('message_created');
    }
  });

  it('matches an independent HMAC of "<timestamp>.<body>" (the scheme, not just our own signer)', () => {
    const signature = createHmac('sha256', SECRET).update(`${TS}.${body}`).digest('hex');
    const headers = { 'X-Chatwoot-Timestamp': String(TS), 'X-Chatwoot-Signature': `sha256=${signature}` };
    expect(verifyWebhook(body, headers, { secret: SECRET, now: NOW }).event).toBe('message_created');
  });

  it('refuses the body re-serialised with JSON.stringify (it is not the signed bytes)', () => {
    const reserialised = JSON.stringify(JSON.parse(body));
    expect(reserialised).not.toBe(body);
    expect(codeOf(() => verifyWebhook(reserialised, signed(body), { secret: SECRET, now: NOW }))).toBe('invalid_signature');
  });

  it('reads headers from a Headers object, a plain object in any case, and Node arrays', () => {
    const h = signed(body);
    const fetchHeaders = new Headers(h);
    const upper = Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toUpperCase(), v]));
    const node = { 'x-chatwoot-timestamp': [h['x-chatwoot-timestamp']], 'x-chatwoot-signature': h['x-chatwoot-signature'] };
    for (const headers of [fetchHeaders, upper, node]) {
      expect(verifyWebhook(body, headers, { secret: SECRET, now: NOW }).event).toBe('message_created');
    }
    const delivery = verifyWebhookDelivery(body, fetchHeaders, { secret: SECRET, now: NOW });
    expect(delivery).toMatchObject({ deliveryId: '6c1a9a1e-8f7e-4a55-9b1b-8d6f2b0f5a10', timestamp: TS, signed: true });
  });

  it('accepts any of several secrets while rotating, and refuses a retired one', () => {
    const oldHeaders = signed(body, { secret: 'old-secret' });
    const newHeaders = signed(body, { secret: 'new-secret' });
    const rotating = { secret: ['new-secret', 'old-secret'], now: NOW };
    expect(verifyWebhook(body, oldHeaders, rotating).event).toBe('message_created');
    expect(verifyWebhook(body, newHeaders, rotating).event).toBe('message_created');
    expect(codeOf(() => verifyWebhook(body, oldHeaders, { secret: ['new-secret'], now: NOW }))).toBe('invalid_signature');
  });

  it('enforces the timestamp tolerance (default 300 s) both ways, after the signature', () => {
    const at = (offset: number) => signed(body, { timestamp: TS + offset });
    expect(verifyWebhook(body, at(-300), { secret: SECRET, now: NOW }).event).toBe('message_created');
    expect(verifyWebhook(body, at(299), { secret: SECRET, now: NOW.getTime() }).event).toBe('message_created');
    expect(codeOf(() => verifyWebhook(body, at(-301), { secret: SECRET, now: NOW }))).toBe('timestamp_out_of_range');
    expect(codeOf(() => verifyWebhook(body, at(3600), { secret: SECRET, now: NOW }))).toBe('timestamp_out_of_range');
    expect(verifyWebhook(body, at(-3600), { secret: SECRET, now: NOW, toleranceSeconds: 7200 }).event).toBe('message_created');
    // A forged signature with an old timestamp is reported as a bad signature, not as "too old".
    const forged = { ...at(-9999), 'x-chatwoot-signature': `sha256=${'0'.repeat(64)}` };
    expect(codeOf(() => verifyWebhook(body, forged, { secret: SECRET, now: NOW }))).toBe('invalid_signature');
  });

  it('refuses a body changed by one byte, a changed timestamp and malformed signature headers', () => {
    const headers = signed(body);
    expect(codeOf(() => verifyWebhook(body.replace('9001', '9002'), headers, { secret: SECRET, now: NOW }))).toBe('invalid_signature');
    expect(codeOf(() => verifyWebhook(body, { ...headers, 'x-chatwoot-timestamp': String(TS + 1) }, { secret: SECRET, now: NOW }))).toBe('invalid_signature');
    const hex = headers['x-chatwoot-signature'].slice('sha256='.length);
    for (const bad of [hex, `sha1=${hex}`, `sha256=${hex.slice(1)}`, `sha256=${hex}00`, `sha256=${'z'.repeat(64)}`]) {
      expect(codeOf(() => verifyWebhook(body, { ...headers, 'x-chatwoot-signature': bad }, { secret: SECRET, now: NOW }))).toBe('invalid_signature');
    }
  });

  it('names the missing or broken header', () => {
    const { 'x-chatwoot-signature': _s, ...noSignature } = signed(body);
    const { 'x-chatwoot-timestamp': _t, ...noTimestamp } = signed(body);
    expect(codeOf(() => verifyWebhook(body, noSignature, { secret: SECRET, now: NOW }))).toBe('missing_signature');
    expect(codeOf(() => verifyWebhook(body, {}, { secret: SECRET, now: NOW }))).toBe('missing_signature');
    expect(codeOf(() => verifyWebhook(body, noTimestamp, { secret: SECRET, now: NOW }))).toBe('missing_timestamp');
    expect(codeOf(() => verifyWebhook(body, { ...signed(body), 'x-chatwoot-timestamp': '17e8' }, { secret: SECRET, now: NOW }))).toBe('invalid_timestamp');
  });

  it('requires a configured secret unless requireSignature is false', () => {
    expect(codeOf(() => verifyWebhook(body, signed(body), { secret: '' }))).toBe('missing_secret');
    expect(codeOf(() => verifyWebhook(body, signed(body), {} as never))).toBe('missing_secret');
  });

  it('with requireSignature: false accepts unsigned deliveries but still checks signed ones', () => {
    const lax = { secret: SECRET, requireSignature: false, now: NOW };
    const unsigned = verifyWebhookDelivery(body, { 'content-type': 'application/json' }, lax);
    expect(unsigned).toMatchObject({ signed: false, deliveryId: undefined });
    expect(unsigned.event.event).toBe('message_created');
    const tampered = { ...signed(body), 'x-chatwoot-signature': `sha256=${'a'.repeat(64)}` };
    expect(codeOf(() => verifyWebhook(body, tampered, lax))).toBe('invalid_signature');
    expect(verifyWebhook(body, {}, { requireSignature: false }).event).toBe('message_created');
  });

  it('refuses authentic bodies that are not a Chatwoot payload, with malformed_payload', () => {
    for (const bad of ['not json', '[1,2]', '{"event":42}', '{"id":1}']) {
      expect(codeOf(() => verifyWebhook(bad, signed(bad), { secret: SECRET, now: NOW }))).toBe('malformed_payload');
    }
    const invalidUtf8 = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    expect(codeOf(() => verifyWebhook(invalidUtf8, signWebhookBytes(invalidUtf8), { secret: SECRET, now: NOW }))).toBe('malformed_payload');
    expect(codeOf(() => verifyWebhook({ event: 'message_created' } as never, signed(body), { secret: SECRET, now: NOW }))).toBe('malformed_payload');
  });

  it('keeps an unknown event whole instead of failing (a newer Chatwoot must not break receivers)', () => {
    const future = toRailsJson({ event: 'conversation_deleted', id: 5, note: '<x>' });
    const event = verifyWebhook(future, signed(future), { secret: SECRET, now: NOW });
    expect(event).toEqual({
      event: 'unknown',
      name: 'conversation_deleted',
      payload: { event: 'conversation_deleted', id: 5, note: '<x>' },
      reason: 'unknown_event',
    });
  });

  it('keeps an authentic known event of unexpected shape as unknown, never refused', () => {
    const odd = '{"event":"message_created","id":"1"}';
    expect(verifyWebhook(odd, signed(odd), { secret: SECRET, now: NOW })).toMatchObject({
      event: 'unknown',
      name: 'message_created',
      reason: 'unexpected_shape',
      problem: 'message_created.id must be an integer',
    });
  });
});

function signWebhookBytes(body: Uint8Array) {
  const { timestamp, signature } = signWebhook({ secret: SECRET, body, timestamp: TS });
  return { 'x-chatwoot-timestamp': timestamp, 'x-chatwoot-signature': signature };
}
