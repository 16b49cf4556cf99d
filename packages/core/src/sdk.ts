/**
 * What wootkit uses of Chatwoot's own widget SDK (`sdk.js`), and the few helpers that reach it. Internal: the
 * public API never exposes these shapes.
 */
export interface ChatwootSdk {
  hasLoaded: boolean;
  isOpen: boolean;
  websiteToken: string;
  baseUrl: string;
  user?: unknown;
  identifier?: unknown;
  toggle(state?: 'open' | 'close'): void;
  toggleBubbleVisibility(visibility: 'show' | 'hide'): void;
  setCustomAttributes(attributes: Record<string, unknown>): void;
  deleteCustomAttribute(key: string): void;
  setConversationCustomAttributes(attributes: Record<string, unknown>): void;
  deleteConversationCustomAttribute(key: string): void;
  setLabel(label: string): void;
  removeLabel(label: string): void;
  setLocale(locale: string): void;
  setColorScheme(scheme: string): void;
  popoutChatWindow(): void;
  reset(): void;
}

/** The globals Chatwoot's snippet and SDK read or create on `window`. */
export interface ChatwootGlobals {
  $chatwoot?: ChatwootSdk;
  chatwootSDK?: { run(options: { baseUrl: string; websiteToken: string }): void };
  chatwootSettings?: object;
}

/** Every frame message in either direction starts with this. */
export const MESSAGE_PREFIX = 'chatwoot-widget:';
/** The id Chatwoot's SDK gives the widget's iframe. */
export const FRAME_ID = 'chatwoot_live_chat_widget';

export const globals = (): Window & ChatwootGlobals => window as Window & ChatwootGlobals;
export const sdk = (): ChatwootSdk | undefined => globals().$chatwoot;

/** The widget iframe's window, if the SDK has made the iframe. */
const widgetWindow = () => (document.getElementById(FRAME_ID) as HTMLIFrameElement | null)?.contentWindow;

/**
 * Whether a frame message is the widget's: from its origin AND from its iframe. Any other window of that origin (a
 * help-centre page the host embeds, a popup) could otherwise post `loaded` early and make us flush the queue into a
 * widget that is not listening yet.
 */
export const isFromWidget = (event: MessageEvent, origin: string): boolean =>
  event.origin == origin && event.source === widgetWindow();

/** Posts one protocol message to the widget's iframe, to the widget's origin only. */
export function postToWidget(origin: string, event: string, payload: object): void {
  widgetWindow()?.postMessage(MESSAGE_PREFIX + JSON.stringify({ event, ...payload }), origin);
}
