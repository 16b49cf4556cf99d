/**
 * reset() with and without `baseDomain`: the SDK deletes its cookies without the domain attribute, so a site
 * that sets `baseDomain` keeps the old visitor's cookies and the next setUser of that user is silently skipped.
 * The host page runs on `www.shop.test` (mapped to 127.0.0.1 inside Chromium only), the widget on 127.0.0.1.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { POLL, useChromiumAndStandIn, waitForWidgetLoaded } from './support/chromium';

// Only names under .test resolve, and only to loopback: nothing leaves the machine.
const env = useChromiumAndStandIn({ chromiumArgs: ['--host-resolver-rules=MAP *.shop.test 127.0.0.1'] });

async function openShop(token: string, settings: Record<string, unknown>): Promise<Page> {
  const context = await env.newContext();
  const page = await context.newPage();
  const query = new URLSearchParams({ website_token: token, base_url: env.fake.url, settings: JSON.stringify(settings) });
  await page.goto(`http://www.shop.test:${env.fake.port}/__fake/host?${query}`);
  await waitForWidgetLoaded(page);
  return page;
}

async function identifyThenReset(page: Page, token: string): Promise<void> {
  await page.evaluate(() => window.$chatwoot.setUser('shopper-1', { name: 'Shopper', email: 's@example.com' }));
  await expect.poll(() => env.fake.widget.users(token).length, POLL).toBe(1);
  await page.evaluate(() => window.$chatwoot.reset());
  await env.fake.widget.waitForSession(token, { count: 2 });
  // Ready is not re-fired after reset: wait for the reloaded page's own `loaded` instead.
  const second = env.fake.widget.sessions(token)[1]!.session;
  await env.fake.widget.waitForEvent({ session: second, direction: 'sent', event: 'loaded' });
  await env.fake.widget.waitForEvent({ session: second, event: 'toggle-close-button' });
}

// Real Chromium on a shared 2-core machine: a slow moment must not fail a correct test.
describe('reset() and baseDomain', { timeout: 60_000 }, () => {
  it('without baseDomain: cookies go, and the same user can identify the new visitor again', async () => {
    const token = 'reset-plain';
    const page = await openShop(token, {});
    await identifyThenReset(page, token);
    expect(await page.evaluate(() => document.cookie)).not.toContain(`cw_user_${token}`);

    await page.evaluate(() => window.$chatwoot.setUser('shopper-1', { name: 'Shopper', email: 's@example.com' }));
    const second = env.fake.widget.sessions(token)[1]!.session;
    // Chatwoot merges the anonymous visitor into the known contact.
    await env.fake.widget.waitForEvent({ session: second, direction: 'sent', event: 'setAuthCookie' });
    expect(env.fake.widget.sessions(token)[1]!.contactId).toBe(env.fake.widget.users(token)[0]!.contactId);
  });

  it('with baseDomain: the user cookie survives reset, so setUser of that user is skipped (visitor stays anonymous)', async () => {
    const token = 'reset-domain';
    const page = await openShop(token, { baseDomain: 'shop.test' });
    await identifyThenReset(page, token);
    expect(await page.evaluate(() => document.cookie)).toContain(`cw_user_${token}=`);

    await page.evaluate(() => window.$chatwoot.setUser('shopper-1', { name: 'Shopper', email: 's@example.com' }));
    await page.evaluate(() => window.$chatwoot.setLabel('marker'));
    const second = env.fake.widget.sessions(token)[1]!;
    await env.fake.widget.waitForEvent({ session: second.session, event: 'set-label' });
    const setUsers = env.fake.widget.events({ session: second.session, event: 'set-user' });
    // Only the malformed re-send from `loaded`; the real call never left the SDK.
    expect(setUsers.map((e) => 'identifier' in e.message)).toEqual([false]);
    expect(env.fake.widget.visitors(token).find((v) => v.contactId === second.contactId)!.identifier).toBeNull();
  });
});
