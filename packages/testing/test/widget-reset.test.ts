/**
 * reset() with and without `baseDomain`: the SDK deletes its cookies without the domain attribute, so a site
 * that sets `baseDomain` keeps the old visitor's cookies and the next setUser of that user is silently skipped.
 * The host page runs on `www.shop.test` (mapped to 127.0.0.1 inside Chromium only), the widget on 127.0.0.1.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../src/browser';
import { startFakeChatwoot, type FakeChatwoot } from '../src/index';

/** The machine is shared and slow at times: generous, still bounded, waits. */
const POLL = { timeout: 10_000, interval: 50 };

let browser: Browser;
let fake: FakeChatwoot;
let context: BrowserContext | undefined;

beforeAll(async () => {
  [browser, fake] = await Promise.all([
    chromium.launch({
      executablePath: CHROMIUM_PATH,
      // Only names under .test resolve, and only to loopback: nothing leaves the machine.
      args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP *.shop.test 127.0.0.1'],
      headless: true,
    }),
    startFakeChatwoot(),
  ]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await fake?.close();
}, 60_000);
afterEach(async () => {
  await context?.close();
  context = undefined;
}, 60_000);

declare global {
  interface Window {
    $chatwoot: Record<string, any>;
  }
}

async function openShop(token: string, settings: Record<string, unknown>): Promise<Page> {
  context = await browser.newContext();
  const page = await context.newPage();
  const query = new URLSearchParams({ website_token: token, base_url: fake.url, settings: JSON.stringify(settings) });
  await page.goto(`http://www.shop.test:${fake.port}/__fake/host?${query}`);
  await page.waitForFunction(() => window.$chatwoot?.hasLoaded === true, undefined, { timeout: 10_000 });
  return page;
}

async function identifyThenReset(page: Page, token: string): Promise<void> {
  await page.evaluate(() => window.$chatwoot.setUser('shopper-1', { name: 'Shopper', email: 's@example.com' }));
  await expect.poll(() => fake.widget.users(token).length, POLL).toBe(1);
  await page.evaluate(() => window.$chatwoot.reset());
  await fake.widget.waitForSession(token, { count: 2 });
  // Ready is not re-fired after reset: wait for the reloaded page's own `loaded` instead.
  const second = fake.widget.sessions(token)[1]!.session;
  await fake.widget.waitForEvent({ session: second, direction: 'sent', event: 'loaded' });
  await fake.widget.waitForEvent({ session: second, event: 'toggle-close-button' });
}

// Real Chromium on a shared 2-core machine: a slow moment must not fail a correct test.
describe('reset() and baseDomain', { timeout: 60_000 }, () => {
  it('without baseDomain: cookies go, and the same user can identify the new visitor again', async () => {
    const token = 'reset-plain';
    const page = await openShop(token, {});
    await identifyThenReset(page, token);
    expect(await page.evaluate(() => document.cookie)).not.toContain(`cw_user_${token}`);

    await page.evaluate(() => window.$chatwoot.setUser('shopper-1', { name: 'Shopper', email: 's@example.com' }));
    const second = fake.widget.sessions(token)[1]!.session;
    // Chatwoot merges the anonymous visitor into the known contact.
    await fake.widget.waitForEvent({ session: second, direction: 'sent', event: 'setAuthCookie' });
    expect(fake.widget.sessions(token)[1]!.contactId).toBe(fake.widget.users(token)[0]!.contactId);
  });

  it('with baseDomain: the user cookie survives reset, so setUser of that user is skipped (visitor stays anonymous)', async () => {
    const token = 'reset-domain';
    const page = await openShop(token, { baseDomain: 'shop.test' });
    await identifyThenReset(page, token);
    expect(await page.evaluate(() => document.cookie)).toContain(`cw_user_${token}=`);

    await page.evaluate(() => window.$chatwoot.setUser('shopper-1', { name: 'Shopper', email: 's@example.com' }));
    await page.evaluate(() => window.$chatwoot.setLabel('marker'));
    const second = fake.widget.sessions(token)[1]!;
    await fake.widget.waitForEvent({ session: second.session, event: 'set-label' });
    const setUsers = fake.widget.events({ session: second.session, event: 'set-user' });
    // Only the malformed re-send from `loaded`; the real call never left the SDK.
    expect(setUsers.map((e) => 'identifier' in e.message)).toEqual([false]);
    expect(fake.widget.visitors(token).find((v) => v.contactId === second.contactId)!.identifier).toBeNull();
  });
});
