// The script tag's stand-in controller (lazy-controller.ts), with a real controller behind it. The launcher's
// behaviour in a browser (core fetched on intent, hand-over to the widget) is proven in test/e2e/launcher.e2e.test.ts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChatwoot } from '../src/create-chatwoot';
import { WootkitError } from '../src/errors';
import { createLazyController } from '../src/lazy-controller';
import type { ChatwootController, ChatwootState } from '../src/types';

const controllers: ChatwootController[] = [];
afterEach(() => {
  controllers.splice(0).forEach((controller) => controller.destroy());
  vi.restoreAllMocks();
});

/** A stand-in whose "core" resolves with a real, manual controller (nothing on the page until it loads). */
function lazy() {
  const made: ChatwootController[] = [];
  const createReal = vi.fn(async () => {
    // Port 9 (discard) on 127.0.0.1: a load fails fast, which these tests never wait for.
    const real = createChatwoot({ baseUrl: 'http://127.0.0.1:9', websiteToken: 'lazy-unit', load: 'manual', timeoutMs: 200 });
    made.push(real);
    controllers.push(real);
    return real;
  });
  const chat = createLazyController(createReal);
  return { chat, createReal, made };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createLazyController', () => {
  it('is idle and asks for nothing until a call needs the widget; plain commands only queue', async () => {
    const { chat, createReal } = lazy();
    expect(chat.getState()).toEqual({ status: 'idle', isOpen: false, unreadCount: 0, user: null, error: null });
    chat.setLabel('vip');
    chat.setUser('42', { name: 'Ada' });
    chat.hideBubble();
    await settle();
    expect(createReal).not.toHaveBeenCalled();
    expect(chat.getState().status).toBe('idle');
  });

  it('open() fetches core once, replays the queue in order on the real controller, then forwards every call', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { chat, createReal, made } = lazy();
    chat.setUser('42', { name: 'Ada' });
    chat.open();
    chat.toggle();
    expect(chat.getState().status).toBe('loading');
    await settle();
    expect(createReal).toHaveBeenCalledTimes(1);
    const real = made[0]!;
    // setUser reached the real controller; open() made it load on demand.
    expect(real.getState().user).toEqual({ identifier: '42', user: { name: 'Ada' } });
    // (Its load fails fast here, port 9; what matters is that it left idle.)
    expect(real.getState().status).not.toBe('idle');
    expect(chat.getState()).toBe(real.getState());
    chat.setUser('43', { name: 'Lin' });
    expect(real.getState().user?.identifier).toBe('43');
    expect(createReal).toHaveBeenCalledTimes(1);
  });

  it('subscribe() and on() made before core are attached to the real controller; unsubscribing works before and after', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { chat, made } = lazy();
    const users: (string | undefined)[] = [];
    const statuses: unknown[] = [];
    const dropped = vi.fn();
    const off = chat.subscribe((state: ChatwootState) => users.push(state.user?.identifier));
    chat.on('status', (status) => statuses.push(status));
    chat.subscribe(dropped)(); // unsubscribed before core
    await chat.load().catch(() => {}); // the real load fails (port 9); the listeners are attached by then
    const real = made[0]!;
    expect(statuses[0]).toBe('loading'); // the stand-in's own, while core downloads
    expect(statuses.at(-1)).toBe('error'); // the real controller's
    real.setUser('7', { name: 'Kim' });
    expect(users.at(-1)).toBe('7');
    off();
    chat.setUser('8', { name: 'Max' });
    expect(users.at(-1)).toBe('7');
    expect(dropped).not.toHaveBeenCalled();
  });

  it('a status listener hears each status once in order: loading while core downloads is not repeated by the real load', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { chat } = lazy();
    const statuses: unknown[] = [];
    chat.on('status', (status) => statuses.push(status));
    await chat.load().catch(() => {}); // the real load fails fast (port 9)
    expect(statuses).toEqual(['loading', 'error']);
  });

  it('the user is in the state before core arrives: from the user option and from setUser; a bad one is left to core', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const createReal = vi.fn(async () => {
      const real = createChatwoot({ baseUrl: 'http://127.0.0.1:9', websiteToken: 'lazy-unit', load: 'manual', timeoutMs: 200 });
      controllers.push(real);
      return real;
    });
    const chat = createLazyController(createReal, { identifier: 42, name: 'Ada' });
    expect(chat.getState().user).toEqual({ identifier: '42', user: { name: 'Ada' } });
    const seen: unknown[] = [];
    chat.subscribe((state) => seen.push(state.user?.identifier));
    chat.setUser(7, { email: 'kim@example.com' });
    expect(chat.getState().user).toEqual({ identifier: '7', user: { email: 'kim@example.com' } });
    chat.setUser('8', {} as never); // no email, name or avatar_url: core reports it when the queue replays
    expect(chat.getState().user?.identifier).toBe('7');
    expect(seen).toEqual(['7']);
    expect(createReal).not.toHaveBeenCalled();
    expect(createLazyController(createReal, { identifier: '', name: 'x' }).getState().user).toBeNull();
  });

  it('a core that cannot be fetched gives status error with a WootkitError, an error event, and the next call retries', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const createReal = vi
      .fn<() => Promise<ChatwootController>>()
      .mockRejectedValueOnce(new WootkitError('load_failed', 'could not load core'))
      .mockRejectedValueOnce(new Error('network'));
    const chat = createLazyController(createReal);
    const errors: WootkitError[] = [];
    const statuses: unknown[] = [];
    chat.on('error', (error) => errors.push(error));
    chat.on('status', (status) => statuses.push(status));
    await expect(chat.load()).rejects.toMatchObject({ code: 'load_failed' });
    expect(chat.getState()).toMatchObject({ status: 'error', error: { code: 'load_failed' } });
    // Anything else is wrapped, so state.error is always a WootkitError.
    await expect(chat.load()).rejects.toBeInstanceOf(WootkitError);
    expect(createReal).toHaveBeenCalledTimes(2);
    expect(errors).toHaveLength(2);
    expect(statuses).toEqual(['loading', 'error', 'loading', 'error']);
  });

  it('reset() before core resolves once the real controller has taken it', async () => {
    const { chat, made } = lazy();
    chat.setLabel('vip');
    let done = false;
    const reset = chat.reset().then(() => (done = true));
    await settle();
    expect(done).toBe(false);
    await chat.load().catch(() => {});
    await reset;
    expect(made).toHaveLength(1);
  });
});
