// The script tag on pages that are not on wootkit's side, in real Chromium against the Chatwoot stand-in: another
// window of the Chatwoot origin posting widget messages, and a Content-Security-Policy that enforces Trusted Types.
// (Hostile listeners, attributes and styles are unit tests: test/hostile-page.test.ts.)
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';
import { launchChromium } from '@wootkit/testing/browser';
import { startScriptTagHost, type ScriptTagHost } from './support/script-tag-host';
import { recordPageProblems } from './support/page-problems';

const TOKEN = 'hostile-token';

let fake: FakeChatwoot;
let host: ScriptTagHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageProblems: string[];
const pages = new Map<string, { html: string; csp?: string }>();

/** A host page: wootkit's script tag with `attributes`, then `body`. */
function hostPage(attributes: string, body = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title></head><body><h1>Shop</h1>
<script src="/wootkit.global.js" data-base-url="${fake.url}" data-website-token="${TOKEN}" ${attributes}></script>
${body}</body></html>`;
}

async function open(html: string, csp?: string): Promise<void> {
  const path = `/page-${pages.size}`;
  pages.set(path, { html, csp });
  await page.goto(host.url + path, { waitUntil: 'load' });
}

type ChatState = { status: string; error: { code: string; message: string } | null };
const state = (): Promise<ChatState> => page.evaluate(() => (window as any).Wootkit.chat.getState());
/** Polls the controller's state (in Node: the CSP pages forbid eval) until `holds`, for at most 10 s. */
async function waitForState(holds: (s: ChatState) => boolean): Promise<ChatState> {
  const deadline = Date.now() + 10_000;
  for (let attempt = 0; attempt < 400 && Date.now() < deadline; attempt++) {
    const now = await state();
    if (holds(now)) return now;
    await page.waitForTimeout(25);
  }
  throw new Error(`state never matched: ${JSON.stringify(await state())}`);
}

beforeAll(async () => {
  fake = await startFakeChatwoot();
  host = await startScriptTagHost({ page: (url) => pages.get(url.pathname) });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await fake?.close();
});

beforeEach(async () => {
  fake.widget.reset();
  fake.widget.configure({ sdkStatus: 200, loadedDelayMs: 150 });
  context = await browser.newContext();
  page = await context.newPage();
  pageProblems = await recordPageProblems(page);
});

afterEach(async () => {
  await context?.close();
});

describe('forged widget messages', () => {
  it("another window of the Chatwoot origin posting `loaded` early does not make the queued setUser miss the widget", async () => {
    // A page of the Chatwoot origin that is not the widget (say, a help-centre article the host embeds) keeps
    // posting the widget's `loaded`; the real widget takes 1.5 s to listen.
    await context.route(`${fake.url}/forged-frame`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<script>
          const post = () => parent.postMessage('chatwoot-widget:' + JSON.stringify({
            event: 'loaded', config: { authToken: 'forged', channelConfig: { widgetColor: '#000' } },
          }), '*');
          post();
          const timer = setInterval(post, 25);
          setTimeout(() => clearInterval(timer), 5000);
        </script>`,
      }),
    );
    fake.widget.configure({ loadedDelayMs: 1500 });
    await open(
      hostPage(
        'data-load="eager"',
        `<script>Wootkit.chat.setUser('42', { name: 'Ada', email: 'ada@example.com' });</script>
         <iframe src="${fake.url}/forged-frame" title="Help centre"></iframe>`,
      ),
    );
    await waitForState((s) => s.status === 'ready');
    // Ready early, the queued set-user would have been posted to a widget not listening yet, and lost.
    await fake.widget.waitForEvent({ websiteToken: TOKEN, event: 'set-user' }, { timeoutMs: 5000 });
    await expect.poll(() => fake.widget.users(TOKEN)[0]).toMatchObject({ identifier: '42', name: 'Ada' });
    expect(pageProblems).toEqual([]);
  });
});
