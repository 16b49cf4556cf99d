import {
  createContext,
  createElement,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useSyncExternalStore,
  type ReactElement,
  type ReactNode,
} from 'react';
import type { ChatwootController, ChatwootState } from '@wootkit/core';
import { createBindings } from '../shared/bindings';

function useSnapshot(controller: ChatwootController): ChatwootState {
  // Notified a microtask later: a provider switching inbox destroys the old controller while it renders, and React
  // forbids updating other components during a render. useSyncExternalStore re-reads the snapshot anyway.
  const subscribe = useCallback(
    (onChange: () => void) => controller.subscribe(() => queueMicrotask(onChange)),
    [controller],
  );
  // Core hands out a new snapshot object per change, which is what useSyncExternalStore requires.
  return useSyncExternalStore(subscribe, () => controller.getState(), () => serverSnapshot(controller));
}

const serverSnapshots = new WeakMap<ChatwootController, ChatwootState>();

/**
 * The state the server rendered, for hydration: nothing loads on the server, so a valid controller was idle, closed
 * and unread-free there, while in the browser an eager one is already loading. Cached: React wants the same object.
 */
function serverSnapshot(controller: ChatwootController): ChatwootState {
  let snapshot = serverSnapshots.get(controller);
  if (!snapshot) {
    const state = controller.getState();
    snapshot =
      state.status === 'error' ? state : { ...state, status: 'idle', isOpen: false, unreadCount: 0, error: null };
    serverSnapshots.set(controller, snapshot);
  }
  return snapshot;
}

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
  ReactNode,
  ReactElement
>(
  createContext as never,
  useContext as never,
  useEffect as never,
  useRef,
  createElement as never,
  useSnapshot,
);
