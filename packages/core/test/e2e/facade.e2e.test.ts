// The facade in real Chromium against the Chatwoot stand-in: the script tag's default draws wootkit's launcher,
// fetches nothing of Chatwoot until the visitor reaches for it, then hands over to the real widget, opened, with the
// calls made meanwhile delivered.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { launchChromium } from '@wootkit/testing/browser';
import { startScriptTagHost, type ScriptTagHost } from './support/script-tag-host';

const TOKEN = 'facade-token';

let fake: FakeChatwoot;
let host: ScriptTagHost;
let hostUrl: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Every request the page made to Chatwoot (the stand-in), in order. */
let chatwootRequests: string[];

function hostPage(attributes: string): string {
  return `<!doctype html><html><head><meta charset="utf-8">
<script src="/wootkit.global.js" data-base-url="${fake.url}" data-website-token="${TOKEN}" ${attributes} defer></script>
</head><body><h1 id="title">Shop</h1><p>Content</p></body></html>`;
}

beforeAll(async () => {
  fake = await startFakeChatwoot();
  host = await startScriptTagHost({ page: (url) => ({ html: hostPage(url.searchParams.get('attrs') ?? '') }) });
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
  context = await browser.newContext();
  page = await context.newPage();
  chatwootRequests = [];
  page.on('request', (request) => {
    if (request.url().startsWith(fake.url)) chatwootRequests.push(new URL(request.url()).pathname);
  });
});

afterEach(async () => {
  await context?.close();
});

async function openHost(attributes = ''): Promise<void> {
  await page.goto(`${hostUrl}/?attrs=${encodeURIComponent(attributes)}`, { waitUntil: 'load' });
  await page.waitForSelector('.wootkit-launcher', { timeout: 5000 });
}

const widgetState = () =>
  page.evaluate(() => {
    const chat = (window as unknown as { Wootkit: { chat: { getState(): { status: string; isOpen: boolean } } } }).Wootkit.chat;
    return chat.getState();
  });

describe('the facade (script tag default)', () => {
  it('draws an accessible launcher and requests nothing from Chatwoot before an interaction', async () => {
    await openHost('data-color="#ff5500" data-position="left"');
    // Give an eager loader every chance to have started.
    await page.waitForTimeout(800);
    expect(chatwootRequests).toEqual([]);
    expect(await widgetState()).toMatchObject({ status: 'idle', isOpen: false });

    const launcher = page.locator('.wootkit-launcher');
    expect(await launcher.getAttribute('aria-label')).toBe('Open chat');
    expect(await launcher.evaluate((el) => (el as HTMLButtonElement).type)).toBe('button');
    const box = await launcher.boundingBox();
    const look = await launcher.evaluate((el) => {
      const style = getComputedStyle(el);
      return { position: style.position, background: style.backgroundColor, left: style.left };
    });
    // Fixed, out of the flow (no layout shift), in the corner and colour it was given.
    expect(look).toEqual({ position: 'fixed', background: 'rgb(255, 85, 0)', left: '20px' });
    expect(box?.width).toBe(64);
    expect(box?.height).toBe(64);
    expect(await page.locator('#chatwoot_live_chat_widget').count()).toBe(0);
  });

  it('click loads Chatwoot, opens the widget and hands over to the real bubble', async () => {
    await openHost();
    await page.click('.wootkit-launcher');
    await page.waitForFunction(
      () => {
        const chat = (window as unknown as { Wootkit: { chat: { getState(): { status: string; isOpen: boolean } } } }).Wootkit.chat;
        const state = chat.getState();
        return state.status === 'ready' && state.isOpen;
      },
      undefined,
      { timeout: 10_000 },
    );
    expect(chatwootRequests).toContain('/packs/js/sdk.js');
    expect(await page.locator('.wootkit-launcher').count()).toBe(0);
    expect(await page.locator('.woot-widget-bubble').count()).toBeGreaterThan(0);
    const holderShown = await page.locator('.woot-widget-holder').evaluate((el) => getComputedStyle(el).display !== 'none');
    expect(holderShown).toBe(true);
    const toggles = fake.widget.events({ websiteToken: TOKEN, direction: 'received', event: 'toggle-open' });
    expect(toggles.some((event) => event.message.isOpen === true)).toBe(true);
  });

  it('delivers the calls made before the click, in order, once the widget is ready', async () => {
    await openHost();
    await page.evaluate(() => {
      const chat = (window as unknown as {
        Wootkit: { chat: { setUser(id: string, user: object): void; setLabel(label: string): void; setCustomAttributes(a: object): void } };
      }).Wootkit.chat;
      chat.setUser('42', { name: 'Ada', email: 'ada@example.com' });
      chat.setLabel('vip');
      chat.setCustomAttributes({ plan: 'pro' });
    });
    expect(chatwootRequests).toEqual([]);
    await page.click('.wootkit-launcher');
    const label = await fake.widget.waitForEvent({ websiteToken: TOKEN, direction: 'received', event: 'set-label' }, { timeoutMs: 10_000 });
    expect(label.message.label).toBe('vip');
    await fake.widget.waitForEvent({ websiteToken: TOKEN, direction: 'received', event: 'set-custom-attributes' }, { timeoutMs: 5000 });
    const user = await fake.widget.waitForEvent({ websiteToken: TOKEN, direction: 'received', event: 'set-user' }, { timeoutMs: 5000 });
    expect(user.message.identifier).toBe('42');
    const names = fake.widget
      .events({ websiteToken: TOKEN, direction: 'received' })
      .map((event) => event.event)
      .filter((name) => ['set-user', 'set-label', 'set-custom-attributes'].includes(name));
    expect(names).toEqual(['set-user', 'set-label', 'set-custom-attributes']);
  });

  it('works from the keyboard: focus preloads, Enter opens', async () => {
    await openHost();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('wootkit-launcher');
    // Focus alone is a sign of intent: Chatwoot starts loading, the widget stays closed.
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => entry.name.includes('/packs/js/sdk.js')), undefined, {
      timeout: 5000,
    });
    expect((await widgetState()).isOpen).toBe(false);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () =>
        (window as unknown as { Wootkit: { chat: { getState(): { isOpen: boolean } } } }).Wootkit.chat.getState().isOpen,
      undefined,
      { timeout: 10_000 },
    );
    expect(await page.locator('.wootkit-launcher').count()).toBe(0);
  });

  it('a keyboard user who waits keeps their place: on ready, focus moves to Chatwoot’s bubble, and Enter opens', async () => {
    await openHost();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('wootkit-launcher');
    // Focus preloads; wait until the widget is ready and the launcher has handed over.
    await page.waitForFunction(
      () => (window as unknown as { Wootkit: { chat: { getState(): { status: string } } } }).Wootkit.chat.getState().status === 'ready',
      undefined,
      { timeout: 10_000 },
    );
    expect(await page.locator('.wootkit-launcher').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('woot-widget-bubble'))).toBe(true);
    expect((await widgetState()).isOpen).toBe(false);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () =>
        (window as unknown as { Wootkit: { chat: { getState(): { isOpen: boolean } } } }).Wootkit.chat.getState().isOpen,
      undefined,
      { timeout: 10_000 },
    );
  });

  it('data-load="eager" keeps the old behaviour: no launcher, Chatwoot loads at once', async () => {
    await page.goto(`${hostUrl}/?attrs=${encodeURIComponent('data-load="eager"')}`, { waitUntil: 'load' });
    await page.waitForFunction(
      () => (window as unknown as { Wootkit: { chat: { getState(): { status: string } } } }).Wootkit.chat.getState().status === 'ready',
      undefined,
      { timeout: 10_000 },
    );
    expect(await page.locator('.wootkit-launcher').count()).toBe(0);
    expect(chatwootRequests).toContain('/packs/js/sdk.js');
  });
});
