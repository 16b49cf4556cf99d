import { describe, expect, it } from 'vitest';
import { signWebhook, toRailsJson } from '@wootkit/testing';
import { createMemoryStore, createWebhookHandler, type WebhookHandlerOptions } from '../src/index';
import { payloads } from './webhook.fixtures';

const SECRET = 'chatwoot-webhook-secret-42';
const URL_ = 'http://127.0.0.1/webhooks/chatwoot';

/** A handler counting what reaches `on.message_created`; `fail` makes the first N calls throw. */
function counting(options: Partial<WebhookHandlerOptions> & { fail?: number } = {}) {
  let handled = 0;
  let calls = 0;
  const handler = createWebhookHandler({
    secret: SECRET,
    on: {
      message_created: () => {
        calls++;
        if (calls <= (options.fail ?? 0)) throw new Error('database down');
        handled++;
      },
    },
    ...options,
  });
  return { handler, handled: () => handled };
}

/** One genuine delivery as Chatwoot signs it, captured: body, timestamp and signature. */
function captured(payload: unknown = payloads.message_created, timestamp?: number) {
  const body = toRailsJson(payload);
  const { timestamp: ts, signature } = signWebhook({ secret: SECRET, body, timestamp });
  return { body, ts, signature };
}

function send(handler: (request: Request) => Promise<Response>, delivery: ReturnType<typeof captured>, deliveryId?: string) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-chatwoot-timestamp': delivery.ts,
    'x-chatwoot-signature': delivery.signature,
  };
  if (deliveryId !== undefined) headers['x-chatwoot-delivery'] = deliveryId;
  return handler(new Request(URL_, { method: 'POST', headers, body: delivery.body }));
}

describe('a replayed delivery is handled once, whatever its delivery id', () => {
  it('handles one genuine delivery re-sent within the tolerance under other delivery ids, or none, once', async () => {
    const { handler, handled } = counting();
    const delivery = captured();
    const answers = [];
    for (const id of ['genuine-1', 'forged-2', 'forged-3', undefined, 'forged-5']) {
      const response = await send(handler, delivery, id);
      answers.push({ status: response.status, ...(await response.json()) });
    }
    expect(handled()).toBe(1);
    expect(answers[0]).toEqual({ status: 200, ok: true, handled: true });
    for (const answer of answers.slice(1)) expect(answer).toEqual({ status: 200, ok: true, duplicate: true });
  });

  it('still handles distinct deliveries, and catches a Chatwoot retry (same id, fresh signature) by its id', async () => {
    const { handler, handled } = counting();
    const now = Math.floor(Date.now() / 1000);
    await send(handler, captured(payloads.message_created, now), 'a');
    await send(handler, captured({ ...payloads.message_created, id: 999_001 }, now), 'b');
    expect(handled()).toBe(2);
    const retry = await send(handler, captured(payloads.message_created, now - 3), 'a');
    expect(await retry.json()).toMatchObject({ duplicate: true });
    expect(handled()).toBe(2);
  });

  it('forgets both keys when the handler fails, so the retry of that delivery is handled', async () => {
    const store = createMemoryStore();
    const { handler, handled } = counting({ fail: 1, dedupe: store });
    const delivery = captured();
    expect((await send(handler, delivery, 'x')).status).toBe(500);
    expect((await send(handler, delivery, 'x')).status).toBe(200);
    expect(handled()).toBe(1);
  });

  it('dedupes on the delivery id alone for unsigned deliveries (requireSignature: false)', async () => {
    const { handler, handled } = counting({ secret: undefined, requireSignature: false });
    const body = toRailsJson(payloads.message_created);
    const post = (id: string) =>
      handler(new Request(URL_, { method: 'POST', headers: { 'content-type': 'application/json', 'x-chatwoot-delivery': id }, body }));
    await post('u1');
    await post('u1');
    await post('u2');
    expect(handled()).toBe(2);
  });
});

describe('named secrets', () => {
  it("give each delivery the name of the secret that signed it, and refuse one signed by none", async () => {
    const seen: Array<string | undefined> = [];
    const handler = createWebhookHandler({
      secret: { account: 'account-secret', evolution: ['evolution-old', 'evolution-new'] },
      on: { message_created: (_event, context) => void seen.push(context.source) },
    });
    const sendSigned = (secret: string, id: number) => {
      const body = toRailsJson({ ...payloads.message_created, id });
      const { timestamp, signature } = signWebhook({ secret, body });
      return handler(new Request(URL_, { method: 'POST', headers: { 'x-chatwoot-timestamp': timestamp, 'x-chatwoot-signature': signature }, body }));
    };
    expect((await sendSigned('account-secret', 1)).status).toBe(200);
    expect((await sendSigned('evolution-new', 2)).status).toBe(200);
    expect((await sendSigned('someone-else', 3)).status).toBe(401);
    expect(seen).toEqual(['account', 'evolution']);
  });
});
