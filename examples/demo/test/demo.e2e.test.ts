/**
 * `pnpm demo` end to end: the demo (stand-in mode, free ports, in-process) driven in real Chromium through the
 * whole round trip — page → login → open chat → type in the widget iframe → verified webhook → contact matched
 * by phone → round-robin assignment → auto-reply visible in the widget and in the page → a server-sent update
 * (notify) counted as unread while the chat is closed → log out. On a laptop screen (1366×768) and a phone
 * (390×844) it checks the layout measured in the page: no sideways scroll, opened at the top, an opaque chat window
 * inside the screen and clear of the log, launcher and bubbles in the inbox's colour, a close control while open, and
 * each visitor's log showing only their own steps. Screenshots go to `examples/demo/test-output/` (git-ignored).
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '@wootkit/testing/browser';
import { STAND_IN_WEBSITE_TOKEN, WIDGET_COLOR } from '../src/stand-in';
import { startDemo, type RunningDemo } from '../src/start-demo';
import {
  backgroundOf,
  box,
  closeIcon,
  LAPTOP,
  overlaps,
  PANEL,
  panelBackground,
  PHONE,
  rgb,
  scriptTagColor,
  scrolling,
  WIDGET_FRAME,
} from './demo-layout';

const OUTPUT_DIR = fileURLToPath(new URL('../test-output/', import.meta.url));
const WAIT_MS = 45_000;

let demo: RunningDemo;
let browser: Browser;
let laptop: BrowserContext;
let page: Page;

beforeAll(async () => {
  demo = await startDemo({ mode: 'stand-in', port: 0, standInPort: 0 });
  browser = await launchChromium();
  laptop = await browser.newContext(LAPTOP);
  page = await laptop.newPage();
  await mkdir(OUTPUT_DIR, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

const steps = (step: string) => demo.log.entries().filter((entry) => entry.step === step);
const logLines = (on: Page, text?: string) => on.locator('[data-testid="log"] li', text === undefined ? {} : { hasText: text });

/** Opened, and the log's first (set-up) lines in: what a visitor sees right after the page loads. */
async function openDemo(on: Page) {
  await on.goto(demo.url);
  await on.locator('[data-testid="log"] li[data-step="setup"]').first().waitFor({ timeout: WAIT_MS });
  // The log keeps streaming in; a page that jumps does so as lines arrive.
  await on.waitForTimeout(300);
}

/** Facts true at every size before the chat opens: at the top, no sideways scroll, launcher in the inbox's colour. */
async function expectPageFits(on: Page, width: number) {
  const { scrollX, scrollY, scrollWidth, innerWidth } = await scrolling(on);
  expect({ scrollX, scrollY }, 'opened at the top').toEqual({ scrollX: 0, scrollY: 0 });
  // Wider content would scroll sideways, and a phone zooms out to show it all (innerWidth grows past the device's).
  expect(scrollWidth, 'no sideways scroll').toBeLessThanOrEqual(innerWidth);
  expect(innerWidth, 'laid out at the device width').toBe(width);
  expect(scrollWidth, 'no wider than the device').toBeLessThanOrEqual(width);
  expect(await scriptTagColor(on)).toBe(WIDGET_COLOR);
  expect(await backgroundOf(on, '.wootkit-launcher')).toBe(rgb(WIDGET_COLOR));
}

/** Facts true at every size while the chat is open: an opaque window inside the screen, bubbles in the inbox's colour. */
async function expectOpenPanel(on: Page, viewport: { width: number; height: number }) {
  await on.locator(PANEL).waitFor({ state: 'visible', timeout: WAIT_MS });
  const panel = await box(on, PANEL);
  expect(panel.left).toBeGreaterThanOrEqual(0);
  expect(panel.top).toBeGreaterThanOrEqual(0);
  expect(panel.right).toBeLessThanOrEqual(viewport.width);
  expect(panel.bottom).toBeLessThanOrEqual(viewport.height);
  // Opaque: a computed colour without alpha (a page with no background computes to rgba(0, 0, 0, 0)).
  expect(await panelBackground(on)).toMatch(/^rgb\(/);
  expect(await backgroundOf(on, '.woot-widget-bubble:not(.woot--close)')).toBe(rgb(WIDGET_COLOR));
  expect(await backgroundOf(on, '.woot--close')).toBe(rgb(WIDGET_COLOR));
  return panel;
}

describe('pnpm demo in Chromium', () => {
  it('goes from the script-tag bubble to an auto-reply in the widget, with every server step verified (1366×768)', async () => {
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await openDemo(page);
    await expectPageFits(page, LAPTOP.viewport.width);

    // 1. Log in: the identity comes from the server.
    await page.locator('[data-testid="login-form"] input[name="phone"]').fill('55 1234 5678');
    await page.locator('[data-testid="login-form"] button[type="submit"]').click();
    await expect.poll(() => page.locator('[data-testid="signed-in"]').count(), { timeout: WAIT_MS }).toBe(1);
    expect(await page.locator('[data-testid="signed-in"]').textContent()).toContain('+525512345678');

    // 2. Open the chat (the script tag's controller, through the Preact hooks) and type in the widget iframe.
    await page.locator('[data-testid="open-chat"]').click();
    const iframe = page.locator(WIDGET_FRAME);
    await iframe.waitFor({ state: 'visible', timeout: WAIT_MS });
    const widget = iframe.contentFrame();
    const input = widget.locator('#input');
    await input.waitFor({ state: 'visible', timeout: WAIT_MS });
    // The visitor is identified (HMAC checked by the stand-in) before they write.
    await expect
      .poll(() => demo.standIn!.widget.users(STAND_IN_WEBSITE_TOKEN).map((user) => [user.identifier, user.identifierVerified]), { timeout: WAIT_MS })
      .toEqual([['customer-1', true]]);
    await input.fill('Hola, ¿dónde está mi pedido?');
    await input.press('Enter');

    // 3. The auto-reply shows in the widget iframe…
    const reply = widget.locator('.msg--agent', { hasText: 'automatic reply' });
    await reply.waitFor({ state: 'visible', timeout: WAIT_MS });
    expect(await reply.textContent()).toContain('Hi María!');

    // The open chat window: opaque, inside the screen, clear of the log; its close bubble shows the X.
    const panel = await expectOpenPanel(page, LAPTOP.viewport);
    expect(overlaps(panel, await box(page, '.card--log'))).toBe(false);
    await page.locator('.woot--close').waitFor({ state: 'visible', timeout: WAIT_MS });
    expect(await closeIcon(page)).toEqual([
      { content: '" "', width: '2px', height: '24px' },
      { content: '" "', width: '2px', height: '24px' },
    ]);

    // …and in the page: the hooks saw the message, the live log shows every step.
    await expect.poll(() => page.locator('[data-testid="replies"]').textContent(), { timeout: WAIT_MS }).toBe('1');
    for (const step of ['identity', 'webhook', 'contact', 'assignment', 'reply']) {
      await page.locator(`[data-testid="log"] li[data-step="${step}"]`).first().waitFor({ timeout: WAIT_MS });
    }
    await page.locator('[data-testid="log"] li[data-step="page"]', { hasText: 'Reply shown in the widget' }).waitFor({ timeout: WAIT_MS });

    // 4. What the server did, checked against Chatwoot's (the stand-in's) records.
    const [conversation] = demo.standIn!.api.conversations();
    expect(conversation).toBeDefined();
    const webhook = steps('webhook').find((entry) => entry.data?.event === 'message_created');
    expect(webhook?.data).toMatchObject({ conversationId: conversation!.display_id, signed: true });
    expect(webhook?.data?.deliveryId).toEqual(expect.any(String));

    const contact = demo.standIn!.api.contacts().find((candidate) => candidate.id === conversation!.contactId)!;
    expect(contact.phone_number).toBe('+525512345678');
    expect(steps('contact').find((entry) => entry.text.includes('matched by phone'))?.data).toMatchObject({
      contactId: contact.id,
      phone: '+525512345678',
    });
    expect(contact.custom_attributes).toMatchObject({ demo_customer_id: 'customer-1' });

    const assignment = steps('assignment')[0]?.data;
    expect(assignment).toMatchObject({ outcome: 'assigned', conversationId: conversation!.display_id });
    expect(conversation!.assigneeId).toBe(assignment!.agentId);
    const online = (await demo.client.agents.list()).filter((agent) => agent.availability_status === 'online').map((agent) => agent.id);
    expect(online).toContain(conversation!.assigneeId);

    const messages = demo.standIn!.api.messages(conversation!.display_id);
    expect(messages.map((message) => [message.message_type, message.content?.slice(0, 12)])).toEqual([
      [0, 'Hola, ¿dónde'],
      [1, 'Hi María! Th'],
    ]);

    // 5. The app writes first while the chat is closed (notify): the page shows it as unread.
    await page.getByRole('button', { name: 'Close chat' }).click();
    await expect.poll(() => page.locator('[data-testid="open-state"]').textContent(), { timeout: WAIT_MS }).toBe('closed');
    await page.locator('[data-testid="follow-up"]').click();
    await expect.poll(() => page.locator('[data-testid="unread"]').textContent(), { timeout: WAIT_MS }).toBe('1');
    expect(steps('notify')[0]?.data).toMatchObject({ contactId: contact.id, conversationId: conversation!.display_id });
    await widget.locator('.msg--agent', { hasText: 'ships tomorrow' }).waitFor({ state: 'attached', timeout: WAIT_MS });
    await page.locator('[data-testid="log"] li[data-step="page"]', { hasText: '1 unread message' }).waitFor({ timeout: WAIT_MS });

    expect(steps('error')).toEqual([]);
    expect(pageErrors).toEqual([]);

    // Reopened, for a screenshot that shows the whole story.
    await page.locator('[data-testid="open-chat"]').click();
    await widget.locator('.msg--agent', { hasText: 'ships tomorrow' }).waitFor({ state: 'visible', timeout: WAIT_MS });
    expect(overlaps(await box(page, PANEL), await box(page, '.card--log'))).toBe(false);
    await page.screenshot({ path: `${OUTPUT_DIR}demo-1366.png` });

    // 6. Log out: the hooks' reset() makes the widget a fresh anonymous visitor (a new widget session).
    const sessionsBefore = demo.standIn!.widget.sessions(STAND_IN_WEBSITE_TOKEN).length;
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.locator('[data-testid="login-form"]').waitFor({ timeout: WAIT_MS });
    await expect
      .poll(() => demo.standIn!.widget.sessions(STAND_IN_WEBSITE_TOKEN).length, { timeout: WAIT_MS })
      .toBe(sessionsBefore + 1);
    // A new visitor: nothing of María's stays on screen — reply, counters or log lines.
    await logLines(page, 'reset(): the widget forgets the visitor').waitFor({ timeout: WAIT_MS });
    expect(await page.locator('[data-testid="last-reply"]').count()).toBe(0);
    expect(await page.locator('[data-testid="replies"]').textContent()).toBe('0');
    expect(await page.locator('[data-testid="unread"]').textContent()).toBe('0');
    for (const text of ['customer-1', 'María', `conversation #${conversation!.display_id}`, 'Reply shown', 'unread message']) {
      expect(await logLines(page, text).count(), text).toBe(0);
    }
    expect(await page.locator('[data-testid="log"] li[data-customer], [data-testid="log"] li[data-conversation]').count()).toBe(0);
    expect(await logLines(page).count()).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  });

  it('fits a phone (390×844): no sideways scroll, opens at the top, a full-screen chat with its own close button, own log only', async () => {
    const phone = await browser.newContext(PHONE);
    try {
      const mobile = await phone.newPage();
      const pageErrors: string[] = [];
      mobile.on('pageerror', (error) => pageErrors.push(error.message));
      await openDemo(mobile);
      await expectPageFits(mobile, PHONE.viewport.width);
      // Another visitor's steps (María's, from the laptop) are in the server's log, not on this page.
      expect(demo.log.entries().some((entry) => entry.customer === 'customer-1')).toBe(true);
      for (const text of ['customer-1', 'María']) expect(await logLines(mobile, text).count(), text).toBe(0);
      await mobile.screenshot({ path: `${OUTPUT_DIR}demo-390.png` });

      // Someone else logs in and writes.
      await mobile.locator('[data-testid="login-form"] input[name="name"]').fill('Lucía Pérez');
      await mobile.locator('[data-testid="login-form"] input[name="email"]').fill('lucia@example.com');
      await mobile.locator('[data-testid="login-form"] input[name="phone"]').fill('33 1234 5678');
      await mobile.locator('[data-testid="login-form"] button[type="submit"]').click();
      await expect.poll(() => mobile.locator('[data-testid="signed-in"]').count(), { timeout: WAIT_MS }).toBe(1);
      await mobile.locator('[data-testid="open-chat"]').click();
      const widget = mobile.locator(WIDGET_FRAME).contentFrame();
      await widget.locator('#input').waitFor({ state: 'visible', timeout: WAIT_MS });

      // The chat fills the phone's screen; the close bubble is hidden, the widget shows its own close button.
      expect(await expectOpenPanel(mobile, PHONE.viewport)).toEqual({ left: 0, top: 0, right: 390, bottom: 844 });
      expect(await mobile.locator('.woot--close').isVisible()).toBe(false);
      const close = widget.locator('#close-window');
      await close.waitFor({ state: 'visible', timeout: WAIT_MS });

      await widget.locator('#input').fill('¿Llega a Guadalajara?');
      await widget.locator('#input').press('Enter');
      await widget.locator('.msg--agent', { hasText: 'Hi Lucía!' }).waitFor({ state: 'visible', timeout: WAIT_MS });
      await mobile.screenshot({ path: `${OUTPUT_DIR}demo-390-open.png` });
      await close.click();
      await expect.poll(() => mobile.locator('[data-testid="open-state"]').textContent(), { timeout: WAIT_MS }).toBe('closed');

      // Each visitor's log shows their own steps only.
      const lucia = demo.log.entries().find((entry) => entry.step === 'reply' && entry.customer === 'customer-2');
      expect(lucia?.conversationId).toEqual(expect.any(Number));
      await logLines(mobile, `Auto-reply #${lucia!.data!.messageId}`).waitFor({ timeout: WAIT_MS });
      for (const text of ['customer-1', 'María']) expect(await logLines(mobile, text).count(), text).toBe(0);
      for (const text of ['customer-2', 'Lucía', `conversation #${lucia!.conversationId}`]) expect(await logLines(page, text).count(), text).toBe(0);
      expect(await scrolling(mobile)).toMatchObject({ scrollX: 0, innerWidth: PHONE.viewport.width });
      await mobile.screenshot({ path: `${OUTPUT_DIR}demo-390-full.png`, fullPage: true });
      expect(pageErrors).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('refuses a webhook that Chatwoot did not sign, and says so in the log', async () => {
    const response = await fetch(`${demo.url}/webhooks/chatwoot`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-chatwoot-timestamp': String(Math.floor(Date.now() / 1000)), 'x-chatwoot-signature': `sha256=${'0'.repeat(64)}` },
      body: JSON.stringify({ event: 'message_created', message_type: 'incoming', content: 'forged' }),
    });
    expect(response.status).toBe(401);
    expect(steps('error').at(-1)?.data).toMatchObject({ status: 401 });
  });
});
