// The controller against the stand-in's real sdk.js (traps included), with the test playing the widget iframe.
// Each test here would fail against the raw SDK: that is the point of wootkit.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChatwoot } from '../src/create-chatwoot';
import type { ChatwootController, CreateChatwootOptions } from '../src/types';
import { startChatwootPage, type ChatwootPage } from './support/chatwoot-page';

let page: ChatwootPage;
const controllers: ChatwootController[] = [];
const page$ = () => window as unknown as Record<string, any>;

beforeAll(async () => {
  page = await startChatwootPage();
});
afterAll(() => page.close());
beforeEach(() => {
  page.evaluateSdk();
  page.takeReceived();
});
afterEach(() => {
  controllers.splice(0).forEach((controller) => controller.destroy());
  vi.restoreAllMocks();
});

function create(options: Partial<CreateChatwootOptions> = {}): ChatwootController {
  const controller = createChatwoot({ baseUrl: page.fake.url, websiteToken: 'unit-token', ...options });
  controllers.push(controller);
  return controller;
}

/** Loads and plays the widget's `loaded`; resolves when the controller is ready. */
async function ready(controller: ChatwootController): Promise<void> {
  const loading = controller.load();
  await vi.waitFor(() => expect(document.getElementById('chatwoot_live_chat_widget')).not.toBeNull());
  page.widgetLoaded();
  await loading;
}

const events = (received: Array<Record<string, unknown>>) => received.map((message) => message.event);

describe('calls before ready', () => {
  it('are delivered in order once the widget has loaded, after its config', async () => {
    const chat = create({ load: 'manual' });
    chat.setLabel('vip');
    chat.setCustomAttributes({ plan: 'pro' });
    chat.setUser(42, { name: 'Ada', email: 'ada@example.com' });
    chat.setLocale('fr');
    chat.hideBubble(); // throws in the raw SDK before load
    expect(page.takeReceived()).toEqual([]);
    await ready(chat);
    const received = page.takeReceived();
    expect(events(received)).toEqual([
      'config-set',
      'change-url', // the SDK reports the page URL once the widget is up
      'toggle-close-button',
      'set-label',
      'set-custom-attributes',
      'set-user',
      'set-locale',
      'sdk-set-bubble-visibility',
    ]);
    expect(received[5]).toEqual({
      event: 'set-user',
      identifier: '42', // always a string: a number makes a new contact on every visit
      user: { name: 'Ada', email: 'ada@example.com' },
    });
    expect(chat.getState()).toMatchObject({ status: 'ready', user: { identifier: '42' }, error: null });
  });

  it('sends the options user on ready, and a changed phone number even when name/email are unchanged', async () => {
    const chat = create({ load: 'manual', user: { identifier: 7, name: 'Bo', email: 'bo@example.com' } });
    await ready(chat);
    expect(page.takeReceived().filter((m) => m.event === 'set-user')).toEqual([
      { event: 'set-user', identifier: '7', user: { name: 'Bo', email: 'bo@example.com' } },
    ]);
    chat.setUser(7, { name: 'Bo', email: 'bo@example.com', phone_number: '+15550100' });
    expect(page.takeReceived()).toEqual([
      { event: 'set-user', identifier: '7', user: { name: 'Bo', email: 'bo@example.com', phone_number: '+15550100' } },
    ]);
  });
});

describe('state and events', () => {
  it('emits ready and status changes and gives a new snapshot per change', async () => {
    const chat = create({ load: 'manual' });
    const statuses: string[] = [];
    const snapshots = [chat.getState()];
    chat.on('status', (status) => statuses.push(status));
    chat.subscribe((state) => snapshots.push(state));
    const onReady = vi.fn();
    chat.on('ready', onReady);
    await ready(chat);
    expect(statuses).toEqual(['loading', 'ready']);
    expect(onReady).toHaveBeenCalledTimes(1);
    expect(new Set(snapshots).size).toBe(snapshots.length);
  });

  it('tracks open/close from the SDK, and a preview does not count as open until clicked', async () => {
    const chat = create({ load: 'manual' });
    await ready(chat);
    const seen: string[] = [];
    chat.on('open', () => seen.push('open'));
    chat.on('close', () => seen.push('close'));
    chat.open();
    expect(chat.getState().isOpen).toBe(true);
    chat.close();
    expect(chat.getState().isOpen).toBe(false);
    // The widget shows an unread preview: the raw SDK fires chatwoot:opened and sets isOpen.
    page.widgetSays('setUnreadMode');
    expect(page$().$chatwoot.isOpen).toBe(true);
    expect(chat.getState().isOpen).toBe(false);
    // The visitor clicks the preview: now it is really open.
    page.widgetSays('resetUnreadMode');
    expect(chat.getState().isOpen).toBe(true);
    expect(seen).toEqual(['open', 'close', 'open']);
  });

  it('open() from a preview really opens the widget', async () => {
    const chat = create({ load: 'manual' });
    await ready(chat);
    page.widgetSays('setUnreadMode');
    page.takeReceived();
    chat.open();
    expect(chat.getState().isOpen).toBe(true);
    expect(page.takeReceived().filter((m) => m.event === 'toggle-open')).toEqual([
      { event: 'toggle-open', isOpen: false },
      { event: 'toggle-open', isOpen: true },
    ]);
  });

  it('counts unread from the notification dot and agent messages while closed, and clears on open', async () => {
    const chat = create({ load: 'manual' });
    await ready(chat);
    const counts: number[] = [];
    chat.on('unread', ({ count }) => counts.push(count));
    const message = (id: number, type: 0 | 1) => ({
      eventIdentifier: 'chatwoot:on-message',
      data: { id, content: 'hi', message_type: type },
    });
    page.widgetSays('onEvent', message(1, 1));
    page.widgetSays('onEvent', message(1, 1)); // the same message updated: not counted twice
    page.widgetSays('onEvent', message(2, 0)); // the visitor's own message: not unread
    expect(chat.getState().unreadCount).toBe(1);
    page.widgetSays('handleNotificationDot', { unreadMessageCount: 3 });
    expect(chat.getState().unreadCount).toBe(3);
    chat.open();
    expect(chat.getState().unreadCount).toBe(0);
    page.widgetSays('onEvent', message(3, 1)); // read while open
    expect(chat.getState().unreadCount).toBe(0);
    expect(counts).toEqual([1, 3, 0]);
  });

  it('turns the widget’s window events into typed events', async () => {
    const chat = create({ load: 'manual' });
    await ready(chat);
    const got: unknown[] = [];
    chat.on('message', (message) => got.push(['message', message.id]));
    chat.on('start-conversation', (payload) => got.push(['start', payload]));
    chat.on('postback', (payload) => got.push(['postback', payload]));
    chat.on('error', (error) => got.push(['error', error.code]));
    page.widgetSays('onEvent', { eventIdentifier: 'chatwoot:on-message', data: { id: 9, message_type: 1 } });
    page.widgetSays('onEvent', {
      eventIdentifier: 'chatwoot:on-start-conversation',
      data: { hasConversation: false },
    });
    page.widgetSays('postback', { data: { payload: 'yes' } });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    page.widgetSays('error', { errorType: 'SET_USER_ERROR', data: { error: 'HMAC failed' } });
    expect(got).toEqual([
      ['message', 9],
      ['start', { hasConversation: false }],
      ['postback', { payload: 'yes' }],
      ['error', 'widget_error'],
    ]);
    expect(chat.getState().error?.message).toContain('HMAC failed');
  });

  it('does not count an updated message (a submitted input_select) as unread, and still emits it', async () => {
    const chat = create({ load: 'manual' });
    await ready(chat);
    const got: unknown[] = [];
    chat.on('message', (message) => got.push(message.id));
    page.widgetSays('onEvent', {
      eventIdentifier: 'chatwoot:on-message',
      data: {
        id: 31,
        message_type: 1,
        content_type: 'input_select',
        content_attributes: { submitted_values: [{ title: 'Pro', value: 'PRO' }] },
        previous_changes: { content_attributes: [{}, { submitted_values: [{ title: 'Pro', value: 'PRO' }] }] },
      },
    });
    expect(got).toEqual([31]);
    expect(chat.getState().unreadCount).toBe(0);
  });

  it('ignores messages from any other origin', async () => {
    const chat = create({ load: 'manual' });
    await ready(chat);
    page.widgetSays('handleNotificationDot', { unreadMessageCount: 5 }, 'http://evil.example');
    expect(chat.getState().unreadCount).toBe(0);
  });

  it('keeps working, and leaves the host its handler, when the host page assigns window.onmessage', async () => {
    // (That the host's handler still receives its messages is proven in Chromium: happy-dom does not call
    // `onmessage` properties.)
    const hostHandler = () => {};
    window.onmessage = hostHandler;
    const chat = create({ load: 'manual' });
    await ready(chat);
    expect(window.onmessage).toBe(hostHandler); // the SDK assigned its own: we gave the property back
    window.onmessage = () => {}; // a host page that assigns it later
    chat.open();
    page.widgetSays('closeWindow'); // handled by the SDK (through wootkit's listener), which fires chatwoot:closed
    expect(page$().$chatwoot.isOpen).toBe(false);
    expect(chat.getState().isOpen).toBe(false);
    page.widgetSays('handleNotificationDot', { unreadMessageCount: 2 });
    expect(chat.getState().unreadCount).toBe(2);
    window.onmessage = null;
  });
});

describe('SPA navigation', () => {
  it('tells the widget about pushState, replaceState and popstate', async () => {
    const chat = create({ load: 'manual' });
    await ready(chat);
    page.takeReceived();
    // The SDK's MutationObserver reports (a microtask later), so wait for each report before the next change.
    history.pushState({}, '', '/pricing');
    await vi.waitFor(() => expect(page.takeReceived()).toEqual([
      { event: 'change-url', referrerURL: 'http://127.0.0.1/pricing', referrerHost: '127.0.0.1' },
    ]));
    history.replaceState({}, '', '/pricing?plan=pro');
    await vi.waitFor(() => expect(page.takeReceived()).toEqual([
      { event: 'change-url', referrerURL: 'http://127.0.0.1/pricing?plan=pro', referrerHost: '127.0.0.1' },
    ]));
    history.pushState({}, '', '/pricing?plan=pro'); // same URL: nothing new to tell
    window.dispatchEvent(new PopStateEvent('popstate'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(page.takeReceived()).toEqual([]);
    history.replaceState({}, '', '/');
  });

  it('tells the widget once about a navigation that also changes the DOM (as every router does)', async () => {
    const chat = create({ load: 'manual' });
    await ready(chat);
    page.takeReceived();
    // A router: new URL, then the new route's DOM in the same task. The SDK's own watcher sees the DOM change.
    history.pushState({}, '', '/docs');
    const route = document.body.appendChild(document.createElement('main'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(page.takeReceived()).toEqual([
      { event: 'change-url', referrerURL: 'http://127.0.0.1/docs', referrerHost: '127.0.0.1' },
    ]);
    route.remove();
    history.replaceState({}, '', '/');
    await new Promise((resolve) => setTimeout(resolve, 20));
  });
});

describe('reset', () => {
  it('waits for the reloaded widget, forgets the old user and identifies the next one correctly', async () => {
    const chat = create({ load: 'manual' });
    chat.setUser('old', { name: 'Old' });
    await ready(chat);
    page.takeReceived();
    const done = chat.reset();
    chat.setUser('new', { email: 'new@example.com' }); // queued until the new widget is ready
    expect(chat.getState()).toMatchObject({ status: 'loading', user: { identifier: 'new' } });
    let resolved = false;
    done.then(() => (resolved = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(resolved).toBe(false); // chatwoot:ready is never re-fired after reset: we wait for `loaded`
    page.takeReceived();
    page.widgetLoaded();
    await done;
    const received = page.takeReceived();
    // Nothing of the old user (the raw SDK re-sends it, malformed) and a correct set-user for the new one.
    expect(received.filter((m) => m.event === 'set-user')).toEqual([
      { event: 'set-user', identifier: 'new', user: { email: 'new@example.com' } },
    ]);
    expect(chat.getState().status).toBe('ready');
  });

  it('before load: forgets the user and what was queued for them, and resolves at once', async () => {
    const chat = create({ load: 'manual', user: { identifier: 'u1', name: 'U' } });
    chat.setLabel('old-visitor');
    await chat.reset();
    expect(chat.getState().user).toBeNull();
    await ready(chat);
    expect(events(page.takeReceived())).toEqual(['config-set', 'change-url', 'toggle-close-button']);
  });
});

describe('destroy', () => {
  it('removes everything so a controller with another token starts clean', async () => {
    const chat = create({ load: 'manual' });
    await ready(chat);
    chat.destroy();
    expect(document.querySelector('#chatwoot_live_chat_widget, .woot-widget-holder, .woot--bubble-holder')).toBeNull();
    expect([...document.querySelectorAll('style')].some((s) => s.textContent?.includes('.woot-widget'))).toBe(false);
    expect(page$().$chatwoot).toBeUndefined();
    expect(page$().chatwootSDK).toBeUndefined();
    expect(page$().chatwootSettings).toBeUndefined();
    // The SDK's own resize listener would throw without its iframe: it was removed with the rest.
    expect(() => window.dispatchEvent(new Event('resize'))).not.toThrow();

    page.evaluateSdk(); // as if sdk.js had loaded again
    const other = create({ load: 'manual', websiteToken: 'other-token' });
    await ready(other);
    expect(page$().$chatwoot.websiteToken).toBe('other-token');
    expect(document.querySelectorAll('#chatwoot_live_chat_widget')).toHaveLength(1);
  });

  it('reports calls after destroy without throwing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const chat = create({ load: 'manual' });
    const errors: string[] = [];
    chat.on('error', (error) => errors.push(error.code));
    chat.destroy();
    expect(() => chat.open()).not.toThrow();
    await expect(chat.load()).rejects.toMatchObject({ code: 'destroyed' });
    await expect(chat.reset()).rejects.toMatchObject({ code: 'destroyed' });
    expect(errors).toEqual(['destroyed', 'destroyed', 'destroyed']);
    expect(warn).toHaveBeenCalled();
  });
});

describe('two controllers', () => {
  it('share one widget for the same token; the page is cleaned when the last one goes', async () => {
    const first = create({ load: 'manual' });
    const second = create({ load: 'manual' });
    const both = Promise.all([first.load(), second.load()]);
    await vi.waitFor(() => expect(document.getElementById('chatwoot_live_chat_widget')).not.toBeNull());
    page.widgetLoaded();
    await both;
    expect(document.querySelectorAll('#chatwoot_live_chat_widget')).toHaveLength(1);
    first.destroy();
    expect(document.getElementById('chatwoot_live_chat_widget')).not.toBeNull();
    second.destroy();
    expect(document.getElementById('chatwoot_live_chat_widget')).toBeNull();
  });

  it('a second token while another widget is on the page fails with a typed error', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const first = create({ load: 'manual' });
    await ready(first);
    const other = create({ load: 'manual', websiteToken: 'another' });
    await expect(other.load()).rejects.toMatchObject({ code: 'load_failed' });
    expect(other.getState().status).toBe('error');
  });
});
