import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signWebhook, toRailsJson } from '@wootkit/testing';
import {
  identifierHash,
  identifierHashAsync,
  signWebhook as signWithWebCrypto,
  verifyWebhookAsync,
  verifyWebhookDelivery,
  verifyWebhookDeliveryAsync,
  WebhookVerificationError,
  type VerifyWebhookOptions,
  type WebhookBody,
  type WebhookHeaders,
} from '../src/index';
import { payloads } from './webhook.fixtures';

/**
 * `verifyWebhookAsync` (Web Crypto, for `@wootkit/server/webhooks`) must agree with `verifyWebhook` (`node:crypto`)
 * on every delivery: the same event, source and delivery id, or the same error code. The scenarios cover every code;
 * fast-check then compares the two on random bodies, secrets, clocks and damaged signatures.
 */
const SECRET = 'whsec-async-0c4f';
const NOW = new Date('2025-11-24T16:00:00Z');
const TS = Math.floor(NOW.getTime() / 1000);

function signed(body: string | Uint8Array, options: { secret?: string; timestamp?: number } = {}): Record<string, string> {
  const timestamp = String(options.timestamp ?? TS);
  const mac = createHmac('sha256', options.secret ?? SECRET).update(`${timestamp}.`).update(body).digest('hex');
  return { 'x-chatwoot-timestamp': timestamp, 'x-chatwoot-signature': `sha256=${mac}`, 'x-chatwoot-delivery': 'delivery-1' };
}

type Outcome = { ok: true; event: string; source: string | undefined; deliveryId: string | undefined; signed: boolean } | { ok: false; code: string };

function outcomeOf(run: () => { event: { event: string }; source?: string | undefined; deliveryId: string | undefined; signed: boolean }): Outcome {
  try {
    const { event, source, deliveryId, signed } = run();
    return { ok: true, event: event.event, source, deliveryId, signed };
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    return { ok: false, code: error.code };
  }
}

async function asyncOutcomeOf(run: () => Promise<{ event: { event: string }; source?: string | undefined; deliveryId: string | undefined; signed: boolean }>): Promise<Outcome> {
  try {
    const { event, source, deliveryId, signed } = await run();
    return { ok: true, event: event.event, source, deliveryId, signed };
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    return { ok: false, code: error.code };
  }
}

async function bothOutcomes(body: WebhookBody, headers: WebhookHeaders, options: VerifyWebhookOptions): Promise<[Outcome, Outcome]> {
  return [outcomeOf(() => verifyWebhookDelivery(body, headers, options)), await asyncOutcomeOf(() => verifyWebhookDeliveryAsync(body, headers, options))];
}

const body = toRailsJson(payloads.message_created);
const bytes = new TextEncoder().encode(body);
const at = { secret: SECRET, now: NOW };

const scenarios: Array<[string, WebhookBody, WebhookHeaders, VerifyWebhookOptions, string]> = [
  ['genuine (string)', body, signed(body), at, 'message_created'],
  ['genuine (Uint8Array)', bytes, signed(body), at, 'message_created'],
  ['genuine (ArrayBuffer)', bytes.slice().buffer, signed(body), at, 'message_created'],
  ['genuine (Headers)', body, new Headers(signed(body)), at, 'message_created'],
  ['rotating secrets', body, signed(body, { secret: 'old' }), { secret: ['new', 'old'], now: NOW }, 'message_created'],
  ['named secrets', body, signed(body, { secret: 'relay' }), { secret: { account: SECRET, evolution: 'relay' }, now: NOW }, 'message_created'],
  ['one byte changed', body.replace('"id":', '"id": '), signed(body), at, 'invalid_signature'],
  ['wrong secret', body, signed(body, { secret: 'other' }), at, 'invalid_signature'],
  ['no sha256= prefix', body, { ...signed(body), 'x-chatwoot-signature': signed(body)['x-chatwoot-signature']!.slice(7) }, at, 'invalid_signature'],
  ['short signature', body, { ...signed(body), 'x-chatwoot-signature': 'sha256=abc' }, at, 'invalid_signature'],
  ['timestamp changed', body, { ...signed(body), 'x-chatwoot-timestamp': String(TS + 1) }, at, 'invalid_signature'],
  ['301 s old', body, signed(body, { timestamp: TS - 301 }), at, 'timestamp_out_of_range'],
  ['300 s old', body, signed(body, { timestamp: TS - 300 }), at, 'message_created'],
  ['no signature', body, { 'x-chatwoot-timestamp': String(TS) }, at, 'missing_signature'],
  ['no timestamp', body, { 'x-chatwoot-signature': signed(body)['x-chatwoot-signature']! }, at, 'missing_timestamp'],
  ['timestamp not digits', body, { ...signed(body), 'x-chatwoot-timestamp': '17e8' }, at, 'invalid_timestamp'],
  ['no secret', body, signed(body), { secret: '' }, 'missing_secret'],
  ['unsigned, requireSignature false', body, {}, { requireSignature: false }, 'message_created'],
  ['signed wrongly, requireSignature false with a secret', body, signed(body, { secret: 'x' }), { ...at, requireSignature: false }, 'invalid_signature'],
  ['not JSON', 'not json', signed('not json'), at, 'malformed_payload'],
  ['parsed JSON instead of bytes', { event: 'x' } as never, signed(body), at, 'malformed_payload'],
];

describe('verifyWebhookAsync agrees with verifyWebhook', () => {
  for (const [name, raw, headers, options, expected] of scenarios) {
    it(`${name} → ${expected}`, async () => {
      const [sync, web] = await bothOutcomes(raw, headers, options);
      expect(web).toEqual(sync);
      expect(web.ok ? web.event : web.code).toBe(expected);
    });
  }

  it('names the source of a named secret and the delivery id', async () => {
    const delivery = await verifyWebhookDeliveryAsync(body, signed(body, { secret: 'relay' }), { secret: { account: SECRET, evolution: 'relay' }, now: NOW });
    expect([delivery.source, delivery.deliveryId, delivery.timestamp, delivery.signed]).toEqual(['evolution', 'delivery-1', TS, true]);
    expect((await verifyWebhookAsync(body, signed(body), at)).event).toBe('message_created');
  });

  it('rejects (never throws synchronously) and keeps the secret out of the error', async () => {
    const pending = verifyWebhookAsync(body, signed(body, { secret: 'other' }), at);
    expect(pending).toBeInstanceOf(Promise);
    const error = await pending.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect(JSON.stringify(error) + String(error)).not.toContain(SECRET);
  });

  it('on random bodies, secrets, clocks and damaged signatures', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 200 }),
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.integer({ min: -400, max: 400 }),
        fc.option(fc.nat(63), { nil: undefined }),
        async (content, secret, skew, damagedAt) => {
          const raw = toRailsJson({ ...payloads.message_created, content });
          const headers = signed(raw, { secret, timestamp: TS + skew });
          if (damagedAt !== undefined) {
            const hex = headers['x-chatwoot-signature']!.slice(7);
            const flipped = hex[damagedAt] === '0' ? '1' : '0';
            headers['x-chatwoot-signature'] = `sha256=${hex.slice(0, damagedAt)}${flipped}${hex.slice(damagedAt + 1)}`;
          }
          const [sync, web] = await bothOutcomes(raw, headers, { secret, now: NOW });
          expect(web).toEqual(sync);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('accepts what the Web Crypto signWebhook signs, on both verifiers', async () => {
    const headers = await signWithWebCrypto({ secret: SECRET, body, timestamp: TS });
    expect(headers['x-chatwoot-signature']).toBe(signed(body)['x-chatwoot-signature']);
    expect((await verifyWebhookAsync(body, headers, at)).event).toBe('message_created');
    // The stand-in's signer (node:crypto) and ours agree.
    expect(signWebhook({ secret: SECRET, body, timestamp: TS }).signature).toBe(headers['x-chatwoot-signature']);
  });
});

describe('identifierHashAsync', () => {
  it('equals identifierHash (RFC 4231 vector, numbers, bigint, unicode)', async () => {
    expect(await identifierHashAsync('what do ya want for nothing?', 'Jefe')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    for (const identifier of [12345, 12345n, 'ünïcode-ид', 'a', '']) {
      expect(await identifierHashAsync(identifier, 'tok')).toBe(identifierHash(identifier, 'tok'));
    }
  });

  it('rejects a missing token with a TypeError naming the parameter', async () => {
    await expect(identifierHashAsync('user-1', '')).rejects.toThrow(TypeError);
    await expect(identifierHashAsync('user-1', undefined as never)).rejects.toThrow(/identifierHashAsync: hmacToken/);
  });
});
