/**
 * What the widget tells the page, in two channels: frame messages (`chatwoot-widget:{…}`) posted by the iframe, and
 * the `chatwoot:*` CustomEvents that Chatwoot's SDK dispatches on `window`. We read frame messages with
 * `addEventListener('message')` only (never `window.onmessage`, which the host page may own) and only from the
 * widget's iframe at the widget's origin. Both reach one handler: `(name, data)`, where a frame message's name is its
 * `event` field and a window event's name is `chatwoot:…` with its `detail` as data.
 */
import { isFromWidget, MESSAGE_PREFIX } from './sdk';

/** The `chatwoot:*` window events a controller turns into its own events and state. */
const WINDOW_EVENTS = ['opened', 'closed', 'on-message', 'on-start-conversation', 'postback', 'error'].map(
  (name) => `chatwoot:${name}`,
);

export function listenToWidget(origin: string, handle: (name: string, data: any) => void): () => void {
  const onMessage = (event: MessageEvent) => {
    let data;
    try {
      // A string with our prefix and JSON after it; anything else (a throw included) is not the widget's protocol:
      // ignore it, as the SDK does.
      data = isFromWidget(event, origin) && event.data.startsWith(MESSAGE_PREFIX) && JSON.parse(event.data.slice(MESSAGE_PREFIX.length));
    } catch {}
    if (data) handle(data.event, data);
  };
  const onWindowEvent = (event: Event) => handle(event.type, (event as CustomEvent).detail);
  // Capture: at the target, capture listeners run before `window.onmessage`, so we see each message before the
  // SDK acts on it (we learn that a preview is coming before the SDK fires `chatwoot:opened` for it).
  addEventListener('message', onMessage, true);
  WINDOW_EVENTS.forEach((name) => addEventListener(name, onWindowEvent));
  return () => {
    removeEventListener('message', onMessage, true);
    WINDOW_EVENTS.forEach((name) => removeEventListener(name, onWindowEvent));
  };
}
