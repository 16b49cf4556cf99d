// The script tag is two files: the launcher (`wootkit.global.js`, what every page runs) and core
// (`wootkit.core.global.js`), which the launcher fetches only on intent. Real Chromium, the Chatwoot stand-in, and a
// host server that can refuse the core file.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { launchChromium } from '@wootkit/testing/browser';
import { startScriptTagHost, type ScriptTagHost } from './support/script-tag-host';
import { recordPageProblems } from './support/page-problems';

const TOKEN = 'launcher-token';

let fake: FakeChatwoot;
let host: ScriptTagHost;
let hostUrl: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** The host server's answer for the core file (a test sets 404 to see a failed fetch). */
let coreStatus = 200;
/** Every request the page made (paths for the host, `chatwoot:` + path for the stand-in), in order. */
let requests: string[];
/** Uncaught errors, unhandled rejections and console errors on the page (resource 404s aside). */
let pageProblems: string[];

function hostPage(attributes: string, body = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8">
<script src="/js/wootkit.global.js" data-base-url="${fake.url}" data-website-token="${TOKEN}" ${attributes}></script>
</head><body><h1>Shop</h1>${body}</body></html>`;
}

beforeAll(async () => {
  fake = await startFakeChatwoot();
  host = await startScriptTagHost({
    dir: '/js',
    coreStatus: () => coreStatus,
    page: (url) => ({ html: hostPage(url.searchParams.get('attrs') ?? '', url.searchParams.get('body') ?? '') }),
  });
  hostUrl = host.url;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await fake?.close();
});

beforeEach(async () => {
  fake.widget.reset();
  coreStatus = 200;
  context = await browser.newContext();
  page = await context.newPage();
  requests = [];
  pageProblems = await recordPageProblems(page);
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (request.url().startsWith(fake.url)) requests.push('chatwoot:' + url.pathname);
    else if (request.url().startsWith(hostUrl)) requests.push(url.pathname);
  });
});

afterEach(async () => {
  await context?.close();
});

async function openHost(attributes = '', body = ''): Promise<void> {
  await page.goto(`${hostUrl}/?attrs=${encodeURIComponent(attributes)}&body=${encodeURIComponent(body)}`, {
    waitUntil: 'load',
  });
}

type ChatState = { status: string; isOpen: boolean; error: { code: string } | null };
const state = (): Promise<ChatState> => page.evaluate(() => (window as any).Wootkit.chat.getState());
async function waitForStatus(status: string): Promise<void> {
  await expect.poll(async () => (await state()).status, { timeout: 10_000, interval: 50 }).toBe(status);
}

describe('the launcher (script tag) and the core file it loads on intent', () => {
  it('a facade page fetches only the launcher before interaction; hovering fetches core, then Chatwoot', async () => {
    await openHost();
    await page.waitForSelector('.wootkit-launcher', { timeout: 5000 });
    await page.waitForTimeout(800); // every chance for an eager fetch to show up
    expect(requests).toEqual(['/', '/js/wootkit.global.js']);
    expect(await state()).toMatchObject({ status: 'idle', isOpen: false, error: null });
    // Only the launcher's part of the API until core is there.
    expect(await page.evaluate(() => typeof (window as any).Wootkit.createChatwoot)).toBe('undefined');

    await page.hover('.wootkit-launcher');
    await waitForStatus('ready');
    expect(requests.slice(0, 3)).toEqual(['/', '/js/wootkit.global.js', '/js/wootkit.core.global.js']);
    expect(requests).toContain('chatwoot:/packs/js/sdk.js');
    expect(requests.filter((path) => path === '/js/wootkit.core.global.js')).toHaveLength(1);
    // Hovering preloads; it does not open.
    expect((await state()).isOpen).toBe(false);
    expect(await page.evaluate(() => typeof (window as any).Wootkit.createChatwoot)).toBe('function');
    expect(await page.evaluate(() => new (window as any).Wootkit.WootkitError('load_failed', 'x').name)).toBe('WootkitError');
    expect(await page.locator('.wootkit-launcher').count()).toBe(0);
    expect(pageProblems).toEqual([]);
  });

  it('calls, on() and subscribe() made before core loads are delivered and attached after; unsubscribe works', async () => {
    await openHost(
      'data-load="manual"',
      `<script>
        const chat = Wootkit.chat;
        window.seen = { ready: 0, statuses: [], states: [], dropped: 0, late: 0 };
        chat.on('ready', () => window.seen.ready++);
        chat.on('status', (status) => window.seen.statuses.push(status));
        chat.subscribe((s) => window.seen.states.push(s.status));
        const off = chat.on('ready', () => window.seen.dropped++);
        off(); // before core: never attached
        window.offLate = chat.subscribe(() => window.seen.late++);
        chat.setLabel('vip');
        chat.setCustomAttributes({ plan: 'pro' });
        chat.setUser('42', { name: 'Ada' });
      </script>`,
    );
    await page.waitForTimeout(300);
    expect(requests).not.toContain('/js/wootkit.core.global.js');
    await page.evaluate(() => (window as any).Wootkit.chat.load());
    expect((await state()).status).toBe('ready');
    const lateBefore = await page.evaluate(() => (window as any).seen.late);
    expect(lateBefore).toBeGreaterThan(0);
    // Unsubscribing after core has arrived detaches from the real controller.
    await page.evaluate(() => (window as any).offLate());
    await page.evaluate(() => (window as any).Wootkit.chat.open());
    await expect.poll(async () => (await state()).isOpen, { timeout: 5000 }).toBe(true);

    const seen = await page.evaluate(() => (window as any).seen);
    expect(seen.ready).toBe(1);
    expect(seen.dropped).toBe(0);
    expect(seen.late).toBe(lateBefore);
    expect(seen.statuses).toContain('loading');
    expect(seen.statuses.at(-1)).toBe('ready');
    expect(seen.states.at(-1)).toBe('ready');
    await fake.widget.waitForEvent({ websiteToken: TOKEN, event: 'set-user' });
    const order = fake.widget
      .events({ websiteToken: TOKEN, direction: 'received' })
      .map((event) => String(event.message.event))
      .filter((name) => ['set-label', 'set-custom-attributes', 'set-user'].includes(name));
    expect(order).toEqual(['set-label', 'set-custom-attributes', 'set-user']);
    expect(pageProblems).toEqual([]);
  });

  it('data-load="eager" fetches core and Chatwoot at once, with no launcher', async () => {
    await openHost('data-load="eager"');
    await waitForStatus('ready');
    expect(requests).toContain('/js/wootkit.core.global.js');
    expect(requests).toContain('chatwoot:/packs/js/sdk.js');
    expect(await page.locator('.wootkit-launcher').count()).toBe(0);
    expect(pageProblems).toEqual([]);
  });

  it('a 404 for the core file gives status error (load_failed) through the stand-in, nothing uncaught; a click retries', async () => {
    coreStatus = 404;
    await openHost();
    await page.click('.wootkit-launcher');
    await waitForStatus('error');
    expect(await page.evaluate(() => (window as any).Wootkit.chat.getState().error?.code)).toBe('load_failed');
    expect(requests).not.toContain('chatwoot:/packs/js/sdk.js');
    // The launcher stays, ready for another try.
    expect(await page.locator('.wootkit-launcher').count()).toBe(1);

    coreStatus = 200;
    await page.click('.wootkit-launcher');
    await waitForStatus('ready');
    await expect.poll(async () => (await state()).isOpen, { timeout: 5000 }).toBe(true);
    expect(requests.filter((path) => path === '/js/wootkit.core.global.js')).toHaveLength(2);
    expect(pageProblems).toEqual([]);
  });

  it('data-core-src points the launcher elsewhere, and the tag’s nonce is passed on to the core script', async () => {
    await openHost('data-load="eager" data-nonce="n0nce" data-core-src="/js/wootkit.core.global.js?v=2"');
    await waitForStatus('ready');
    expect(requests).toContain('/js/wootkit.core.global.js');
    const core = page.locator('script[src$="wootkit.core.global.js?v=2"]');
    expect(await core.evaluate((s) => (s as HTMLScriptElement).nonce)).toBe('n0nce');
    expect(pageProblems).toEqual([]);
  });
});
