import { describe, expect, it } from 'vitest';
import { signWebhook, toRailsJson } from '@wootkit/testing';
import {
  createMemoryStore,
  createWebhookHandler,
  WebhookHandlerError,
  WebhookVerificationError,
  type WebhookError,
  type WebhookErrorInfo,
} from '../src/index';
import { payloads } from './webhook.fixtures';

const SECRET = 'chatwoot-webhook-secret-42';

function signedRequest(id: number, secret = SECRET) {
  const body = toRailsJson({ ...payloads.message_created, id });
  const { timestamp, signature } = signWebhook({ secret, body });
  return new Request('http://127.0.0.1/hook', { method: 'POST', headers: { 'x-chatwoot-timestamp': timestamp, 'x-chatwoot-signature': signature }, body });
}

describe("onError's error is typed", () => {
  it('a refused delivery is a WebhookVerificationError, a failing handler a WebhookHandlerError handler_failed with its cause', async () => {
    const seen: Array<{ error: WebhookError; info: WebhookErrorInfo }> = [];
    const thrown = new Error('database down');
    const handler = createWebhookHandler({
      secret: SECRET,
      on: { message_created: () => Promise.reject(thrown) },
      onError: (error, info) => void seen.push({ error, info }),
    });
    expect((await handler(signedRequest(1, 'wrong'))).status).toBe(401);
    const failed = await handler(signedRequest(2));
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ ok: false, error: 'handler_failed' });

    expect(seen[0]!.error).toBeInstanceOf(WebhookVerificationError);
    expect(seen[0]!.error.code).toBe('invalid_signature');
    const failure = seen[1]!.error;
    expect(failure).toBeInstanceOf(WebhookHandlerError);
    expect(failure).toMatchObject({ code: 'handler_failed', cause: thrown });
    expect(failure.message).toContain('on.message_created');
    expect(seen[1]!.info.status).toBe(500);
  });

  it('a failing dedupe store is dedupe_failed, and nothing is handled', async () => {
    const seen: WebhookError[] = [];
    let handled = 0;
    const storeDown = new Error('connection refused');
    const handler = createWebhookHandler({
      secret: SECRET,
      dedupe: { ...createMemoryStore(), setIfAbsent: () => Promise.reject(storeDown) },
      on: { message_created: () => void handled++ },
      onError: (error) => void seen.push(error),
    });
    const answer = await handler(signedRequest(3));
    expect(answer.status).toBe(500);
    expect(await answer.json()).toEqual({ ok: false, error: 'dedupe_failed' });
    expect(handled).toBe(0);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ name: 'WebhookHandlerError', code: 'dedupe_failed', cause: storeDown });
  });

  it('a delivery handled but not remembered (the store fails on `done`) answers 200 and tells onError, status 200', async () => {
    const seen: Array<[string, number]> = [];
    let handled = 0;
    const memory = createMemoryStore();
    const handler = createWebhookHandler({
      secret: SECRET,
      dedupe: { ...memory, set: () => Promise.reject(new Error('read-only replica')) },
      on: { message_created: () => void handled++ },
      onError: (error, info) => void seen.push([error.code, info.status]),
    });
    const answer = await handler(signedRequest(4));
    expect([answer.status, await answer.json()]).toEqual([200, { ok: true, handled: true }]);
    expect(handled).toBe(1);
    expect(seen).toEqual([['dedupe_failed', 200]]);
  });
});
