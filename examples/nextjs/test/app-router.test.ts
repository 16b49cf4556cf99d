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
import { buildNextApp, startNextApp, type NextApp } from './next-app';

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
