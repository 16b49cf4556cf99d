/**
 * How the stand-in widget looks on a host page, as Chatwoot v4.15.1 draws it (`app/javascript/sdk/sdk.js`
 * `SDK_CSS`, `app/javascript/widget/assets/scss/woot.scss`, `components/HeaderActions.vue`): an opaque panel, a close
 * bubble with an X on wide screens, the whole screen and the widget's own close button on a phone.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { CHATWOOT_WINDOW_EVENTS, recordChatwootWindowEvents } from '../src/index';
import { POLL, useChromiumAndStandIn, waitForWidgetLoaded, windowEvents } from './support/chromium';

const env = useChromiumAndStandIn();
let tokenCounter = 0;

/** A host page in a context of this size, the widget loaded and opened. */
async function openWidgetAt(size: BrowserContextOptions): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await env.browser.newContext(size);
  const page = await context.newPage();
  await page.addInitScript(recordChatwootWindowEvents, CHATWOOT_WINDOW_EVENTS);
  const token = `look-${++tokenCounter}`;
  await page.goto(`${env.fake.url}/__fake/host?website_token=${token}`);
  await waitForWidgetLoaded(page);
  await env.fake.widget.waitForEvent({ websiteToken: token, event: 'toggle-close-button' });
  await page.evaluate(() => window.$chatwoot.toggle('open'));
  return { page, close: () => context.close() };
}

const rect = (page: Page, selector: string) =>
  page.locator(selector).evaluate((element) => {
    const box = element.getBoundingClientRect();
    return { left: box.left, top: box.top, right: box.right, bottom: box.bottom };
  });

/** The `::before`/`::after` bars that draw the close bubble's X. */
const closeBars = (page: Page) =>
  page.locator('.woot--close').evaluate((element) =>
    ['::before', '::after'].map((pseudo) => {
      const style = getComputedStyle(element, pseudo);
      return { content: style.content, width: style.width, height: style.height, color: style.backgroundColor };
    }),
  );

const widgetStyle = (page: Page, selector: string, property: 'backgroundColor' | 'display') =>
  page.frameLocator('#chatwoot_live_chat_widget').locator(selector).evaluate((element, name) => getComputedStyle(element)[name], property);

describe('the stand-in widget on a host page', { timeout: 60_000 }, () => {
  it('on a wide screen: an opaque 400px panel above the bubble, and the close bubble shows an X', async () => {
    const { page, close } = await openWidgetAt({ viewport: { width: 1366, height: 768 } });
    try {
      await page.locator('#cw-widget-holder').waitFor({ state: 'visible', timeout: POLL.timeout });
      expect(await rect(page, '#cw-widget-holder')).toMatchObject({ right: 1366 - 20, bottom: 768 - 104 });
      const holder = await rect(page, '#cw-widget-holder');
      expect(holder.right - holder.left).toBe(400);
      expect(await widgetStyle(page, 'body', 'backgroundColor')).toBe('rgb(255, 255, 255)');
      expect(await widgetStyle(page, '#close-window', 'display')).toBe('none');
      await page.locator('.woot--close').waitFor({ state: 'visible', timeout: POLL.timeout });
      expect(await closeBars(page)).toEqual([
        { content: '" "', width: '2px', height: '24px', color: 'rgb(255, 255, 255)' },
        { content: '" "', width: '2px', height: '24px', color: 'rgb(255, 255, 255)' },
      ]);
    } finally {
      await close();
    }
  });

  it('on a phone: the panel fills the screen, the close bubble is hidden and the widget has its own close button', async () => {
    const { page, close } = await openWidgetAt({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 });
    try {
      await page.locator('#cw-widget-holder').waitFor({ state: 'visible', timeout: POLL.timeout });
      expect(await rect(page, '#cw-widget-holder')).toEqual({ left: 0, top: 0, right: 390, bottom: 844 });
      expect(await page.locator('.woot--close').isVisible()).toBe(false);
      const button = page.frameLocator('#chatwoot_live_chat_widget').locator('#close-window');
      await button.waitFor({ state: 'visible', timeout: POLL.timeout });
      await button.click();
      await page.waitForFunction(() => window.$chatwoot.isOpen === false, undefined, { timeout: POLL.timeout });
      expect((await windowEvents(page, 'chatwoot:closed')).length).toBe(1);
    } finally {
      await close();
    }
  });
});
