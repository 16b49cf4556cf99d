import { createContext, createElement, type ComponentChildren, type VNode } from 'preact';
import { useContext, useEffect, useRef } from 'preact/hooks';
import type { ReadonlySignal } from '@preact/signals';
import type { ChatwootState } from '@wootkit/core';
import { createBindings } from '../shared/bindings';
import { stateSignal } from './state-signal';

export const [
  /**
   * Makes one Chatwoot controller available to the hooks below it: pass `options` (for `createChatwoot()`) or your
   * own `controller`. Providers for the same inbox share one controller, so two providers, StrictMode or a hot
   * reload never load the widget twice; the last one to unmount destroys it unless `keepAlive`. Renders on the
   * server without touching `window`.
   */
  ChatwootProvider,
  /** The actions (stable identities, callable before the widget is ready) and the state of the provider's widget. */
  useChatwoot,
  /** Calls `handler` on every `name` event while mounted; the latest handler is called, changing it never re-subscribes. */
  useChatwootEvent,
  /**
   * Keeps the widget's visitor in step with your auth state: identifies when a user appears or changes (compared by
   * content), resets the widget when it becomes `null` (logout), does nothing while `undefined` (auth still loading).
   * Pass the `identifier_hash` your server computed: nothing secret belongs in the browser.
   */
  useChatwootUser,
  /** The provider's core controller, for what the other hooks do not cover (`load()`, `popout()`, …). */
  useChatwootController,
] = createBindings<
  ComponentChildren,
  VNode
>(
  createContext as never,
  useContext as never,
  useEffect,
  useRef as never,
  createElement as never,
  // Reading `.value` in render subscribes the component (the @preact/signals integration).
  (controller) => stateSignal(controller).value,
);

/**
 * The widget's state as a Preact signal (`status`, `isOpen`, `unreadCount`, `user`, `error`). Read `.value` in
 * render, or derive with `computed()`; the same signal for every caller under one provider.
 */
export function useChatwootSignal(): ReadonlySignal<ChatwootState> {
  return stateSignal(useChatwootController());
}
