import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signWebhook, toRailsJson } from '@wootkit/testing';
import {
  ChatwootError,
  createWebhookHandler,
  normalizePhone,
  parseWebhookEvent,
  PhoneNumberError,
  phoneVariants,
  verifyWebhook,
  WEBHOOK_EVENT_NAMES,
  WebhookVerificationError,
  type WebhookVerificationErrorCode,
} from '../src/index';
import { payloads } from './webhook.fixtures';

// Property-based fuzzing (issue 6, item 5): arbitrary bytes, text and headers in, only typed errors out.
// Every property is bounded in runs and in time, so a regression that hangs fails the test instead of the suite.
const RUNS = { numRuns: 1500, interruptAfterTimeLimit: 20_000 } as const;
const SECRET = 'fuzz-secret-9d2c';
const NOW = 1_764_000_000_000;
const TS = NOW / 1000;

const VERIFY_CODES = new Set<WebhookVerificationErrorCode>([
  'missing_signature',
  'missing_timestamp',
  'invalid_timestamp',
  'invalid_signature',
  'timestamp_out_of_range',
  'malformed_payload',
  'missing_secret',
]);

/** Runs `run`; passes if it returns, or throws a typed error with an allowed code that does not leak the secret. */
function onlyTypedErrors<T>(run: () => T, ErrorType: typeof ChatwootError, codes: ReadonlySet<string>): T | undefined {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof ErrorType) || !(error instanceof ChatwootError)) {
      throw new Error(`untyped error escaped: ${String(error)}`, { cause: error });
    }
    if (!codes.has(error.code)) throw new Error(`unexpected code ${error.code}`);
    if (error.message.includes(SECRET)) throw new Error('secret leaked into an error message');
    return undefined;
  }
}

const headerName = fc.oneof(
  fc.constantFrom('x-chatwoot-signature', 'x-chatwoot-timestamp', 'x-chatwoot-delivery').chain((name) => fc.mixedCase(fc.constant(name))),
  fc.string({ maxLength: 30 }),
);
const headerValue = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.stringMatching(/^sha256=[0-9a-fA-F]{0,70}$/),
  fc.integer().map(String),
  fc.array(fc.string({ maxLength: 80 }), { maxLength: 3 }),
  fc.constant(undefined),
  fc.integer(),
);
const headers = fc.dictionary(headerName, headerValue, { maxKeys: 6 });
const bodies = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }),
  fc.string({ unit: 'binary', maxLength: 2048 }),
  fc.json({ maxDepth: 6 }),
  fc.constantFrom(...Object.values(payloads)).map((payload) => toRailsJson(payload)),
);
const options = fc.record(
  {
    secret: fc.oneof(fc.constant(SECRET), fc.array(fc.oneof(fc.constant(SECRET), fc.string()), { maxLength: 3 }), fc.string()),
    toleranceSeconds: fc.oneof(fc.integer({ min: -10, max: 1e9 }), fc.constantFrom(NaN, Infinity, 0)),
    requireSignature: fc.boolean(),
    now: fc.constant(NOW),
  },
  { requiredKeys: ['secret', 'now'] },
);

/** A valid payload with one field replaced by arbitrary JSON (or removed): the shapes a buggy sender could produce. */
const mutatedPayloads = fc
  .tuple(fc.constantFrom(...WEBHOOK_EVENT_NAMES), fc.jsonValue({ maxDepth: 3 }), fc.nat(), fc.boolean())
  .map(([name, replacement, which, remove]) => {
    const payload: Record<string, unknown> = JSON.parse(JSON.stringify(payloads[name]));
    const keys = Object.keys(payload);
    const key = keys[which % keys.length]!;
    if (remove) delete payload[key];
    else payload[key] = replacement;
    return payload;
  });

describe('fuzz: verifyWebhook', () => {
  it('arbitrary bodies, headers and options give an event or a typed error, never anything else', () => {
    fc.assert(
      fc.property(bodies, headers, options, (body, hdrs, opts) => {
        const event = onlyTypedErrors(() => verifyWebhook(body, hdrs, opts), WebhookVerificationError, VERIFY_CODES);
        if (event !== undefined) expect(typeof event.event).toBe('string');
      }),
      RUNS,
    );
  });

  it('a correct signature over arbitrary bytes never reads as a bad signature; the result is an event or malformed_payload', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 2048 }), mutatedPayloads.map(toRailsJson)), (body) => {
        const { timestamp, signature } = signWebhook({ secret: SECRET, body, timestamp: TS });
        const signed = { 'x-chatwoot-timestamp': timestamp, 'x-chatwoot-signature': signature };
        onlyTypedErrors(() => verifyWebhook(body, signed, { secret: SECRET, now: NOW }), WebhookVerificationError, new Set(['malformed_payload']));
      }),
      RUNS,
    );
  });

  it('any change to a signed body is refused as invalid_signature', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 512 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (body, at, flip) => {
        const { timestamp, signature } = signWebhook({ secret: SECRET, body, timestamp: TS });
        const changed = Uint8Array.from(body);
        changed[at % changed.length]! ^= flip;
        const signed = { 'x-chatwoot-timestamp': timestamp, 'x-chatwoot-signature': signature };
        expect(() => verifyWebhook(changed, signed, { secret: SECRET, now: NOW })).toThrow(
          expect.objectContaining({ code: 'invalid_signature' }),
        );
      }),
      RUNS,
    );
  });
});

describe('fuzz: parseWebhookEvent', () => {
  it('any JSON value, text or bytes gives an event or malformed_payload', () => {
    const inputs = fc.oneof(
      fc.anything({ maxDepth: 4 }),
      fc.jsonValue({ maxDepth: 5 }),
      fc.string({ unit: 'binary', maxLength: 1024 }),
      fc.uint8Array({ maxLength: 1024 }),
      mutatedPayloads,
      mutatedPayloads.map(toRailsJson),
    );
    fc.assert(
      fc.property(inputs, (input) => {
        const event = onlyTypedErrors(() => parseWebhookEvent(input), WebhookVerificationError, new Set(['malformed_payload']));
        if (event !== undefined && event.event !== 'unknown') expect(WEBHOOK_EVENT_NAMES).toContain(event.event);
      }),
      RUNS,
    );
  });

  it('survives deeply nested JSON', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    onlyTypedErrors(() => parseWebhookEvent(deep), WebhookVerificationError, new Set(['malformed_payload']));
    const deepObject = `{"event":"message_created","id":1,"x":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`;
    onlyTypedErrors(() => parseWebhookEvent(deepObject), WebhookVerificationError, new Set(['malformed_payload']));
  });
});

describe('fuzz: normalizePhone', () => {
  const PHONE_CODES = new Set(['invalid_phone', 'missing_country', 'invalid_country']);
  const countries = fc.oneof(fc.constant(undefined), fc.constantFrom('MX', 'AR', 'US', 'GB', 'DE', 'BR', 'IN', 'es'), fc.string({ maxLength: 4 }));
  const phoneish = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 80 }),
    fc.stringMatching(/^\+?[0-9 ()\-.]{0,25}$/),
    fc.stringMatching(/^(whatsapp:|tel:)?\+52 ?1? ?[0-9]{10}$/),
    fc.stringMatching(/^\+54 ?9? ?[0-9]{10}$/),
    fc.integer().map(String),
  );

  it('arbitrary text gives E.164 or a typed PhoneNumberError; E.164 output is stable and has its variants', () => {
    fc.assert(
      fc.property(phoneish, countries, (input, defaultCountry) => {
        const e164 = onlyTypedErrors(() => normalizePhone(input, { defaultCountry }), PhoneNumberError, PHONE_CODES);
        if (e164 === undefined) return;
        expect(e164).toMatch(/^\+[1-9]\d{1,14}$/);
        expect(normalizePhone(e164)).toBe(e164);
        expect(phoneVariants(e164)[0]).toBe(e164);
      }),
      RUNS,
    );
  });

  it('arbitrary non-text input gives a typed error', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 2 }), (input) => {
        onlyTypedErrors(() => normalizePhone(input as never), PhoneNumberError, PHONE_CODES);
        onlyTypedErrors(() => phoneVariants(input as never), PhoneNumberError, PHONE_CODES);
      }),
      { numRuns: 500 },
    );
  });
});

describe('fuzz: createWebhookHandler', () => {
  it('answers every arbitrary request with 200/400/401/405/413, never 500 or a throw', async () => {
    let handled = 0;
    const handler = createWebhookHandler({ secret: SECRET, maxBodyBytes: 4096, on: { message_created: () => void handled++ } });
    const methods = fc.constantFrom('POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE', 'PATCH');
    const headerRecords = fc.dictionary(
      fc.constantFrom('x-chatwoot-signature', 'x-chatwoot-timestamp', 'x-chatwoot-delivery', 'content-type', 'x-other'),
      fc.string({ maxLength: 80 }).map((value) => value.replace(/[^\x20-\x7e]/g, '')),
      { maxKeys: 5 },
    );
    await fc.assert(
      fc.asyncProperty(methods, headerRecords, fc.uint8Array({ maxLength: 6000 }), async (method, hdrs, body) => {
        const request = new Request('http://127.0.0.1/hook', {
          method,
          headers: hdrs,
          body: method === 'GET' ? undefined : body,
        });
        const response = await handler(request);
        expect([200, 400, 401, 405, 413]).toContain(response.status);
        expect(await response.text()).not.toContain(SECRET);
      }),
      { numRuns: 400, interruptAfterTimeLimit: 20_000 },
    );
    expect(handled).toBe(0);
  });
});
