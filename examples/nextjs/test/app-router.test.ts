/**
 * The Next.js App Router example (`ChatwootProvider` in the server `app/layout.tsx`) built with `next build`, served
 * by `next start` on 127.0.0.1 and driven in real Chromium against the Chatwoot stand-in: the page renders, the
 * widget loads once, `set-user` reaches the widget once (also after the page is left and entered again), and each
 * `<Link>` navigation reaches the widget once. Then the same under `next dev` (React StrictMode mounts every
 * component twice). Uses the built packages (`pnpm test` builds first).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  POLL,
  useChromiumAndStandIn,
  waitForWidgetLoaded,
} from '../../../packages/testing/test/support/chromium';
import { identifierHash, signWebhook } from '@wootkit/server';
import { toRailsJson } from '@wootkit/testing';
import { buildNextApp, HMAC_TOKEN, startNextApp, WEBHOOK_SECRET, type NextApp } from './next-app';

const WEBSITE_TOKEN = 'e2e-nextjs';

describe('examples/nextjs (App Router) in Chromium', () => {
  const env = useChromiumAndStandIn();
  let app: NextApp | undefined;

  beforeAll(async () => {
    await buildNextApp({ baseUrl: env.fake.url, websiteToken: WEBSITE_TOKEN });
    app = await startNextApp('start', { baseUrl: env.fake.url, websiteToken: WEBSITE_TOKEN });
  });
  afterAll(() => app?.stop());

  /** The page URLs the widget was told about (`change-url`), in order. */
  const toldUrls = () =>
    env.fake.widget
      .events({ websiteToken: WEBSITE_TOKEN, event: 'change-url' })
      .map((event) => String(event.message.referrerURL));
  const setUsers = () => env.fake.widget.events({ websiteToken: WEBSITE_TOKEN, event: 'set-user' });

  test('renders, loads the widget once, identifies once and reports each <Link> navigation once', async () => {
    const page: Page = await (await env.newContext()).newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console.error: ${message.text()} (${message.location().url})`);
    });
    const home = `${app!.url}/`;
    const about = `${app!.url}/about`;

    await page.goto(home);
    await expect.poll(() => page.textContent('h1'), POLL).toBe('Home');
    await waitForWidgetLoaded(page);
    await expect.poll(() => page.textContent('[data-testid="status"]'), POLL).toBe('chat: ready');
    await expect.poll(() => setUsers().length, POLL).toBe(1);
    expect(setUsers()[0]!.message).toMatchObject({
      identifier: 'next-visitor-1',
      user: { name: 'Ada Lovelace', email: 'ada@example.com' },
    });
    await expect.poll(toldUrls, POLL).toEqual([home]);

    await page.click('a[href="/about"]');
    await expect.poll(() => page.textContent('h1'), POLL).toBe('About');
    await expect.poll(toldUrls, POLL).toEqual([home, about]);

    await page.click('a[href="/"]');
    await expect.poll(() => page.textContent('h1'), POLL).toBe('Home');
    await expect.poll(toldUrls, POLL).toEqual([home, about, home]);
    await expect.poll(() => page.textContent('[data-testid="status"]'), POLL).toBe('chat: ready');

    // Give a late duplicate time to arrive, then check nothing was told twice.
    await page.waitForTimeout(500);
    expect(toldUrls()).toEqual([home, about, home]);
    expect(setUsers()).toHaveLength(1);
    expect(env.fake.widget.sessions(WEBSITE_TOKEN)).toHaveLength(1);
    expect(await page.locator('iframe#chatwoot_live_chat_widget').count()).toBe(1);
    expect(problems).toEqual([]);
  });

  // The Edge routes import @wootkit/server/webhooks: `next build` (above) refuses an Edge route whose graph loads a
  // `node:` module, and here they answer from Next's Edge runtime.
  test('the Edge webhook route verifies Chatwoot deliveries, handles each once and refuses forgeries', async () => {
    const url = `${app!.url}/api/chatwoot/webhook`;
    expect((await fetch(url)).status).toBe(200);
    const body = toRailsJson({
      event: 'message_created',
      id: 77,
      content: 'Hola <b>equipo</b> & co',
      message_type: 'incoming',
      private: false,
      created_at: '2026-12-04T10:00:00.000Z',
      conversation: { id: 5 },
      account: { id: 1, name: 'Acme' },
      inbox: { id: 2, name: 'Website' },
      sender: { id: 9, name: 'Ana', type: 'contact' },
    });
    const headers = await signWebhook({ secret: WEBHOOK_SECRET, body, deliveryId: 'edge-delivery-1' });
    const first = await fetch(url, { method: 'POST', headers, body });
    expect([first.status, await first.json()]).toEqual([200, { ok: true, handled: true }]);
    const again = await fetch(url, { method: 'POST', headers, body });
    expect(await again.json()).toEqual({ ok: true, duplicate: true });
    const forged = await fetch(url, { method: 'POST', headers: await signWebhook({ secret: 'not-the-secret', body }), body });
    expect([forged.status, await forged.json()]).toEqual([401, { ok: false, error: 'invalid_signature' }]);
  });

  test('the Edge identity route returns the identifier hash Node computes, and never the token', async () => {
    const response = await fetch(`${app!.url}/api/chatwoot/identity`);
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(JSON.parse(text)).toEqual({ identifier: 'next-visitor-1', identifier_hash: identifierHash('next-visitor-1', HMAC_TOKEN) });
    expect(text).not.toContain(HMAC_TOKEN);
  });
});

describe('examples/nextjs under next dev (React StrictMode)', () => {
  const env = useChromiumAndStandIn();
  let dev: NextApp | undefined;
  const websiteToken = 'e2e-nextjs-dev';

  beforeAll(async () => {
    dev = await startNextApp('dev', { baseUrl: env.fake.url, websiteToken });
  });
  afterAll(() => dev?.stop());

  test('StrictMode mounts twice: still one widget and one set-user, and a <Link> navigation told once', async () => {
    const page: Page = await (await env.newContext()).newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console.error: ${message.text()} (${message.location().url})`);
    });
    const home = `${dev!.url}/`;
    await page.goto(home);
    await waitForWidgetLoaded(page);
    await expect.poll(() => page.textContent('[data-testid="status"]'), POLL).toBe('chat: ready');
    const setUsers = () => env.fake.widget.events({ websiteToken, event: 'set-user' });
    await expect.poll(() => setUsers().length, POLL).toBe(1);
    await page.click('a[href="/about"]');
    await expect.poll(() => page.textContent('h1'), { ...POLL, timeout: 30_000 }).toBe('About');
    const told = () =>
      env.fake.widget.events({ websiteToken, event: 'change-url' }).map((event) => String(event.message.referrerURL));
    await expect.poll(told, POLL).toEqual([home, `${dev!.url}/about`]);
    await page.waitForTimeout(500);
    expect(told()).toEqual([home, `${dev!.url}/about`]);
    expect(setUsers()).toHaveLength(1);
    expect(env.fake.widget.sessions(websiteToken)).toHaveLength(1);
    expect(problems).toEqual([]);
  });
});
