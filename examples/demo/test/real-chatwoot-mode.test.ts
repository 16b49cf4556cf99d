/**
 * The `CHATWOOT_*` path: the demo given a Chatwoot it did not start (here a separately started stand-in playing the
 * real one, set up as the README tells an admin to) starts no stand-in of its own, verifies webhooks with the
 * configured secret and answers through that Chatwoot's API. The visitor's widget is driven over HTTP (no browser).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { readDemoConfig } from '../src/config';
import { startDemo, type RunningDemo } from '../src/start-demo';

const WEBSITE_TOKEN = 'real-mode-site';
const HMAC_TOKEN = 'real-mode-hmac-token';
const WAIT_MS = 20_000;

let chatwoot: FakeChatwoot;
let demo: RunningDemo;

/** A port nobody uses right now, so the webhook can be registered before the demo listens on it. */
async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function until<T>(read: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (let attempt = 0; attempt < 400 && Date.now() < deadline; attempt++) {
    const value = read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

beforeAll(async () => {
  chatwoot = await startFakeChatwoot({ widget: { hmacTokens: { [WEBSITE_TOKEN]: HMAC_TOKEN }, hmacMandatory: true } });
  const [inbox] = chatwoot.api.seed({
    inboxes: [{ name: 'Shop', channel_type: 'Channel::WebWidget', website_token: WEBSITE_TOKEN, hmac_token: HMAC_TOKEN }],
  }).inboxes;
  const port = await freePort();
  // What the README asks an admin to do in Chatwoot's settings: a webhook to the demo, with its own secret.
  const webhook = await fetch(`${chatwoot.url}/api/v1/accounts/${chatwoot.api.accountId}/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', api_access_token: chatwoot.api.tokens.admin },
    body: JSON.stringify({ url: `http://127.0.0.1:${port}/webhooks/chatwoot`, subscriptions: ['conversation_created', 'message_created'] }),
  }).then((response) => response.json());

  const config = readDemoConfig({
    DEMO_PORT: String(port),
    CHATWOOT_BASE_URL: chatwoot.url,
    CHATWOOT_API_ACCESS_TOKEN: chatwoot.api.tokens.admin,
    CHATWOOT_ACCOUNT_ID: String(chatwoot.api.accountId),
    CHATWOOT_INBOX_ID: String(inbox!.id),
    CHATWOOT_WEBSITE_TOKEN: WEBSITE_TOKEN,
    CHATWOOT_HMAC_TOKEN: HMAC_TOKEN,
    CHATWOOT_WEBHOOK_SECRET: webhook.payload.webhook.secret,
    DEMO_PUBLIC_URL: `http://127.0.0.1:${port}`,
  });
  demo = await startDemo(config);
});

afterAll(async () => {
  await demo?.close();
  await chatwoot?.close();
});

describe('the demo pointed at a Chatwoot by CHATWOOT_* variables', () => {
  it('serves that Chatwoot to the page and runs the round trip through it, secrets kept on the server', async () => {
    expect(demo.mode).toBe('chatwoot');
    expect(demo.standIn).toBeUndefined();
    const html = await (await fetch(demo.url)).text();
    expect(html).toContain(`data-base-url="${chatwoot.url}"`);
    expect(html).toContain(`data-website-token="${WEBSITE_TOKEN}"`);
    // The launcher's colour is the inbox's widget_color, read through that Chatwoot's API (the stand-in's is #1f93ff).
    expect(html).toContain('data-color="#1f93ff"');
    expect(html).not.toContain(HMAC_TOKEN);
    expect(html).not.toContain(chatwoot.api.tokens.admin);

    // The visitor logs in on the page (identity from the demo server) and the widget identifies them.
    const login = await fetch(`${demo.url}/api/login`, {
      method: 'POST',
      body: JSON.stringify({ name: 'Lucía Pérez', phone: '+52 1 33 1234 5678' }),
    });
    const identity = await login.json();
    expect(JSON.stringify(identity)).not.toContain(HMAC_TOKEN);
    expect(identity.user.phone_number).toBe('+523312345678');

    const widgetPage = await (await fetch(`${chatwoot.url}/widget?website_token=${WEBSITE_TOKEN}`)).text();
    const { session } = JSON.parse(/id="fake-widget-boot">([^<]*)<\/script>/.exec(widgetPage)![1]!) as { session: string };
    const post = (path: string, body: unknown) =>
      fetch(`${chatwoot.url}/__fake/widget/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ session, ...(body as object) }) });
    // Chatwoot checks the hash (hmacMandatory): a 200 here means the server-side hash is right.
    expect((await post('set-user', { identifier: identity.identifier, user: identity.user })).status).toBe(200);
    expect((await post('messages', { content: '¿Tienen envío a Guadalajara?' })).status).toBe(201);

    const reply = await until(
      () => chatwoot.widget.visitors(WEBSITE_TOKEN)[0]?.messages.find((message) => message.message_type === 1),
      'the auto-reply in the widget',
    );
    expect(reply.content).toContain('Hi Lucía!');
    const [conversation] = chatwoot.api.conversations();
    expect(conversation!.assigneeId).not.toBeNull();
    expect(demo.log.entries().filter((entry) => entry.step === 'contact')[0]?.data).toMatchObject({ phone: '+523312345678' });
    expect(demo.log.entries().filter((entry) => entry.step === 'error')).toEqual([]);
  });
});
