/**
 * The stand-in `/widget` page as a working chat: a person (here Playwright) types, agents reply, identity is
 * validated, and each website token is its own inbox.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import {
  CHATWOOT_WINDOW_EVENTS,
  HMAC_FAILED_MESSAGE,
  recordChatwootWindowEvents,
  type FakeVisitorMessageEvent,
} from '../src/index';
import { POLL, useChromiumAndStandIn, waitForWidgetLoaded, windowEvents } from './support/chromium';

const HMAC_TOKEN = 'inbox-hmac-secret';
const HMAC_INBOX = 'page-hmac';

const env = useChromiumAndStandIn({ fake: { widget: { hmacTokens: { [HMAC_INBOX]: HMAC_TOKEN } } } });
/** The test's browser context: each test opens its own (the harness closes it after the test). */
let context: BrowserContext;
let tokenCounter = 0;

/** Opens a host page with the official snippet in the test's context and waits for the widget to be ready. */
async function openWidget(token = `page-${++tokenCounter}`, settings?: Record<string, unknown>) {
  const page = await context.newPage();
  await page.addInitScript(recordChatwootWindowEvents, CHATWOOT_WINDOW_EVENTS);
  const query = new URLSearchParams({ website_token: token });
  if (settings) query.set('settings', JSON.stringify(settings));
  await page.goto(`${env.fake.url}/__fake/host?${query}`);
  await waitForWidgetLoaded(page);
  await env.fake.widget.waitForEvent({ websiteToken: token, event: 'toggle-close-button' });
  return { page, token, frame: widgetFrame(page) };
}

function widgetFrame(page: Page): Frame {
  const frame = page.frames().find((f) => f.url().includes('/widget?'));
  if (!frame) throw new Error('widget iframe not found');
  return frame;
}

// Real Chromium on a shared 2-core machine: a slow moment must not fail a correct test.
describe('the stand-in widget page', { timeout: 60_000 }, () => {
  it('lets a visitor type a message: on-start-conversation, on-message, and onVisitorMessage on the server', async () => {
    const heard: FakeVisitorMessageEvent[] = [];
    const unsubscribe = env.fake.widget.onVisitorMessage((event) => heard.push(event));
    try {
      context = await env.newContext();
      const { page, token, frame } = await openWidget();
      await page.evaluate(() => window.$chatwoot.toggle('open'));
      await frame.fill('#input', 'Hi, I need help');
      await frame.press('#input', 'Enter');

      await expect.poll(() => heard.length, POLL).toBe(1);
      expect(heard[0]).toMatchObject({
        websiteToken: token,
        conversationStarted: true,
        message: { content: 'Hi, I need help', message_type: 0, content_type: 'text' },
      });
      await expect.poll(async () => (await windowEvents(page, 'chatwoot:on-message')).length, POLL).toBe(1);
      const [onMessage] = await windowEvents(page, 'chatwoot:on-message');
      expect(onMessage!.detail).toEqual(heard[0]!.message);
      expect(await windowEvents(page, 'chatwoot:on-start-conversation')).toEqual([
        { name: 'chatwoot:on-start-conversation', detail: { hasConversation: false } },
      ]);
      await expect(frame.locator('.msg--visitor').textContent()).resolves.toBe('Hi, I need help');

      // A second message continues the same conversation.
      await frame.fill('#input', 'Still there?');
      await frame.press('#input', 'Enter');
      await expect.poll(() => heard.length, POLL).toBe(2);
      expect(heard[1]!.conversationStarted).toBe(false);
      expect(heard[1]!.message.conversation_id).toBe(heard[0]!.message.conversation_id);
    } finally {
      unsubscribe();
    }
  });

  it('shows an agent reply while open without a notification dot, and keeps history across reloads', async () => {
    context = await env.newContext();
    const { page, token, frame } = await openWidget();
    await page.evaluate(() => window.$chatwoot.toggle('open'));
    await env.fake.widget.waitForEvent({ websiteToken: token, event: 'toggle-open' });
    env.fake.widget.pushAgentMessage({ websiteToken: token, content: 'How can I help?', agentName: 'Sam' });
    await expect(frame.locator('.msg--agent').textContent({ timeout: 10_000 })).resolves.toBe('How can I help?');
    const [event] = await windowEvents(page, 'chatwoot:on-message');
    expect(event!.detail).toMatchObject({ message_type: 1, sender: { name: 'Sam', type: 'user' } });
    expect(env.fake.widget.events({ websiteToken: token, event: 'handleNotificationDot' })).toEqual([]);

    // The cw_conversation cookie brings the same visitor back, history included.
    await page.reload();
    await page.waitForFunction(() => window.$chatwoot?.hasLoaded === true);
    const sessions = env.fake.widget.sessions(token);
    expect(sessions).toHaveLength(2);
    expect(sessions[1]!.contactId).toBe(sessions[0]!.contactId);
    await expect(widgetFrame(page).locator('.msg--agent').textContent()).resolves.toBe('How can I help?');

    // A reply to a visitor with no open page is kept and shows on their next visit.
    await page.close();
    const contactId = sessions[0]!.contactId;
    expect(env.fake.widget.pushAgentMessage({ websiteToken: token, contactId, content: 'Later reply' })).toHaveLength(1);
    const again = await context.newPage();
    await again.goto(`${env.fake.url}/__fake/host?website_token=${token}`);
    await waitForWidgetLoaded(again);
    await expect(widgetFrame(again).locator('.msg--agent').allTextContents()).resolves.toEqual([
      'How can I help?',
      'Later reply',
    ]);
  });

  it('identifies the visitor with setUser after ready, and skips an identical setUser (cookie hash)', async () => {
    context = await env.newContext();
    const { page, token } = await openWidget();
    const user = { name: 'Ada', email: 'ada@example.com', phone_number: '+15551234567', company_name: 'ACME' };
    await page.evaluate((u) => window.$chatwoot.setUser('ada-1', u), user);
    await expect.poll(() => env.fake.widget.users(token).length, POLL).toBe(1);
    expect(env.fake.widget.users(token)[0]).toMatchObject({
      identifier: 'ada-1',
      name: 'Ada',
      email: 'ada@example.com',
      phone_number: '+15551234567',
      identifierVerified: false,
      extra: { company_name: 'ACME' },
    });
    expect(await page.evaluate(() => document.cookie)).toContain(`cw_user_${token}=`);

    // Same name/email/avatar/hash/identifier: the SDK does not send it (a phone change alone is never sent).
    await page.evaluate((u) => window.$chatwoot.setUser('ada-1', { ...u, phone_number: '+15550000000' }), user);
    await page.evaluate(() => window.$chatwoot.setLabel('after'));
    await env.fake.widget.waitForEvent({ websiteToken: token, event: 'set-label' });
    expect(env.fake.widget.events({ websiteToken: token, event: 'set-user' })).toHaveLength(1);
    expect(env.fake.widget.users(token)[0]!.phone_number).toBe('+15551234567');
  });

  it('merges a returning identifier into the known contact and hands the page a new auth cookie', async () => {
    context = await env.newContext();
    const { page, token } = await openWidget();
    await page.evaluate(() => window.$chatwoot.setUser('known-7', { name: 'Known' }));
    await expect.poll(() => env.fake.widget.users(token).length, POLL).toBe(1);
    const known = env.fake.widget.users(token)[0]!;

    // A new browser is a new anonymous visitor until it identifies as the same person.
    await context.close();
    context = await env.newContext();
    const second = await openWidget(token);
    await second.page.evaluate(() => window.$chatwoot.setUser('known-7', { name: 'Known' }));
    const auth = await env.fake.widget.waitForEvent({ websiteToken: token, direction: 'sent', event: 'setAuthCookie' });
    const newToken = (auth.message.data as { widgetAuthToken: string }).widgetAuthToken;
    await expect.poll(() => second.page.evaluate(() => document.cookie), POLL).toContain(`cw_conversation=${newToken}`);
    expect(env.fake.widget.sessions(token).at(-1)!.contactId).toBe(known.contactId);
    expect(env.fake.widget.users(token)).toHaveLength(1);
  });

  it('makes a new contact for every page when the identifier is a number (Chatwoot compares strings)', async () => {
    context = await env.newContext();
    const { page, token } = await openWidget();
    await page.evaluate(() => window.$chatwoot.setUser(42, { name: 'Num' }));
    await expect.poll(() => env.fake.widget.users(token).length, POLL).toBe(1);
    await context.close();
    context = await env.newContext();
    const second = await openWidget(token);
    await second.page.evaluate(() => window.$chatwoot.setUser(42, { name: 'Num' }));
    await expect.poll(() => env.fake.widget.users(token).length, POLL).toBe(2);
    expect(env.fake.widget.users(token).map((u) => u.identifier)).toEqual([42, 42]);
  });

  it('rejects a wrong identifier_hash with the HMAC error and accepts the right one', async () => {
    context = await env.newContext();
    const { page } = await openWidget(HMAC_INBOX);
    await page.evaluate(() => window.$chatwoot.setUser('h-1', { name: 'Hash', identifier_hash: 'not-the-hash' }));
    await expect
      .poll(async () => (await windowEvents(page, 'chatwoot:error')).map((e) => e.detail), POLL)
      .toEqual([{ error: HMAC_FAILED_MESSAGE }]);
    expect(env.fake.widget.users(HMAC_INBOX)).toEqual([]);

    // The SDK dropped its cw_user cookie on the error, so the corrected call is sent.
    const hash = createHmac('sha256', HMAC_TOKEN).update('h-1').digest('hex');
    await page.evaluate((h) => window.$chatwoot.setUser('h-1', { name: 'Hash', identifier_hash: h }), hash);
    await expect.poll(() => env.fake.widget.users(HMAC_INBOX).map((u) => u.identifierVerified), POLL).toEqual([true]);
    // The HMAC token never reaches a page.
    expect(await widgetFrame(page).content()).not.toContain(HMAC_TOKEN);
  });

  it('records attribute, label, locale and colour-scheme calls and applies them to the visitor', async () => {
    context = await env.newContext();
    const { page, token } = await openWidget();
    await page.evaluate(() => {
      const c = window.$chatwoot;
      c.setCustomAttributes({ plan: 'pro', seats: 3 });
      c.deleteCustomAttribute('seats');
      c.setConversationCustomAttributes({ order: 'A-1' });
      c.setLabel('vip');
      c.setLabel('beta');
      c.removeLabel('beta');
      c.setLocale('de');
      c.setColorScheme('dark');
    });
    await env.fake.widget.waitForEvent({ websiteToken: token, event: 'set-color-scheme' });
    const names = env.fake.widget.received(token).map((e) => e.event);
    expect(names.slice(-8)).toEqual([
      'set-custom-attributes',
      'delete-custom-attribute',
      'set-conversation-custom-attributes',
      'set-label',
      'set-label',
      'remove-label',
      'set-locale',
      'set-color-scheme',
    ]);
    await expect
      .poll(() => {
        const v = env.fake.widget.visitors(token)[0]!;
        return { attrs: v.customAttributes, conv: v.conversationCustomAttributes, labels: v.labels };
      }, POLL)
      .toEqual({ attrs: { plan: 'pro' }, conv: { order: 'A-1' }, labels: ['vip'] });
    expect(await widgetFrame(page).evaluate(() => document.documentElement.getAttribute('data-theme'))).toBe('dark');
    await expect(page.evaluate(() => window.$chatwoot.setCustomAttributes({}))).rejects.toThrow(/atleast one key/);
  });

  // Chatwoot v4.15.1 `app/javascript/shared/components/CardButton.vue`: only a card's postback action posts one.
  it('delivers postbacks only from cards buttons, as chatwoot:postback { data: { payload } } (and pushPostback)', async () => {
    context = await env.newContext();
    const { page, token, frame } = await openWidget();
    await page.evaluate(() => window.$chatwoot.toggle('open'));
    env.fake.widget.pushAgentMessage({
      websiteToken: token,
      content: 'Our plans',
      cards: [
        {
          title: 'Pro',
          description: 'For teams',
          actions: [
            { type: 'postback', text: 'Choose Pro', payload: 'PLAN_PRO' },
            { type: 'link', text: 'Details', uri: 'https://example.com/pro' },
          ],
        },
      ],
    });
    await frame.click('.card button.postback:has-text("Choose Pro")', { timeout: 10_000 });
    expect(await frame.getAttribute('.card a.postback:has-text("Details")', 'target')).toBe('_blank');
    env.fake.widget.pushPostback({ websiteToken: token, payload: 'FROM_TEST' });
    await expect
      .poll(async () => (await windowEvents(page, 'chatwoot:postback')).map((e) => e.detail), POLL)
      .toEqual([
        { event: 'postback', data: { payload: 'PLAN_PRO' } },
        { event: 'postback', data: { payload: 'FROM_TEST' } },
      ]);
  });

  // Chatwoot v4.15.1 `AgentMessageBubble.vue` (`onOptionSelect`), `widget/helpers/actionCable.js` (`onMessageUpdated`).
  it('submits an input_select option as submitted_values: chatwoot:on-message with previous_changes, no postback', async () => {
    context = await env.newContext();
    const { page, token, frame } = await openWidget();
    await page.evaluate(() => window.$chatwoot.toggle('open'));
    const [asked] = env.fake.widget.pushAgentMessage({
      websiteToken: token,
      content: 'Pick a plan',
      buttons: [
        { title: 'Basic', value: 'PLAN_BASIC' },
        { title: 'Pro', value: 'PLAN_PRO' },
      ],
    });
    await frame.click('button.option:has-text("Pro")', { timeout: 10_000 });
    const submitted = [{ title: 'Pro', value: 'PLAN_PRO' }];
    await expect.poll(async () => (await windowEvents(page, 'chatwoot:on-message')).length, POLL).toBe(2);
    const [, updated] = await windowEvents(page, 'chatwoot:on-message');
    expect(updated!.detail).toMatchObject({
      id: asked!.id,
      content_type: 'input_select',
      content_attributes: { items: asked!.content_attributes.items, submitted_values: submitted },
      previous_changes: {
        content_attributes: [{ items: asked!.content_attributes.items }, { submitted_values: submitted }],
      },
    });
    // The options are gone (the choice is shown instead), and no postback was posted.
    await expect.poll(() => frame.locator('button.option').count(), POLL).toBe(0);
    expect(await frame.textContent('.option--submitted')).toBe('Pro');
    expect(await windowEvents(page, 'chatwoot:postback')).toEqual([]);
    expect(env.fake.widget.events({ websiteToken: token, event: 'postback' })).toEqual([]);
  });

  it('turns pushed widget events into SDK behaviour (closeWindow, raw onEvent)', async () => {
    context = await env.newContext();
    const { page, token } = await openWidget();
    await page.evaluate(() => window.$chatwoot.toggle('open'));
    env.fake.widget.pushWidgetEvent({ websiteToken: token, event: 'closeWindow' });
    await page.waitForFunction(() => window.$chatwoot.isOpen === false, undefined, { timeout: 10_000 });
    env.fake.widget.pushWidgetEvent({
      websiteToken: token,
      event: 'onEvent',
      data: { eventIdentifier: 'chatwoot:on-start-conversation', data: { hasConversation: true } },
    });
    await expect
      .poll(async () => (await windowEvents(page, 'chatwoot:on-start-conversation')).map((e) => e.detail), POLL)
      .toEqual([{ hasConversation: true }]);
    expect((await windowEvents(page, 'chatwoot:closed')).length).toBe(1);
  });

  it('keeps website tokens apart as inboxes, and 404s tokens that do not exist when a list is set', async () => {
    context = await env.newContext();
    const a = await openWidget();
    await context.close();
    context = await env.newContext();
    const b = await openWidget();
    await a.page.close().catch(() => {});
    expect(env.fake.widget.visitors(a.token)).toHaveLength(1);
    expect(env.fake.widget.visitors(b.token)).toHaveLength(1);
    expect(env.fake.widget.visitors(a.token)[0]!.contactId).not.toBe(env.fake.widget.visitors(b.token)[0]!.contactId);

    env.fake.widget.configure({ websiteTokens: ['only-this'] });
    try {
      expect((await fetch(`${env.fake.url}/widget?website_token=nope`)).status).toBe(404);
      expect((await fetch(`${env.fake.url}/widget?website_token=only-this`)).status).toBe(200);
    } finally {
      env.fake.widget.configure({ websiteTokens: undefined });
    }
  });
});
