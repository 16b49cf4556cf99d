// The script-tag build in real Chromium against the Chatwoot stand-in (whose sdk.js has the official SDK's traps):
// every fix wootkit makes is shown on a plain HTML page that uses `dist/wootkit.global.js`, as a site would.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { launchChromium } from '@wootkit/testing/browser';
import { startScriptTagHost, type ScriptTagHost } from './support/script-tag-host';
import { recordPageProblems } from './support/page-problems';

const TOKEN = 'e2e-token';

let fake: FakeChatwoot;
let host: ScriptTagHost;
let hostUrl: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Uncaught errors, unhandled rejections and console errors on the page (resource 404s aside). */
let pageProblems: string[];
/** The HTML each path of the host server answers with (set per test). */
const pages = new Map<string, { html: string; csp?: string }>();

/** A host page: wootkit's script tag with `attributes`, then `body` (scripts that drive `window.Wootkit`). */
function hostPage(attributes: string, body = '', { inHead = false } = {}): string {
  const tag = `<script src="/wootkit.global.js" data-base-url="${fake.url}" data-website-token="${TOKEN}" ${attributes}></script>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title>${inHead ? tag : ''}</head>
<body><h1>Shop</h1><main id="app"></main>${inHead ? '' : tag}${body}</body></html>`;
}

async function open(html: string, csp?: string): Promise<void> {
  const path = `/page-${pages.size}`;
  pages.set(path, { html, csp });
  await page.goto(hostUrl + path, { waitUntil: 'load' });
}

type ChatState = { status: string; isOpen: boolean; unreadCount: number; user: unknown; error: { code: string } | null };
const state = (): Promise<ChatState> =>
  page.evaluate(() => (window as any).Wootkit.chat.getState());
/**
 * Polls the controller's state until `predicate` (an expression over `s`) holds, for at most 10 s. The predicate runs
 * here in Node, not in the page: a string predicate in the page needs eval, which the strict-CSP test page forbids.
 */
async function waitForState(predicate: string): Promise<void> {
  const holds = new Function('s', `return ${predicate};`) as (s: ChatState) => boolean;
  const deadline = Date.now() + 10_000;
  for (let attempt = 0; attempt < 400; attempt++) {
    if (holds(await state())) return;
    if (Date.now() > deadline) break;
    await page.waitForTimeout(25);
  }
  throw new Error(`state never matched ${predicate}: ${JSON.stringify(await state())}`);
}

beforeAll(async () => {
  fake = await startFakeChatwoot();
  host = await startScriptTagHost({ page: (url) => pages.get(url.pathname) });
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
  fake.widget.configure({ sdkStatus: 200 });
  context = await browser.newContext();
  page = await context.newPage();
  pageProblems = await recordPageProblems(page);
});

afterEach(async () => {
  await context?.close();
});

const sent = (event: string) => fake.widget.received(TOKEN).filter((e) => e.event === event);

describe('the script tag', () => {
  it('delivers calls made before ready, in order, and setUser before ready identifies the visitor', async () => {
    await open(
      hostPage(
        'data-load="eager"',
        `<script>
          const chat = window.Wootkit.chat;
          chat.setLabel('vip');
          chat.setCustomAttributes({ plan: 'pro' });
          chat.setUser(42, { name: 'Ada', email: 'ada@example.com', phone_number: '+15550100' });
          chat.hideBubble(); // throws in the raw SDK before load
          chat.showBubble();
        </script>`,
      ),
    );
    await waitForState('s.status === "ready"');
    await fake.widget.waitForEvent({ websiteToken: TOKEN, event: 'sdk-set-bubble-visibility' });
    const order = fake.widget
      .received(TOKEN)
      .map((e) => e.event)
      .filter((event) => ['set-label', 'set-custom-attributes', 'set-user', 'sdk-set-bubble-visibility'].includes(event));
    expect(order).toEqual(['set-label', 'set-custom-attributes', 'set-user', 'sdk-set-bubble-visibility', 'sdk-set-bubble-visibility']);
    expect(sent('set-user').map((e) => e.message)).toEqual([
      { event: 'set-user', identifier: '42', user: { name: 'Ada', email: 'ada@example.com', phone_number: '+15550100' } },
    ]);
    // The widget page identifies the visitor with the stand-in over HTTP: poll for it.
    await expect
      .poll(() => fake.widget.users(TOKEN)[0])
      .toMatchObject({ identifier: '42', name: 'Ada', email: 'ada@example.com', phone_number: '+15550100' });
    expect(await state()).toMatchObject({ status: 'ready', user: { identifier: '42' }, error: null });
    expect(pageProblems).toEqual([]);
  });

  it('reads settings and a JSON user from data-* attributes, and works from <head> before <body> exists', async () => {
    await open(
      hostPage(
        `data-load="eager" data-position="left" data-locale="fr" data-user='{"identifier":"u-7","name":"Lin"}'`,
        '',
        { inHead: true },
      ),
    );
    await waitForState('s.status === "ready"');
    const config = await fake.widget.waitForEvent({ websiteToken: TOKEN, event: 'config-set' });
    expect(config.message).toMatchObject({ position: 'left', locale: 'fr' });
    await fake.widget.waitForEvent({ websiteToken: TOKEN, event: 'set-user' });
    await expect.poll(() => fake.widget.users(TOKEN)[0]).toMatchObject({ identifier: 'u-7', name: 'Lin' });
    expect(pageProblems).toEqual([]);
  });

  it('reset() waits for the reloaded widget, then a new user is identified and nothing of the old one is sent', async () => {
    await open(hostPage('data-load="eager"', `<script>Wootkit.chat.setUser('old', { name: 'Old User' });</script>`));
    await waitForState('s.status === "ready"');
    await fake.widget.waitForEvent({ websiteToken: TOKEN, event: 'set-user' });
    const oldSession = fake.widget.sessions(TOKEN).at(-1)!.session;
    await page.evaluate(async () => {
      const chat = (window as any).Wootkit.chat;
      const done = chat.reset();
      chat.setUser('new', { email: 'new@example.com' }); // queued until the reloaded widget is ready
      await done;
    });
    expect((await state()).status).toBe('ready');
    const newSession = fake.widget.sessions(TOKEN).at(-1)!.session;
    expect(newSession).not.toBe(oldSession);
    await fake.widget.waitForEvent({ websiteToken: TOKEN, event: 'set-user', session: newSession });
    // The raw SDK re-sends the old user (malformed) to the reloaded widget; wootkit makes it forget.
    expect(fake.widget.events({ websiteToken: TOKEN, event: 'set-user', session: newSession }).map((e) => e.message))
      .toEqual([{ event: 'set-user', identifier: 'new', user: { email: 'new@example.com' } }]);
    await expect.poll(() => fake.widget.users(TOKEN).map((v) => v.identifier).sort()).toEqual(['new', 'old']);
    expect(await page.evaluate(() => document.cookie)).not.toContain('cw_user_');
    expect(pageProblems).toEqual([]);
  });

  it('a widget that never answers gives load_timeout (no uncaught error), then a retry succeeds', async () => {
    fake.widget.configure({ sdkDelayMs: 3000 });
    await open(hostPage('data-load="eager" data-timeout-ms="500"'));
    await waitForState('s.status === "error"');
    expect(await page.evaluate(() => (window as any).Wootkit.chat.getState().error?.code)).toBe('load_timeout');
    fake.widget.configure({ sdkDelayMs: 0 });
    await page.evaluate(() => (window as any).Wootkit.chat.load());
    expect((await state()).status).toBe('ready');
    expect(await page.locator('script[src$="/packs/js/sdk.js"]').count()).toBe(1);
    expect(pageProblems).toEqual([]);
  });

  it('destroy() removes the widget, and a new controller with another token works', async () => {
    await open(hostPage('data-load="eager"'));
    await waitForState('s.status === "ready"');
    const left = await page.evaluate(async ({ baseUrl }) => {
      const w = window as any;
      w.Wootkit.chat.destroy();
      const leftovers = {
        nodes: document.querySelectorAll(
          '#chatwoot_live_chat_widget, .woot-widget-holder, .woot--bubble-holder, script[src$="/packs/js/sdk.js"]',
        ).length,
        styles: [...document.querySelectorAll('style')].filter((s) => s.textContent?.includes('.woot-widget')).length,
        globals: ['$chatwoot', 'chatwootSDK', 'chatwootSettings'].filter((name) => name in w),
        // Unwrapping the SDK's addEventListener leaves none of wootkit's own properties on the page.
        ownAddEventListener: [window, document].filter((target) => Object.hasOwn(target, 'addEventListener')).length,
      };
      window.dispatchEvent(new Event('resize')); // the SDK's own listener would throw now: it is gone
      history.pushState({}, '', '/after-destroy');
      document.body.append(document.createElement('p')); // nor does its MutationObserver fire
      const other = w.Wootkit.createChatwoot({ baseUrl, websiteToken: 'other-token', load: 'manual' });
      await other.load();
      other.setUser('o-1', { name: 'Other' });
      w.other = other;
      return leftovers;
    }, { baseUrl: fake.url });
    expect(left).toEqual({ nodes: 0, styles: 0, globals: [], ownAddEventListener: 0 });
    await fake.widget.waitForEvent({ websiteToken: 'other-token', event: 'set-user' });
    await expect.poll(() => fake.widget.users('other-token')[0]).toMatchObject({ identifier: 'o-1' });
    expect(await page.locator('#chatwoot_live_chat_widget').count()).toBe(1);
    expect(await page.locator('#chatwoot_live_chat_widget').getAttribute('src')).toContain('website_token=other-token');
    expect(await page.locator('script[src$="/packs/js/sdk.js"]').count()).toBe(1);
    expect(pageProblems).toEqual([]);
  });

  it('counts unread agent messages while closed (a preview is not "open") and clears them on open', async () => {
    await open(hostPage('data-load="eager"'));
    await waitForState('s.status === "ready"');
    fake.widget.pushAgentMessage({ websiteToken: TOKEN, content: 'Hello! Can I help?' });
    await waitForState('s.unreadCount === 1');
    // The stand-in shows an unread preview; the raw SDK calls that open ($chatwoot.isOpen, chatwoot:opened).
    await page.waitForFunction(() => (window as any).$chatwoot.isOpen === true);
    expect((await state()).isOpen).toBe(false);
    await page.evaluate(() => (window as any).Wootkit.chat.open());
    await waitForState('s.isOpen && s.unreadCount === 0');
    expect(pageProblems).toEqual([]);
  });

  it('a 404 sdk.js gives status error with a typed error, nothing uncaught, and load() retries', async () => {
    fake.widget.configure({ sdkStatus: 404 });
    await open(hostPage('data-load="eager"'));
    await waitForState('s.status === "error"');
    expect(await page.evaluate(() => (window as any).Wootkit.chat.getState().error?.code)).toBe('load_failed');
    expect(await page.locator('script[src$="/packs/js/sdk.js"]').count()).toBe(0);
    fake.widget.configure({ sdkStatus: 200 });
    await page.evaluate(() => (window as any).Wootkit.chat.load());
    expect((await state()).status).toBe('ready');
    expect(pageProblems).toEqual([]);
  });

  it('under a strict CSP: sdk.js blocked gives load_failed quietly; with data-nonce it loads', async () => {
    const csp = "script-src 'self' 'nonce-n0nce'";
    await open(hostPage('data-load="eager"'), csp);
    await waitForState('s.status === "error"');
    expect(await page.evaluate(() => (window as any).Wootkit.chat.getState().error?.code)).toBe('load_failed');
    // The browser logs the CSP refusal itself; nothing of wootkit's is uncaught.
    expect(pageProblems.filter((problem) => !problem.includes('Content Security Policy'))).toEqual([]);

    pageProblems.length = 0; // the same list the listeners write to
    await open(hostPage('data-load="eager" data-nonce="n0nce"'), csp);
    await waitForState('s.status === "ready"');
    expect(await page.locator('script[src$="/packs/js/sdk.js"]').evaluate((s) => (s as HTMLScriptElement).nonce)).toBe(
      'n0nce',
    );
    expect(pageProblems.filter((problem) => !problem.includes('Content Security Policy'))).toEqual([]);
  });

  it('keeps working when the host page assigns window.onmessage, and the host keeps its own handler', async () => {
    await open(
      hostPage(
        'data-load="eager"',
        `<script>window.hostGot = 0; window.onmessage = () => { window.hostGot++; };</script>`,
      ),
    );
    await waitForState('s.status === "ready"');
    expect(await page.evaluate(() => (window as any).hostGot)).toBeGreaterThan(0); // the SDK did not take it over
    await page.evaluate(() => {
      window.onmessage = () => {}; // assigned after the SDK started: silences the raw SDK
    });
    await page.click('.woot-widget-bubble'); // the SDK still handles its bubble
    await waitForState('s.isOpen');
    fake.widget.pushWidgetEvent({ websiteToken: TOKEN, event: 'closeWindow' }); // handled through wootkit's listener
    await waitForState('!s.isOpen');
    expect(pageProblems).toEqual([]);
  });

  it('tells the widget about pushState navigation (the SDK only notices DOM mutations)', async () => {
    await open(hostPage('data-load="eager"'));
    await waitForState('s.status === "ready"');
    await page.evaluate(() => history.pushState({}, '', '/pricing?plan=pro'));
    const change = await fake.widget.waitForEvent({ websiteToken: TOKEN, event: 'change-url' });
    await expect
      .poll(() => sent('change-url').map((e) => e.message.referrerURL))
      .toContain(`${hostUrl}/pricing?plan=pro`);
    expect(change.message.referrerHost).toBe(new URL(hostUrl).host);
  });

  it('reuses an official snippet already on the page instead of loading sdk.js twice', async () => {
    await open(
      hostPage(
        'data-load="eager"',
        '',
      ).replace(
        '<main id="app"></main>',
        `<main id="app"></main><script src="${fake.url}/packs/js/sdk.js"></script>
         <script>window.chatwootSDK.run({ websiteToken: '${TOKEN}', baseUrl: '${fake.url}' });</script>`,
      ),
    );
    await waitForState('s.status === "ready"');
    expect(await page.locator('script[src$="/packs/js/sdk.js"]').count()).toBe(1);
    expect(await page.locator('#chatwoot_live_chat_widget').count()).toBe(1);
    expect(pageProblems).toEqual([]);
  });
});
