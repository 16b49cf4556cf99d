/**
 * `pnpm demo` end to end: the demo (stand-in mode, free ports, in-process) driven in real Chromium through the
 * whole round trip — page → login → open chat → type in the widget iframe → verified webhook → contact matched
 * by phone → round-robin assignment → auto-reply visible in the widget and in the page → a server-sent update
 * (notify) counted as unread while the chat is closed. Leaves a screenshot in
 * `examples/demo/test-output/demo.png`.
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '@wootkit/testing/browser';
import { STAND_IN_WEBSITE_TOKEN } from '../src/stand-in';
import { startDemo, type RunningDemo } from '../src/start-demo';

const OUTPUT_DIR = fileURLToPath(new URL('../test-output/', import.meta.url));
const WAIT_MS = 45_000;

let demo: RunningDemo;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  demo = await startDemo({ mode: 'stand-in', port: 0, standInPort: 0 });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1560, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

const steps = (step: string) => demo.log.entries().filter((entry) => entry.step === step);

describe('pnpm demo in Chromium', () => {
  it('goes from the script-tag bubble to an auto-reply in the widget, with every server step verified', async () => {
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(demo.url);

    // 1. Log in: the identity comes from the server.
    await page.locator('[data-testid="login-form"] input[name="phone"]').fill('55 1234 5678');
    await page.locator('[data-testid="login-form"] button[type="submit"]').click();
    await expect.poll(() => page.locator('[data-testid="signed-in"]').count(), { timeout: WAIT_MS }).toBe(1);
    expect(await page.locator('[data-testid="signed-in"]').textContent()).toContain('+525512345678');

    // 2. Open the chat (the script tag's controller, through the Preact hooks) and type in the widget iframe.
    await page.locator('[data-testid="open-chat"]').click();
    const iframe = page.locator('iframe[src*="/widget"]');
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
    await mkdir(OUTPUT_DIR, { recursive: true });
    await page.screenshot({ path: `${OUTPUT_DIR}demo.png` });

    // 6. Log out: the hooks' reset() makes the widget a fresh anonymous visitor (a new widget session).
    const sessionsBefore = demo.standIn!.widget.sessions(STAND_IN_WEBSITE_TOKEN).length;
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.locator('[data-testid="login-form"]').waitFor({ timeout: WAIT_MS });
    await expect
      .poll(() => demo.standIn!.widget.sessions(STAND_IN_WEBSITE_TOKEN).length, { timeout: WAIT_MS })
      .toBe(sessionsBefore + 1);
    expect(pageErrors).toEqual([]);
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
