/**
 * The example apps (`examples/preact`, `examples/react`) built with Vite, served on 127.0.0.1 and driven in real
 * Chromium against the Chatwoot stand-in with identity validation on: the Help button opens the chat, the unread
 * count shows in the page's own UI, login identifies with a server-computed hash, logout resets to a new visitor.
 * Uses the built packages (`pnpm test` builds first).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { launchChromium } from '@wootkit/testing/browser';

const HMAC_TOKEN = 'e2e-inbox-hmac-token';
const DEMO_IDENTIFIER = 'ada-1815';

/** Polls `check` until it stops throwing (at most `timeoutMs`). */
async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

for (const framework of ['preact', 'react'] as const) {
  describe(`examples/${framework} in Chromium`, () => {
    const root = fileURLToPath(new URL(`../../../../examples/${framework}/`, import.meta.url));
    const websiteToken = `e2e-${framework}`;
    let fake: FakeChatwoot;
    let server: PreviewServer;
    let browser: Browser;
    let outDir: string;

    beforeAll(async () => {
      fake = await startFakeChatwoot({
        widget: { hmacTokens: { [websiteToken]: HMAC_TOKEN }, hmacMandatory: true },
      });
      // Read by the example's build (VITE_*) and by its identity endpoint (the HMAC token stays in Node).
      process.env.VITE_CHATWOOT_BASE_URL = fake.url;
      process.env.VITE_CHATWOOT_WEBSITE_TOKEN = websiteToken;
      process.env.CHATWOOT_HMAC_TOKEN = HMAC_TOKEN;
      outDir = await mkdtemp(join(tmpdir(), `wootkit-example-${framework}-`));
      const configFile = join(root, 'vite.config.ts');
      await build({ root, configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
      server = await preview({
        root,
        configFile,
        logLevel: 'warn',
        build: { outDir },
        preview: { host: '127.0.0.1', port: 0, strictPort: true },
      });
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await fake?.close();
      if (outDir) await rm(outDir, { recursive: true, force: true });
    });

    test('Help opens the chat, the unread badge follows agent replies, login identifies and logout resets', async () => {
      const page: Page = await browser.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console.error: ${message.text()} (${message.location().url})`);
      });
      const url = server.resolvedUrls?.local[0];
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      await page.goto(url!);

      await page.getByTestId('status').filter({ hasText: 'chat: ready' }).waitFor({ timeout: 15_000 });

      // An agent replies while the chat is closed: the page's own badge shows it.
      fake.widget.pushAgentMessage({ websiteToken, content: 'Hi! Anything I can help with?' });
      await page.getByTestId('unread').filter({ hasText: '1' }).waitFor({ timeout: 10_000 });

      // Help opens the widget, which clears the badge.
      await page.getByRole('button', { name: /^Help/ }).click();
      await fake.widget.waitForEvent({ websiteToken, event: 'toggle-open' }, { timeoutMs: 10_000 });
      await page.getByTestId('unread').waitFor({ state: 'detached', timeout: 10_000 });

      // Login: the identity (with the server's hash) reaches the widget and the visitor is verified.
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByTestId('who').filter({ hasText: 'Ada Lovelace' }).waitFor({ timeout: 10_000 });
      const identified = await eventually(() => {
        const user = fake.widget.users(websiteToken).find((visitor) => visitor.identifier === DEMO_IDENTIFIER);
        expect(user).toBeDefined();
        return user!;
      });
      expect(identified.identifierVerified).toBe(true);
      expect(identified.name).toBe('Ada Lovelace');

      // Logout: the widget reloads as a new, anonymous visitor.
      await page.getByRole('button', { name: 'Log out' }).click();
      await eventually(() => expect(fake.widget.sessions(websiteToken)).toHaveLength(2));
      await page.getByTestId('status').filter({ hasText: 'chat: ready' }).waitFor({ timeout: 15_000 });
      const latest = fake.widget.sessions(websiteToken).at(-1)!;
      expect(latest.contactId).not.toBe(identified.contactId);
      const visitor = fake.widget.visitors(websiteToken).find((v) => v.contactId === latest.contactId);
      expect(visitor?.identifier ?? null).toBeNull();

      // One widget the whole time (React's StrictMode included), and nothing went wrong on the page.
      expect(await page.locator('script[src$="/packs/js/sdk.js"]').count()).toBe(1);
      expect(await page.locator('iframe#chatwoot_live_chat_widget').count()).toBe(1);
      expect(problems).toEqual([]);
      await page.close();
    });
  });
}
