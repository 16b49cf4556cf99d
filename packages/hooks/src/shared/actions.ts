import type { ChatwootController } from '@wootkit/core';
import type { ChatwootActions } from './types';

const cache = new WeakMap<ChatwootController, ChatwootActions>();

const noop = () => {};

/** Actions named as on the controller; their arguments are passed through (core checks them). */
const SAME_NAME =
  'setUser setCustomAttributes deleteCustomAttribute setLabel removeLabel setLocale setColorScheme showBubble hideBubble';

/** The actions for one controller, created once so every component gets the same function identities. */
export function actionsFor(c: ChatwootController): ChatwootActions {
  let actions = cache.get(c);
  if (!actions) {
    const call =
      (name: string) =>
      (...args: unknown[]) =>
        (c as unknown as Record<string, (...args: unknown[]) => unknown>)[name]!(...args);
    actions = {
      // Used as onClick handlers these receive the click event: only toggle takes an argument, so only it filters.
      openChat: () => c.open(),
      closeChat: () => c.close(),
      toggleChat: (state) => c.toggle(typeof state === 'string' ? (state as 'open') : undefined),
      reset: () => handled(c.reset()),
    } as ChatwootActions;
    for (const name of SAME_NAME.split(' ')) (actions as unknown as Record<string, unknown>)[name] = call(name);
    cache.set(c, actions);
  }
  return actions;
}

/**
 * Marks a core promise as handled: `onClick={reset}` must not leave an unhandled rejection, and the failure
 * already reaches `error` through core's state. Callers who await it still see the rejection.
 */
export function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(noop);
  return promise;
}
