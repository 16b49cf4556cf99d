/**
 * Layout facts of the demo page, measured in Chromium for the e2e test: where the chat window is, whether the page
 * scrolls sideways, which colours the launcher and the bubbles have, whether the window can be closed.
 */
import type { Page } from 'playwright-core';

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The sizes the demo must look right at: a common laptop, and a phone (iPhone 12–15 class). */
export const LAPTOP = { viewport: { width: 1366, height: 768 } };
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 };

/** The SDK's chat window (the iframe's holder). */
export const PANEL = '#cw-widget-holder';
export const WIDGET_FRAME = 'iframe[src*="/widget"]';

export const box = (page: Page, selector: string): Promise<Box> =>
  page.locator(selector).first().evaluate((element) => {
    const rect = element.getBoundingClientRect();
    return { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom };
  });

export const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Scroll position and width: a page that is wider than the screen scrolls sideways (and a phone zooms it out). */
export const scrolling = (page: Page) =>
  page.evaluate(() => ({
    scrollX: window.scrollX,
    scrollY: window.scrollY,
    innerWidth: window.innerWidth,
    scrollWidth: document.scrollingElement!.scrollWidth,
  }));

/** `#5b4cdb` → `rgb(91, 76, 219)`, the way computed styles give colours. */
export function rgb(hex: string): string {
  const digits = hex.replace('#', '');
  const full = digits.length === 3 ? [...digits].map((digit) => digit + digit).join('') : digits;
  const [r, g, b] = [0, 2, 4].map((at) => parseInt(full.slice(at, at + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

export const backgroundOf = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((element) => getComputedStyle(element).backgroundColor);

/** The widget page's own background (inside the iframe): transparent shows the host page through the panel. */
export const panelBackground = (page: Page) =>
  page.frameLocator(WIDGET_FRAME).locator('body').evaluate((body) => getComputedStyle(body).backgroundColor);

/** The close bubble's X: its two bars are `::before` and `::after` (Chatwoot's SDK styles). */
export const closeIcon = (page: Page) =>
  page.locator('.woot--close').evaluate((element) =>
    ['::before', '::after'].map((pseudo) => {
      const style = getComputedStyle(element, pseudo);
      return { content: style.content, width: style.width, height: style.height };
    }),
  );

/** The script tag's colour attribute (`data-color`), which the facade launcher is drawn with. */
export const scriptTagColor = (page: Page) =>
  page.locator('script[data-website-token]').evaluate((script) => (script as HTMLScriptElement).dataset.color ?? null);
