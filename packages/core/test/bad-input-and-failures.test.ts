// Bad input and load failures: a typed error through the `error` event, `state.error` and rejected promises, a
// console warning at most, never an exception into the host page, never a lost queued call.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChatwoot } from '../src/create-chatwoot';
import type { ChatwootController, CreateChatwootOptions } from '../src/types';
import { startChatwootPage, type ChatwootPage } from './support/chatwoot-page';

let page: ChatwootPage;
const controllers: ChatwootController[] = [];
let warn: ReturnType<typeof vi.spyOn>;

beforeAll(async () => {
  page = await startChatwootPage();
});
afterAll(() => page.close());
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  controllers.splice(0).forEach((controller) => controller.destroy());
  vi.restoreAllMocks();
});

function create(options: Partial<CreateChatwootOptions> | unknown): ChatwootController {
  const controller = createChatwoot(options as CreateChatwootOptions);
  controllers.push(controller);
  return controller;
}
/** The <script> elements appended to <head> from now on. */
function insertedScripts(): HTMLScriptElement[] {
  const inserted: HTMLScriptElement[] = [];
  const append = document.head.appendChild.bind(document.head);
  vi.spyOn(document.head, 'appendChild').mockImplementation(<T extends Node>(node: T): T => {
    if (node instanceof HTMLScriptElement) inserted.push(node);
    return append(node);
  });
  return inserted;
}
const valid = () => ({ baseUrl: page.fake.url, websiteToken: 'bad-input', load: 'manual' as const });

describe('bad options', () => {
  it.each([
    ['no options', undefined],
    ['an empty object', {}],
    ['a baseUrl that is not http(s)', { baseUrl: 'javascript:alert(1)', websiteToken: 't' }],
    ['a baseUrl that is not a URL', { baseUrl: 'chat.example.com', websiteToken: 't' }],
    ['a websiteToken of the wrong type', { baseUrl: 'https://chat.example.com', websiteToken: 42 }],
  ])('%s: status error with invalid_options, no throw, every call safe', async (_, options) => {
    const chat = create(options);
    expect(chat.getState()).toMatchObject({ status: 'error', error: { code: 'invalid_options' } });
    expect(() => {
      chat.open();
      chat.setUser('1', { name: 'x' });
      chat.toggle();
      chat.destroy();
    }).not.toThrow();
    await expect(create(options).load()).rejects.toMatchObject({ code: 'invalid_options' });
    expect(document.querySelector('script')).toBeNull(); // nothing touched the page
  });

  it('unknown or ill-typed settings, a bad user or load strategy are reported; the rest still works', () => {
    const chat = create({
      ...valid(),
      settings: { position: 'middle', colour: 'red', hideMessageBubble: 'yes', locale: 'fr' },
      user: { identifier: 1 },
      load: 'sometimes',
    });
    const messages = warn.mock.calls.map((call: unknown[]) => String(call[1]));
    expect(messages).toEqual([
      'bad setting position',
      'bad setting colour',
      'bad setting hideMessageBubble',
      'bad user: setUser: needs email, name or avatar_url',
      'bad load',
    ]);
    expect(chat.getState()).toMatchObject({ status: 'loading', user: null, error: { code: 'invalid_options' } });
    expect(chat.getState().error?.message).toBe('bad load');
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'a setting named %s (an Object.prototype member) is reported as unknown, never thrown',
    (name) => {
      // JSON.parse makes `__proto__` an own key, as a `data-settings` attribute or a config file would.
      const settings = JSON.parse(`{"${name}": "x", "locale": "fr"}`);
      let chat: ChatwootController | undefined;
      expect(() => (chat = create({ ...valid(), settings }))).not.toThrow();
      expect(warn.mock.calls.map((call: unknown[]) => String(call[1]))).toEqual([`bad setting ${name}`]);
      expect(chat!.getState()).toMatchObject({ status: 'idle', error: { code: 'invalid_options' } });
    },
  );

  it('event names that are Object.prototype members subscribe and emit like any other', () => {
    const chat = create(valid());
    const heard: unknown[] = [];
    expect(() => {
      const off = chat.on('constructor' as never, (payload) => heard.push(payload));
      chat.on('toString' as never, (payload) => heard.push(payload))();
      off();
    }).not.toThrow();
    chat.on('error', (error) => heard.push(error.code));
    chat.setLabel('' as never);
    expect(heard).toEqual(['invalid_argument']);
  });

  it("load 'facade' before enableFacade(): reported, and the widget loads eagerly instead of never", () => {
    const chat = create({ ...valid(), load: 'facade' });
    expect(chat.getState()).toMatchObject({ status: 'loading', error: { code: 'invalid_options' } });
    expect(String(warn.mock.calls[0]?.[1])).toContain('enableFacade');
    expect(document.querySelector('.wootkit-launcher')).toBeNull();
  });
});

describe('bad arguments', () => {
  it('are reported, and never cost the calls queued around them', async () => {
    page.evaluateSdk();
    page.takeReceived();
    const chat = create(valid());
    const codes: string[] = [];
    chat.on('error', (error) => codes.push(error.code));
    chat.setLabel('before');
    chat.setCustomAttributes({}); // the raw SDK throws on this
    chat.setUser(null as never, { name: 'x' });
    chat.setUser('1', {} as never);
    chat.deleteCustomAttribute('' as never);
    chat.setColorScheme('pink' as never);
    chat.toggle('sideways' as never);
    chat.setLabel('after');
    expect(codes).toEqual(Array(6).fill('invalid_argument'));
    const loading = chat.load();
    await vi.waitFor(() => expect(document.getElementById('chatwoot_live_chat_widget')).not.toBeNull());
    page.widgetLoaded();
    await loading;
    const labels = page.takeReceived().filter((message) => message.event === 'set-label');
    expect(labels).toEqual([
      { event: 'set-label', label: 'before' },
      { event: 'set-label', label: 'after' },
    ]);
  });
});

describe('load failures', () => {
  it('a script that fails to load: status error, load_failed, the tag removed, and load() can retry', async () => {
    // happy-dom refuses to fetch scripts: for this page every sdk.js load fails, like a 404 or a CSP block.
    const inserted = insertedScripts();
    const chat = create({ ...valid(), nonce: 'n0nce' });
    await expect(chat.load()).rejects.toMatchObject({ code: 'load_failed' });
    expect(inserted).toHaveLength(1);
    expect(inserted[0]).toMatchObject({ src: `${page.fake.url}/packs/js/sdk.js`, async: true, nonce: 'n0nce' });
    expect(chat.getState()).toMatchObject({ status: 'error', error: { code: 'load_failed' } });
    expect(document.querySelector('script[src$="/packs/js/sdk.js"]')).toBeNull();

    page.evaluateSdk(); // the next attempt finds the SDK
    const retry = chat.load();
    await vi.waitFor(() => expect(document.getElementById('chatwoot_live_chat_widget')).not.toBeNull());
    page.widgetLoaded();
    await retry;
    expect(chat.getState()).toMatchObject({ status: 'ready', error: null });
  });

  it('two controllers insert one script between them', async () => {
    const inserted = insertedScripts();
    const first = create(valid());
    const second = create(valid());
    const results = await Promise.allSettled([first.load(), second.load()]);
    expect(inserted).toHaveLength(1);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
  });

  it('a widget that never says loaded: load_timeout, then a retry succeeds', async () => {
    page.evaluateSdk();
    const chat = create({ ...valid(), timeoutMs: 50 });
    await expect(chat.load()).rejects.toMatchObject({ code: 'load_timeout' });
    expect(chat.getState().status).toBe('error');
    const retry = chat.load();
    page.widgetLoaded();
    await retry;
    expect(chat.getState().status).toBe('ready');
  });

  it('an SDK whose run() throws leaves no half-made $chatwoot behind', async () => {
    (window as unknown as Record<string, unknown>).chatwootSDK = {
      run() {
        (window as unknown as Record<string, unknown>).$chatwoot = {};
        throw new TypeError("Cannot read properties of undefined (reading 'appendChild')");
      },
    };
    const chat = create(valid());
    await expect(chat.load()).rejects.toMatchObject({ code: 'load_failed' });
    expect((window as unknown as Record<string, unknown>).$chatwoot).toBeUndefined();
  });
});
