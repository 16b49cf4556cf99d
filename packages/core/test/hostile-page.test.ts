// A page that is not on wootkit's side: listeners that throw or are not functions, attributes that carry CSS or
// huge numbers, styles of its own for Chatwoot's class names, other frames of the Chatwoot origin. None of it may
// throw into the page, stop the controller or lose a queued call.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChatwoot } from '../src/create-chatwoot';
import { mountFacade } from '../src/facade';
import { readScriptOptions } from '../src/script-options';
import { scheduleLoad } from '../src/strategies';
import type { WootkitError } from '../src/errors';
import type { ChatwootController, CreateChatwootOptions } from '../src/types';
import { startChatwootPage, type ChatwootPage } from './support/chatwoot-page';

let page: ChatwootPage;
const controllers: ChatwootController[] = [];

beforeAll(async () => {
  page = await startChatwootPage();
});
afterAll(() => page.close());
beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  page.evaluateSdk();
  page.takeReceived();
});
afterEach(() => {
  controllers.splice(0).forEach((controller) => controller.destroy());
  vi.restoreAllMocks();
});

function create(options: Partial<CreateChatwootOptions> = {}): ChatwootController {
  const controller = createChatwoot({ baseUrl: page.fake.url, websiteToken: 'hostile', load: 'manual', ...options });
  controllers.push(controller);
  return controller;
}

/** Loads and plays the widget's `loaded`; resolves when load() settles. */
async function ready(controller: ChatwootController): Promise<void> {
  const loading = controller.load();
  await vi.waitFor(() => expect(document.getElementById('chatwoot_live_chat_widget')).not.toBeNull());
  page.widgetLoaded();
  await loading;
}

const events = (received: Array<Record<string, unknown>>) => received.map((message) => message.event);

describe('hostile listeners', () => {
  it('a listener that is not a function, or throws once, is reported as listener_error and delivery goes on', async () => {
    const chat = create();
    const errors: string[] = [];
    const heard: string[] = [];
    let throwOnce = true;
    chat.on('error', (error) => errors.push((error as WootkitError).code));
    chat.on('status', 'not a function' as never);
    chat.subscribe(null as never);
    chat.on('ready', () => {
      if (throwOnce) {
        throwOnce = false;
        throw new Error('host bug');
      }
    });
    chat.subscribe(() => {
      throw new Error('always');
    });
    chat.on('status', (status) => heard.push(status));
    chat.on('ready', () => heard.push('ready'));
    chat.setUser('u-1', { name: 'Ada' });

    await ready(chat);
    expect(chat.getState().status).toBe('ready');
    expect(heard).toEqual(['loading', 'ready', 'ready']);
    // The queued call reached the widget.
    expect(events(page.takeReceived()).filter((event) => event == 'set-user')).toEqual(['set-user']);
    expect(errors.length).toBeGreaterThan(0);
    expect(new Set(errors)).toEqual(new Set(['listener_error']));
    expect(chat.getState().error).toBeNull(); // a listener's bug is not the widget's

    // Later calls notify the same listeners: nothing throws into the caller.
    expect(() => chat.setUser('u-2', { name: 'Bo' })).not.toThrow();
    expect(() => page.widgetSays('handleNotificationDot', { unreadMessageCount: 2 })).not.toThrow();
    expect(chat.getState()).toMatchObject({ status: 'ready', unreadCount: 2, user: { identifier: 'u-2' } });
  });

  it('an error listener that throws is dropped (no loop), and the other error listeners still hear', async () => {
    const chat = create();
    const codes: string[] = [];
    chat.on('error', () => {
      throw new Error('error listener bug');
    });
    chat.on('error', (error) => codes.push((error as WootkitError).code));
    chat.on('unread', () => {
      throw new Error('unread listener bug');
    });
    await ready(chat);
    expect(() => chat.setLabel('')).not.toThrow(); // invalid_argument, through the throwing error listener
    page.widgetSays('handleNotificationDot', { unreadMessageCount: 1 });
    expect(codes).toEqual(['invalid_argument', 'listener_error']);
    expect(chat.getState().unreadCount).toBe(1);
  });
});

describe('hostile listeners on the script tag stand-in, before core arrives', () => {
  it('a throwing or non-function listener is a listener_error event; the call that changed the state does not throw', async () => {
    const { createLazyController } = await import('../src/lazy-controller');
    let arrive!: (controller: ChatwootController) => void;
    const chat = createLazyController(() => new Promise((resolve) => (arrive = resolve)));
    const codes: string[] = [];
    const heard: string[] = [];
    chat.on('error', () => {
      throw new Error('error listener bug');
    });
    chat.on('error', (error) => codes.push((error as WootkitError).code));
    chat.subscribe(() => {
      throw new Error('host bug');
    });
    chat.on('status', 42 as never);
    chat.on('status', (status) => heard.push(status));
    expect(() => chat.open()).not.toThrow(); // asks for core: status loading
    expect(heard).toEqual(['loading']);
    expect(codes).toEqual(['listener_error', 'listener_error']);
    const real = create();
    arrive(real);
    await vi.waitFor(() => expect(chat.getState().status).toBe('loading'));
  });
});

describe('hostile script-tag attributes', () => {
  function scriptTag(attributes: Record<string, string>): HTMLScriptElement {
    const element = document.createElement('script');
    element.setAttribute('data-base-url', page.fake.url);
    element.setAttribute('data-website-token', 'hostile');
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    return element;
  }

  it('a data-color carrying CSS draws the launcher at its own size in the default colour, and warns', () => {
    const payload = 'red;width:100vw;height:100vh;opacity:0;background-image:url(https://evil.example/pixel.png)';
    const options = readScriptOptions(scriptTag({ 'data-color': payload, 'data-load': 'facade' }))!;
    const remove = mountFacade(create(), options.facade);
    const style = document.querySelector<HTMLButtonElement>('.wootkit-launcher')!.style;
    expect({
      width: style.width,
      height: style.height,
      opacity: style.opacity,
      backgroundImage: style.backgroundImage,
      backgroundColor: style.backgroundColor,
    }).toEqual({ width: '64px', height: '64px', opacity: '', backgroundImage: '', backgroundColor: '#1f93ff' });
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining('data-color="red;width:100vw'));
    remove();

    const removeOwn = mountFacade(create(), { color: 'rgb(255, 85, 0)' }); // a real colour is kept
    expect(document.querySelector<HTMLButtonElement>('.wootkit-launcher')!.style.backgroundColor).toBe('rgb(255, 85, 0)');
    removeOwn();
  });

  it('data-load and data-timeout-ms above 2^31 ms are clamped, not turned into "now"', async () => {
    const options = readScriptOptions(scriptTag({ 'data-load': '9999999999', 'data-timeout-ms': '9999999999' }))!;
    expect(options.load).toEqual({ delayMs: 2 ** 31 - 1 });
    expect(options.timeoutMs).toBe(2 ** 31 - 1);
    const load = vi.fn();
    const cancel = scheduleLoad(options.load!, load);
    await new Promise((resolve) => setTimeout(resolve, 20));
    cancel();
    expect(load).not.toHaveBeenCalled();
    // The controller takes the clamped timeout: a widget that answers within it is ready, no load_timeout.
    const chat = create({ timeoutMs: options.timeoutMs });
    await ready(chat);
    expect(chat.getState()).toMatchObject({ status: 'ready', error: null });
  });
});

describe('destroy() on a page with its own Chatwoot styling', () => {
  it("removes the SDK's <style> only, and leaves no own addEventListener on window or document", async () => {
    const hostStyle = document.head.appendChild(document.createElement('style'));
    hostStyle.textContent = '.woot-widget-bubble { bottom: 80px !important; }';
    const windowAdd = window.addEventListener;
    const chat = create();
    await ready(chat);
    expect(document.getElementById('cw-widget-styles')).not.toBeNull();
    chat.destroy();
    expect(document.getElementById('cw-widget-styles')).toBeNull();
    expect(hostStyle.isConnected).toBe(true);
    // The SDK's listeners are recorded by wrapping addEventListener while it runs; unwrapping must not leave an own
    // property behind (a document has none). Window's is checked in Chromium (vitest's window has its own already).
    expect(Object.hasOwn(document, 'addEventListener')).toBe(false);
    expect(window.addEventListener).toBe(windowAdd);
    hostStyle.remove();
  });
});

describe('forged widget messages', () => {
  it("a `loaded` from another window of the Chatwoot origin is ignored: ready waits for the widget's own", async () => {
    const chat = create();
    chat.setUser('u-1', { name: 'Ada' });
    const loading = chat.load();
    await vi.waitFor(() => expect(document.getElementById('chatwoot_live_chat_widget')).not.toBeNull());
    const otherWindow = { postMessage() {} }; // e.g. a help-centre page of the same origin the host embeds
    page.widgetSays('loaded', { config: { authToken: 'forged' } }, page.origin, otherWindow);
    page.widgetSays('chatwoot:opened' as never, {}, page.origin, null); // no window at all
    page.widgetSays('handleNotificationDot', { unreadMessageCount: 9 }, page.origin, otherWindow);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(chat.getState()).toMatchObject({ status: 'loading', unreadCount: 0 });
    // The SDK was not fed the forged `loaded` either (it would have built its bubble and sent its config).
    expect((window as unknown as { $chatwoot: { hasLoaded: boolean } }).$chatwoot.hasLoaded).toBe(false);
    expect(events(page.takeReceived())).toEqual([]);

    page.widgetLoaded(); // the widget iframe's own
    await loading;
    expect(chat.getState().status).toBe('ready');
    expect(events(page.takeReceived())).toContain('set-user');
  });
});
