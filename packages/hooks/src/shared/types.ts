import type {
  ChatwootController,
  ChatwootEvents,
  ChatwootStatus,
  ChatwootUser,
  ColorScheme,
  CreateChatwootOptions,
  IdentifiedUser,
  WootkitError,
} from '@wootkit/core';

/** A visitor for `useChatwootUser()`: the same shape as `createChatwoot({ user })`. */
export type ChatwootUserInput = { identifier: string | number } & ChatwootUser;

/**
 * The controller's methods under the names wrapper users expect. Each function keeps its identity for the
 * provider's lifetime, so it is safe in dependency arrays and as an `onClick` handler.
 */
export interface ChatwootActions {
  openChat(): void;
  closeChat(): void;
  /** Flips the chat window, or forces it with `'open'`/`'close'`. A non-string (e.g. a click event) just flips. */
  toggleChat(state?: 'open' | 'close' | unknown): void;
  /** Identifies the visitor. Pass the `identifier_hash` your server computed; never compute it in the browser. */
  setUser(identifier: string | number, user: ChatwootUser): void;
  setCustomAttributes(attributes: Record<string, unknown>): void;
  deleteCustomAttribute(key: string): void;
  setLabel(label: string): void;
  removeLabel(label: string): void;
  setLocale(locale: string): void;
  setColorScheme(scheme: ColorScheme): void;
  showBubble(): void;
  hideBubble(): void;
  /** Logs the visitor out. Resolves when the anonymous widget is ready; a failure also reaches `error`. */
  reset(): Promise<void>;
}

/** What `useChatwoot()` returns: the actions plus the current state (the component re-renders when it changes). */
export interface UseChatwootResult extends ChatwootActions {
  status: ChatwootStatus;
  /** `status === 'ready'`. Calls made before are queued by core, so you rarely need to wait for it. */
  isReady: boolean;
  isOpen: boolean;
  unreadCount: number;
  user: IdentifiedUser | null;
  error: WootkitError | null;
}

/** Props of `<ChatwootProvider>`: either `options` (the provider owns a controller) or your own `controller`. */
export type ChatwootProviderProps<Children> = {
  children?: Children;
  /**
   * Keep the widget (and its conversation) on the page after the provider unmounts; a later provider for the
   * same inbox picks it up again. Default `false`: the last provider to unmount destroys the widget.
   */
  keepAlive?: boolean;
} & (
  | {
      /**
       * Passed to `createChatwoot()` once. Changing `baseUrl` or `websiteToken` switches inbox (the old widget is
       * destroyed first); other changes after the first render are ignored: use the actions instead.
       */
      options: CreateChatwootOptions;
      controller?: undefined;
    }
  | {
      /** A controller you created with `createChatwoot()`. You own it: the provider never destroys it. */
      controller: ChatwootController;
      options?: undefined;
    }
);

/** The hooks' types for one framework's children (`Children`) and elements (`Element`); documented in the entries. */
export interface ChatwootBindings<Children, Element> {
  ChatwootProvider(props: ChatwootProviderProps<Children>): Element;
  useChatwoot(): UseChatwootResult;
  useChatwootEvent<K extends keyof ChatwootEvents & string>(
    name: K,
    handler: (payload: ChatwootEvents[K]) => void,
  ): void;
  useChatwootUser(user: ChatwootUserInput | null | undefined): void;
  useChatwootController(): ChatwootController;
}
