import { afterEach, describe, expect, it, vi } from 'vitest';
import { signWebhook, toRailsJson } from '@wootkit/testing';
import { createWebhookHandler } from '../src/index';
import { payloads } from './webhook.fixtures';

afterEach(() => vi.restoreAllMocks());

function post(handler: (request: Request) => Promise<Response>, body: string, headers: Record<string, string>) {
  return handler(new Request('http://127.0.0.1/hook', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }));
}

describe('requireSignature: false with no secret', () => {
  // First: the warning is once per process, so this test must run before any warning was printed.
  it('verifies signed deliveries when a secret is set, and then never warns', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const handler = createWebhookHandler({ secret: 'the-secret', requireSignature: false, on: {} });
    const body = toRailsJson(payloads.message_created);
    const forged = signWebhook({ secret: 'guessed', body });
    const answer = await post(handler, body, { 'x-chatwoot-timestamp': forged.timestamp, 'x-chatwoot-signature': forged.signature });
    expect(answer.status).toBe(401);
    expect(warn).not.toHaveBeenCalled();
  });
  it('accepts a forged signature as documented, and warns once per process, naming no secret', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    let handled = 0;
    const handler = createWebhookHandler({ requireSignature: false, on: { message_created: () => void handled++ } });
    const body = toRailsJson(payloads.message_created);
    const forged = signWebhook({ secret: 'guessed', body });

    const unsigned = await post(handler, body, { 'x-chatwoot-delivery': 'plain-1' });
    expect(unsigned.status).toBe(200);
    expect(warn).not.toHaveBeenCalled(); // an unsigned sender is what the option is for

    for (const id of ['forged-1', 'forged-2']) {
      const answer = await post(handler, toRailsJson({ ...payloads.message_created, id: id.length }), {
        'x-chatwoot-delivery': id,
        'x-chatwoot-timestamp': forged.timestamp,
        'x-chatwoot-signature': forged.signature,
      });
      expect(answer.status).toBe(200);
    }
    expect(handled).toBe(3);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain('WITHOUT checking its signature');
  });

});
