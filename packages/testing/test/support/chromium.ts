/**
 * Shared set-up of the Chromium tests: one real Chromium and one stand-in per file, a fresh browser context per
 * need (closed after each test), and the small readers of a host page those tests use.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../src/browser';
import {
  startFakeChatwoot,
  type FakeChatwoot,
  type FakeChatwootOptions,
  type RecordedWindowEvent,
} from '../../src/index';

/** The machine is shared and slow at times: generous, still bounded, waits. */
export const POLL = { timeout: 10_000, interval: 50 };

declare global {
  interface Window {
    $chatwoot: Record<string, any>;
  }
}

export interface ChromiumAndStandIn {
  /** The file's Chromium (from `beforeAll` on). */
  readonly browser: Browser;
  /** The file's stand-in (from `beforeAll` on). */
  readonly fake: FakeChatwoot;
  /** A fresh context (own cookies). Every context opened in a test is closed after it. */
  newContext(): Promise<BrowserContext>;
}

/**
 * Registers the file's hooks: Chromium (with `chromiumArgs` added to the required flags) and the stand-in (with
 * `fake` options) start before the file's tests and close after them.
 */
export function useChromiumAndStandIn(
  options: { fake?: FakeChatwootOptions; chromiumArgs?: string[] } = {},
): ChromiumAndStandIn {
  let browser: Browser | undefined;
  let fake: FakeChatwoot | undefined;
  let contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [browser, fake] = await Promise.all([
      chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: [...CHROMIUM_ARGS, ...(options.chromiumArgs ?? [])],
        headless: true,
      }),
      startFakeChatwoot(options.fake),
    ]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await fake?.close();
  }, 60_000);
  afterEach(async () => {
    // Closing a context twice is harmless: tests may close one themselves to start over with new cookies.
    await Promise.all(contexts.map((context) => context.close()));
    contexts = [];
  }, 60_000);

  const harness: ChromiumAndStandIn = {
    get browser() {
      if (!browser) throw new Error('Chromium is not started yet (use it inside a test)');
      return browser;
    },
    get fake() {
      if (!fake) throw new Error('the stand-in is not started yet (use it inside a test)');
      return fake;
    },
    async newContext() {
      const context = await harness.browser.newContext();
      contexts.push(context);
      return context;
    },
  };
  return harness;
}

/** Waits until the official SDK on the page reports the widget loaded. */
export async function waitForWidgetLoaded(page: Page): Promise<void> {
  await page.waitForFunction(() => window.$chatwoot?.hasLoaded === true, undefined, { timeout: 10_000 });
}

/** The Chatwoot window events the page recorded (`recordChatwootWindowEvents`), all or those named `name`. */
export function windowEvents(page: Page, name?: string): Promise<RecordedWindowEvent[]> {
  return page.evaluate(
    (wanted) =>
      (window as unknown as { __chatwootEvents: RecordedWindowEvent[] }).__chatwootEvents.filter(
        (event) => wanted === null || event.name === wanted,
      ),
    name ?? null,
  );
}
