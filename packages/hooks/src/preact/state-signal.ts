import { signal, type ReadonlySignal, type Signal } from '@preact/signals';
import type { ChatwootController, ChatwootState } from '@wootkit/core';

const signals = new WeakMap<ChatwootController, Signal<ChatwootState>>();

/**
 * One signal per controller, fed by its `subscribe()`. The subscription lives as long as the controller (both are
 * dropped together), so components and computeds can read it without managing a subscription of their own.
 */
export function stateSignal(controller: ChatwootController): ReadonlySignal<ChatwootState> {
  let state = signals.get(controller);
  if (!state) {
    const created = signal(controller.getState());
    controller.subscribe((next) => {
      created.value = next;
    });
    signals.set(controller, (state = created));
  }
  return state;
}
