/** The window CustomEvents Chatwoot's SDK dispatches (see docs/chatwoot-internals.md, "Events"). */
export const CHATWOOT_WINDOW_EVENTS = [
  'chatwoot:ready',
  'chatwoot:error',
  'chatwoot:on-message',
  'chatwoot:on-start-conversation',
  'chatwoot:postback',
  'chatwoot:opened',
  'chatwoot:closed',
] as const;

/** One window event as recorded in the page by `recordChatwootWindowEvents`. */
export interface RecordedWindowEvent {
  name: string;
  detail: unknown;
}

/**
 * A browser init script (pass it to Playwright's `addInitScript`) that records every Chatwoot window event in
 * `window.__chatwootEvents` from the first moment of the page, so a test can read them with `page.evaluate`.
 * Uses addEventListener, never `window.onmessage`, so it does not disturb the SDK under test.
 */
export function recordChatwootWindowEvents(names: readonly string[]): void {
  const target = window as unknown as { __chatwootEvents: Array<{ name: string; detail: unknown }> };
  target.__chatwootEvents = [];
  for (const name of names) {
    window.addEventListener(name, (event) => {
      target.__chatwootEvents.push({ name, detail: (event as CustomEvent).detail });
    });
  }
}
