/**
 * The stand-in SDK, used the official way in real Chromium, shows each trap of Chatwoot's own SDK
 * (docs/chatwoot-internals.md, "The traps core absorbs"). These tests document the behaviour @wootkit/core has to fix.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { CHATWOOT_WINDOW_EVENTS, recordChatwootWindowEvents } from '../src/index';
import { POLL, useChromiumAndStandIn, waitForWidgetLoaded, windowEvents } from './support/chromium';

const env = useChromiumAndStandIn();
/** The test's browser context: each test opens its own (the harness closes it after the test). */
let context: BrowserContext;
let tokenCounter = 0;
afterEach(() => env.fake.widget.configure({ sdkStatus: 200, sdkDelayMs: 0 }));

/** A fresh browser context (own cookies) on a blank host page, with Chatwoot window events recorded. */
async function blankHost(): Promise<{ page: Page; token: string }> {
  const token = `trap-${++tokenCounter}`;
  context = await env.newContext();
  const page = await context.newPage();
  await page.addInitScript(recordChatwootWindowEvents, CHATWOOT_WINDOW_EVENTS);
  await page.goto(`${env.fake.url}/__fake/host?mode=blank&website_token=${token}`);
  await page.addScriptTag({ url: `${env.fake.url}/packs/js/sdk.js` });
  return { page, token };
}

function run(page: Page, token: string, then = ''): Promise<unknown> {
  return page.evaluate(
    ([baseUrl, websiteToken, code]) => {
      window.chatwootSDK.run({ baseUrl, websiteToken });
      return code ? new Function(code)() : undefined;
    },
    [env.fake.url, token, then] as const,
  );
}

declare global {
  interface Window {
    chatwootSDK: { run(options: { baseUrl: string; websiteToken: string }): void };
  }
}

// Real Chromium on a shared 2-core machine: a slow moment must not fail a correct test.
describe('stand-in sdk.js used the official way (traps included)', { timeout: 60_000 }, () => {
  it('loads with the official snippet: iframe, bubble holder, un-nonced style, ready once', async () => {
    const token = `trap-${++tokenCounter}`;
    context = await env.newContext();
    const page = await context.newPage();
    await page.addInitScript(recordChatwootWindowEvents, CHATWOOT_WINDOW_EVENTS);
    await page.goto(`${env.fake.url}/__fake/host?website_token=${token}`);
    await waitForWidgetLoaded(page);

    const dom = await page.evaluate(() => {
      const iframe = document.getElementById('chatwoot_live_chat_widget') as HTMLIFrameElement;
      const style = document.getElementById('cw-widget-styles') as HTMLStyleElement;
      return {
        src: iframe.src,
        holder: iframe.parentElement!.className,
        bubbleHolder: document.querySelectorAll('.woot--bubble-holder').length,
        bubble: document.querySelectorAll('.woot-widget-bubble').length,
        styleNonce: style.nonce,
        state: {
          hasLoaded: window.$chatwoot.hasLoaded,
          isOpen: window.$chatwoot.isOpen,
          websiteToken: window.$chatwoot.websiteToken,
          baseUrl: window.$chatwoot.baseUrl,
        },
        cookie: document.cookie,
      };
    });
    expect(dom.src).toBe(`${env.fake.url}/widget?website_token=${token}`);
    expect(dom.holder).toContain('woot-widget-holder');
    expect(dom.bubbleHolder).toBe(1);
    expect(dom.bubble).toBe(2);
    expect(dom.styleNonce).toBe('');
    expect(dom.state).toEqual({ hasLoaded: true, isOpen: false, websiteToken: token, baseUrl: env.fake.url });
    expect(dom.cookie).toMatch(/cw_conversation=fakejwt\./);

    // The SDK's first messages after `loaded` reach the widget.
    await env.fake.widget.waitForEvent({ websiteToken: token, event: 'toggle-close-button' });
    const received = env.fake.widget.received(token).map((e) => e.event);
    expect(received.slice(0, 3)).toEqual(['config-set', 'change-url', 'toggle-close-button']);
    expect((await windowEvents(page)).filter((e) => e.name === 'chatwoot:ready')).toEqual([
      { name: 'chatwoot:ready', detail: null },
    ]);
  });

  it('loses calls made between run() and the widget\'s loaded message (nothing is queued)', async () => {
    const { page, token } = await blankHost();
    await run(page, token, "window.$chatwoot.setLabel('early'); window.$chatwoot.setLocale('fr');");
    await waitForWidgetLoaded(page);
    await page.evaluate(() => window.$chatwoot.setLabel('late'));
    await env.fake.widget.waitForEvent({ websiteToken: token, event: 'set-label' });

    const labels = env.fake.widget.events({ websiteToken: token, event: 'set-label' }).map((e) => e.message.label);
    expect(labels).toEqual(['late']);
    expect(env.fake.widget.events({ websiteToken: token, event: 'set-locale' })).toEqual([]);
  });

  it('leaves the visitor anonymous when setUser runs before ready, and reports chatwoot:error {}', async () => {
    const { page, token } = await blankHost();
    await run(page, token, "window.$chatwoot.setUser('user-1', { name: 'Ada', email: 'ada@example.com' });");
    await waitForWidgetLoaded(page);
    // On `loaded` the SDK re-sends the stored user in the wrong shape; the widget rejects it.
    const error = await env.fake.widget.waitForEvent({ websiteToken: token, direction: 'sent', event: 'error' });
    expect(error.message).toEqual({ event: 'error', errorType: 'SET_USER_ERROR', data: {} });
    const setUsers = env.fake.widget.events({ websiteToken: token, event: 'set-user' });
    expect(setUsers).toHaveLength(1);
    expect(setUsers[0]!.message).toEqual({ event: 'set-user', name: 'Ada', email: 'ada@example.com' });

    await expect.poll(async () => (await windowEvents(page)).filter((e) => e.name === 'chatwoot:error'), POLL).toEqual([
      { name: 'chatwoot:error', detail: {} },
    ]);
    expect(env.fake.widget.users(token)).toEqual([]);
    expect(env.fake.widget.visitors(token)[0]!.identifier).toBeNull();
  });

  it('throws on toggleBubbleVisibility before load, works after', async () => {
    const { page, token } = await blankHost();
    const before = await run(
      page,
      token,
      "try { window.$chatwoot.toggleBubbleVisibility('hide'); return 'no error'; } catch (e) { return e.name; }",
    );
    expect(before).toBe('TypeError');
    await waitForWidgetLoaded(page);
    await page.evaluate(() => window.$chatwoot.toggleBubbleVisibility('hide'));
    expect(await page.evaluate(() => document.querySelector('.woot--bubble-holder')!.classList.contains('woot-hidden'))).toBe(
      true,
    );
    await env.fake.widget.waitForEvent({ websiteToken: token, event: 'sdk-set-bubble-visibility' });
  });

  it('ignores a second run(), even with another website token (no way to switch inbox)', async () => {
    const { page, token } = await blankHost();
    await run(page, token);
    await page.evaluate((baseUrl) => window.chatwootSDK.run({ baseUrl, websiteToken: 'other-inbox' }), env.fake.url);
    await waitForWidgetLoaded(page);
    const frames = await page.evaluate(() =>
      [...document.querySelectorAll('iframe')].map((f) => new URL(f.src).searchParams.get('website_token')),
    );
    expect(frames).toEqual([token]);
    expect(await page.evaluate(() => window.$chatwoot.websiteToken)).toBe(token);
    expect(env.fake.widget.sessions('other-inbox')).toEqual([]);
  });

  it('throws when run before <body> exists and leaves a half-made $chatwoot that blocks every retry', async () => {
    const token = `trap-${++tokenCounter}`;
    context = await env.newContext();
    const page = await context.newPage();
    await page.goto(`${env.fake.url}/__fake/host?mode=head&website_token=${token}`);
    const result = await page.evaluate((baseUrl) => {
      const runError = (window as unknown as { __runError: string | null }).__runError;
      window.chatwootSDK.run({ baseUrl, websiteToken: 'retry' });
      return {
        runError,
        half: typeof window.$chatwoot === 'object' && window.$chatwoot.hasLoaded === false,
        iframes: document.querySelectorAll('iframe').length,
      };
    }, env.fake.url);
    expect(result.runError).toMatch(/TypeError/);
    expect(result).toMatchObject({ half: true, iframes: 0 });
  });

  it('never fires chatwoot:ready again after reset(), and re-sends the old user malformed', async () => {
    const { page, token } = await blankHost();
    await run(page, token);
    await waitForWidgetLoaded(page);
    await page.evaluate(() => window.$chatwoot.setUser('user-2', { name: 'Grace', email: 'grace@example.com' }));
    await expect.poll(() => env.fake.widget.users(token).map((u) => u.identifier), POLL).toEqual(['user-2']);

    await page.evaluate(() => window.$chatwoot.reset());
    await env.fake.widget.waitForSession(token, { count: 2 });
    const [first, second] = env.fake.widget.sessions(token);
    expect(second!.contactId).not.toBe(first!.contactId);
    // The old page said goodbye when reset() navigated the iframe away.
    await expect.poll(() => env.fake.widget.sessions(token)[0]!.closed, POLL).toBe(true);
    // The reloaded widget gets the stale user in the wrong shape: rejected, so the new visitor stays anonymous.
    const error = await env.fake.widget.waitForEvent({ session: second!.session, direction: 'sent', event: 'error' });
    expect(error.message.errorType).toBe('SET_USER_ERROR');
    expect(env.fake.widget.visitors(token).find((v) => v.contactId === second!.contactId)!.identifier).toBeNull();

    const readies = (await windowEvents(page)).filter((e) => e.name === 'chatwoot:ready');
    expect(readies).toHaveLength(1);
    expect(await page.evaluate(() => window.$chatwoot.resetTriggered)).toBe(true);
  });

  it('goes deaf when the host page assigns window.onmessage', async () => {
    const { page, token } = await blankHost();
    await run(page, token);
    await waitForWidgetLoaded(page);
    await env.fake.widget.waitForEvent({ websiteToken: token, event: 'change-url' });

    env.fake.widget.pushAgentMessage({ websiteToken: token, content: 'first' });
    await expect
      .poll(async () => (await windowEvents(page)).filter((e) => e.name === 'chatwoot:on-message').length, POLL)
      .toBe(1);

    await page.evaluate(() => {
      window.onmessage = () => {};
    });
    env.fake.widget.pushAgentMessage({ websiteToken: token, content: 'second' });
    // The widget did post it...
    await expect
      .poll(() => env.fake.widget.sent(token).filter((e) => e.event === 'onEvent').length, POLL)
      .toBeGreaterThanOrEqual(2);
    // ...and a listener of our own sees it, but the SDK never turns it into a window event.
    await page.waitForTimeout(300);
    const messages = (await windowEvents(page)).filter((e) => e.name === 'chatwoot:on-message');
    expect(messages.map((e) => (e.detail as { content: string }).content)).toEqual(['first']);
  });

  it('shows the notification dot and opens an unread preview for an agent message while closed', async () => {
    const { page, token } = await blankHost();
    await run(page, token);
    await waitForWidgetLoaded(page);
    await env.fake.widget.waitForEvent({ websiteToken: token, event: 'change-url' });

    const [message] = env.fake.widget.pushAgentMessage({ websiteToken: token, content: 'Hello from an agent' });
    const dot = await env.fake.widget.waitForEvent({ websiteToken: token, direction: 'sent', event: 'handleNotificationDot' });
    expect(dot.message.unreadMessageCount).toBe(1);
    await page.waitForFunction(() =>
      document.querySelector('.woot-widget-bubble')!.classList.contains('unread-notification'),
    );
    const events = await windowEvents(page);
    expect(events.find((e) => e.name === 'chatwoot:on-message')!.detail).toEqual(message);
    // No window event carries the count; the preview makes the SDK fire `chatwoot:opened`.
    await expect.poll(async () => (await windowEvents(page)).map((e) => e.name), POLL).toContain('chatwoot:opened');
    expect(await page.evaluate(() => window.$chatwoot.isOpen)).toBe(true);
  });

  it('flips local open state before load while the widget never hears of it', async () => {
    const { page, token } = await blankHost();
    await run(page, token, "window.$chatwoot.toggle('open');");
    expect(await page.evaluate(() => window.$chatwoot.isOpen)).toBe(true);
    await waitForWidgetLoaded(page);
    await env.fake.widget.waitForEvent({ websiteToken: token, event: 'change-url' });
    expect(env.fake.widget.events({ websiteToken: token, event: 'toggle-open' })).toEqual([]);
    expect((await windowEvents(page)).map((e) => e.name)).toContain('chatwoot:opened');
  });

  it('tells the widget about URL changes only when the DOM also changes (pushState alone is missed)', async () => {
    const { page, token } = await blankHost();
    await run(page, token);
    await waitForWidgetLoaded(page);
    await env.fake.widget.waitForEvent({ websiteToken: token, event: 'toggle-close-button' });
    await page.evaluate(() => history.pushState({}, '', '/spa/quiet'));
    await page.evaluate(() => {
      history.pushState({}, '', '/spa/loud');
      document.body.appendChild(document.createElement('p'));
    });
    await expect
      .poll(
        () =>
          env.fake.widget
            .events({ websiteToken: token, event: 'change-url' })
            .map((e) => new URL(String(e.message.referrerURL)).pathname),
        POLL,
      )
      .toEqual(['/__fake/host', '/spa/loud']);
  });

  it('injects its <style> without a nonce, so a strict style-src CSP blocks it', async () => {
    const token = `trap-${++tokenCounter}`;
    context = await env.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __violations: string[] };
      w.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(e.effectiveDirective));
    });
    const csp = encodeURIComponent("style-src 'nonce-host123'");
    await page.goto(`${env.fake.url}/__fake/host?website_token=${token}&csp=${csp}`);
    await waitForWidgetLoaded(page);
    const violations = await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
    expect(violations).toContain('style-src-elem');
    // The tag is in the DOM, but the browser refused it: the widget holder gets no fixed position.
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.woot-widget-holder')!).position)).not.toBe(
      'fixed',
    );
  });

  it('validates setUser arguments and popouts with locale=undefined when no locale is set', async () => {
    const { page, token } = await blankHost();
    await run(page, token);
    await waitForWidgetLoaded(page);
    const errors = await page.evaluate(() =>
      [
        () => window.$chatwoot.setUser({ id: 1 }, { name: 'x' }),
        () => window.$chatwoot.setUser('id', { phone_number: '+1555' }),
        () => window.$chatwoot.deleteCustomAttribute(''),
      ].map((call) => {
        try {
          call();
          return 'no error';
        } catch (error) {
          return (error as Error).message;
        }
      }),
    );
    expect(errors).toEqual([
      'Identifier should be a string or a number',
      'User object should have one of the keys [avatar_url, email, name]',
      'Custom attribute is required',
    ]);

    const [popup] = await Promise.all([
      context.waitForEvent('page'),
      page.evaluate(() => window.$chatwoot.popoutChatWindow()),
    ]);
    expect(new URL(popup.url()).searchParams.get('locale')).toBe('undefined');
    expect(popup.url()).toContain(`website_token=${token}`);
    expect(popup.url()).toMatch(/cw_conversation=fakejwt\./);
  });

  it('fails to load when sdk.js answers 404 (sdkStatus option)', async () => {
    env.fake.widget.configure({ sdkStatus: 404 });
    const token = `trap-${++tokenCounter}`;
    context = await env.newContext();
    const page = await context.newPage();
    await page.goto(`${env.fake.url}/__fake/host?mode=blank&website_token=${token}`);
    const outcome = await page.evaluate(
      (src) =>
        new Promise<string>((resolve) => {
          const script = document.createElement('script');
          script.src = src;
          script.onload = () => resolve('load');
          script.onerror = () => resolve('error');
          document.body.appendChild(script);
        }),
      `${env.fake.url}/packs/js/sdk.js`,
    );
    expect(outcome).toBe('error');
    expect(await page.evaluate(() => typeof window.chatwootSDK)).toBe('undefined');
  });
});
