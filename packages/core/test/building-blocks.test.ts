// The small parts the controller is made of: the store, the call queue, the load strategies, the script tag's
// attributes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCallQueue } from '../src/queue';
import { DEFAULT_SCRIPT_LOAD, readScriptOptions } from '../src/script-options';
import { createStore } from '../src/store';
import { scheduleLoad } from '../src/strategies';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('store', () => {
  it('gives a new snapshot per change, tells listeners the previous one, and stays quiet when nothing changed', () => {
    const store = createStore({ count: 0, open: false }, () => {});
    const seen: Array<[number, number]> = [];
    const unsubscribe = store.subscribe((next, previous) => seen.push([next.count, previous.count]));
    const first = store.get();
    store.set({ count: 1 });
    store.set({ count: 1, open: false }); // no change
    expect(store.get()).not.toBe(first);
    expect(first).toEqual({ count: 0, open: false }); // snapshots are never mutated
    unsubscribe();
    store.set({ count: 2 });
    expect(seen).toEqual([[1, 0]]);
  });
});

describe('call queue', () => {
  it('keeps calls in order until ready, runs later calls behind older ones, and survives a failing call', () => {
    let ready = false;
    const ran: string[] = [];
    const errors: unknown[] = [];
    const queue = createCallQueue(() => ready, (cause) => errors.push(cause));
    queue.run(() => ran.push('a'));
    queue.run(() => {
      throw new Error('rejected');
    });
    queue.run(() => ran.push('b'));
    expect(ran).toEqual([]);
    ready = true;
    queue.run(() => ran.push('c')); // older calls still wait: this one goes behind them
    expect(ran).toEqual([]);
    queue.flush();
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(errors).toHaveLength(1);
    queue.run(() => ran.push('d'));
    expect(ran).toEqual(['a', 'b', 'c', 'd']);
  });

  it('stops flushing when a call makes the widget not ready (a queued reset)', () => {
    let ready = true;
    const ran: string[] = [];
    const queue = createCallQueue(() => ready, () => {});
    ready = false;
    queue.run(() => ran.push('a'));
    queue.run(() => {
      ran.push('reset');
      ready = false;
    });
    queue.run(() => ran.push('after'));
    ready = true;
    queue.flush();
    expect(ran).toEqual(['a', 'reset']);
    ready = true;
    queue.flush();
    expect(ran).toEqual(['a', 'reset', 'after']);
  });
});

describe('load strategies', () => {
  it('eager loads now, manual never', () => {
    const load = vi.fn();
    scheduleLoad('eager', load);
    expect(load).toHaveBeenCalledTimes(1);
    scheduleLoad('manual', load);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('{ delayMs } loads after the delay unless cancelled', () => {
    vi.useFakeTimers();
    const load = vi.fn();
    scheduleLoad({ delayMs: 500 }, load);
    const cancel = scheduleLoad({ delayMs: 500 }, load);
    cancel();
    vi.advanceTimersByTime(499);
    expect(load).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('idle loads once the browser is idle', async () => {
    const load = vi.fn();
    scheduleLoad('idle', load);
    await vi.waitFor(() => expect(load).toHaveBeenCalledTimes(1), { timeout: 6000 });
  });

  it('interaction loads on the first sign of a person, once', () => {
    const load = vi.fn();
    scheduleLoad('interaction', load);
    expect(load).not.toHaveBeenCalled();
    window.dispatchEvent(new KeyboardEvent('keydown'));
    window.dispatchEvent(new Event('scroll'));
    expect(load).toHaveBeenCalledTimes(1);
  });
});

describe('script tag attributes', () => {
  function script(attributes: Record<string, string>): HTMLScriptElement {
    const element = document.createElement('script');
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    return element;
  }

  it('reads the options, settings and a JSON user from data-* attributes', () => {
    const options = readScriptOptions(
      script({
        'data-base-url': 'https://chat.example.com',
        'data-website-token': 'tok',
        'data-load': 'interaction',
        'data-position': 'left',
        'data-locale': 'pt_BR',
        'data-dark-mode': 'auto',
        'data-hide-message-bubble': '',
        'data-show-popout-button': 'false',
        'data-user': '{"identifier": 5, "name": "Ada"}',
        'data-timeout-ms': '9000',
      }),
    );
    expect(options).toMatchObject({
      baseUrl: 'https://chat.example.com',
      websiteToken: 'tok',
      load: 'interaction',
      settings: { position: 'left', locale: 'pt_BR', darkMode: 'auto', hideMessageBubble: true, showPopoutButton: false },
      user: { identifier: 5, name: 'Ada' },
      timeoutMs: 9000,
    });
    expect(options?.nonce).toBeUndefined();
    expect(readScriptOptions(script({ 'data-base-url': 'x', 'data-website-token': 't', 'data-load': '2500' }))?.load)
      .toEqual({ delayMs: 2500 });
  });

  it('warns about bad attributes and leaves them out', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const options = readScriptOptions(
      script({
        'data-base-url': 'https://chat.example.com',
        'data-website-token': 'tok',
        'data-position': 'middle',
        'data-colour': 'red',
        'data-user': '{not json',
        'data-load': 'whenever',
      }),
    );
    expect(options?.settings).toEqual({});
    expect(options?.user).toBeUndefined();
    expect(options?.load).toBe(DEFAULT_SCRIPT_LOAD);
    expect(warn).toHaveBeenCalledTimes(4);
  });

  it('without a website token or base URL there is nothing to create', () => {
    expect(readScriptOptions(script({}))).toBeNull();
    expect(readScriptOptions(null)).toBeNull();
  });
});
