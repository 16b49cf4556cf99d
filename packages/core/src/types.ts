/**
 * The public types of `@wootkit/core`. This file is the contract the hooks package, the script-tag build and the
 * docs are written against: change it deliberately.
 */
import type { WootkitError } from './errors';

/**
 * When the widget's scripts are fetched. `manual` waits for `load()`. `facade` draws wootkit's own small launcher
 * and fetches nothing of Chatwoot until a visitor hovers, focuses or clicks it (the script tag's default).
 * Default: `eager`.
 */
export type LoadStrategy = 'eager' | 'idle' | 'interaction' | 'manual' | 'facade' | { delayMs: number };

export type ColorScheme = 'light' | 'auto' | 'dark';

/** The settings Chatwoot's SDK reads from `window.chatwootSettings` (see Chatwoot's widget docs). */
export interface ChatwootSettings {
  position?: 'left' | 'right';
  type?: 'standard' | 'expanded_bubble';
  launcherTitle?: string;
  locale?: string;
  useBrowserLanguage?: boolean;
  darkMode?: ColorScheme;
  hideMessageBubble?: boolean;
  showPopoutButton?: boolean;
  showUnreadMessagesDialog?: boolean;
  widgetStyle?: 'standard' | 'flat';
  /** Cookie domain, e.g. `.example.com`, to share the visitor across sub-domains. */
  baseDomain?: string;
  welcomeTitle?: string;
  welcomeDescription?: string;
  availableMessage?: string;
  unavailableMessage?: string;
  enableFileUpload?: boolean;
  enableEmojiPicker?: boolean;
  enableEndConversation?: boolean;
}

/** What Chatwoot accepts about a visitor. At least one of `email`, `name`, `avatar_url` is required. */
export interface ChatwootUser {
  email?: string;
  name?: string;
  avatar_url?: string;
  /** HMAC-SHA256 of the identifier with the inbox's secret, computed on your server (see `@wootkit/server`). */
  identifier_hash?: string;
  phone_number?: string;
  description?: string;
  country_code?: string;
  city?: string;
  company_name?: string;
  social_profiles?: Record<string, string>;
  custom_attributes?: Record<string, unknown>;
}

/** A visitor as wootkit holds it: the identifier is always a string (numbers make duplicate contacts). */
export interface IdentifiedUser {
  identifier: string;
  user: ChatwootUser;
}

export interface CreateChatwootOptions {
  /** Your Chatwoot installation, e.g. `https://chat.example.com` (http or https). */
  baseUrl: string;
  /** The website inbox's token (Settings → Inboxes → your website inbox → Configuration). */
  websiteToken: string;
  settings?: ChatwootSettings;
  /** Identify the visitor as soon as the widget is ready. */
  user?: { identifier: string | number } & ChatwootUser;
  load?: LoadStrategy;
  /** CSP nonce for the `<script>` tag wootkit inserts. */
  nonce?: string;
  /**
   * The launcher drawn with `load: 'facade'`: `color` is your inbox's widget colour (default `#1f93ff`), `label` its
   * accessible name (default `settings.launcherTitle`, else "Open chat"). Position and shape follow `settings`.
   */
  facade?: { color?: string; label?: string };
  /** How long to wait for sdk.js and the widget's `loaded` message before giving up. Default 15000. */
  timeoutMs?: number;
}

export type ChatwootStatus = 'idle' | 'loading' | 'ready' | 'error';

/** A snapshot of the widget's state; a new object on every change (safe for `useSyncExternalStore`). */
export interface ChatwootState {
  status: ChatwootStatus;
  isOpen: boolean;
  unreadCount: number;
  user: IdentifiedUser | null;
  error: WootkitError | null;
}

/** A message as the widget reports it in `chatwoot:on-message`. */
export interface ChatwootMessage {
  id: number;
  content: string | null;
  /** 0 incoming (from the visitor), 1 outgoing (from an agent or bot). */
  message_type: number;
  content_type?: string;
  content_attributes?: Record<string, unknown>;
  created_at?: number;
  conversation_id?: number;
  sender?: Record<string, unknown> | null;
  [key: string]: unknown;
}

/** Every event a controller emits, name → payload. `on()`, the hooks and the docs derive from this map. */
export interface ChatwootEvents {
  ready: undefined;
  open: undefined;
  close: undefined;
  message: ChatwootMessage;
  unread: { count: number };
  error: WootkitError;
  'start-conversation': { hasConversation: boolean };
  postback: { payload: unknown };
  status: ChatwootStatus;
  [key: string]: unknown;
}

export type ChatwootEventName = Exclude<keyof ChatwootEvents, number> & string;

export type Unsubscribe = () => void;

/**
 * What `createChatwoot()` returns. Every method is safe to call at any time: before load (queued, in order),
 * after load (sent now) or after `destroy()` (ignored with an `error` event, never a throw).
 */
export interface ChatwootController {
  /** The current state snapshot. */
  getState(): ChatwootState;
  /** Called after every state change with the new and previous snapshot. */
  subscribe(listener: (state: ChatwootState, previous: ChatwootState) => void): Unsubscribe;
  on<K extends keyof ChatwootEvents & string>(name: K, handler: (payload: ChatwootEvents[K]) => void): Unsubscribe;

  /** Loads the widget now (whatever the load strategy). Resolves when it is ready; rejects with a `WootkitError`. */
  load(): Promise<void>;
  open(): void;
  close(): void;
  toggle(state?: 'open' | 'close'): void;
  setUser(identifier: string | number, user: ChatwootUser): void;
  setCustomAttributes(attributes: Record<string, unknown>): void;
  deleteCustomAttribute(key: string): void;
  setConversationCustomAttributes(attributes: Record<string, unknown>): void;
  deleteConversationCustomAttribute(key: string): void;
  setLabel(label: string): void;
  removeLabel(label: string): void;
  setLocale(locale: string): void;
  setColorScheme(scheme: ColorScheme): void;
  showBubble(): void;
  hideBubble(): void;
  popout(): void;
  /** Logs the visitor out: clears cookies (also under `baseDomain`), reloads the widget anonymous, resolves when ready. */
  reset(): Promise<void>;
  /** Removes everything wootkit and Chatwoot added to the page, so a new controller (other token) can start clean. */
  destroy(): void;
}
