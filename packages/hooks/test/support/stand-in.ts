import { afterAll, beforeAll } from 'vitest';
import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';

let inbox = 0;

/** A fresh website token per test, so the stand-in's records of one test never leak into another. */
export function nextWebsiteToken(): string {
  return `hooks-inbox-${++inbox}`;
}

/**
 * Starts the Chatwoot stand-in and puts the happy-dom page on its origin. Why: happy-dom reports the parent page's
 * origin on messages posted by an iframe, so core's "only the widget's origin" check would drop them on any other
 * origin (Chromium tests cover the cross-origin case).
 */
export async function startStandIn(): Promise<FakeChatwoot> {
  const fake = await startFakeChatwoot();
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${fake.url}/app`);
  giveWidgetMessagesTheirSource();
  return fake;
}

let sourceFixed = false;

/**
 * happy-dom reports the *receiving* window as `source` of a message an iframe posts to its parent; a browser reports
 * the sender. Core accepts widget messages only from the widget iframe's own window (forged frames are refused, as
 * Chromium tests show), so here, before any other listener, the widget's messages get the source a browser gives them.
 */
function giveWidgetMessagesTheirSource(): void {
  if (sourceFixed) return;
  sourceFixed = true;
  window.addEventListener(
    'message',
    (event) => {
      const frame = document.getElementById('chatwoot_live_chat_widget') as HTMLIFrameElement | null;
      const widget = frame?.contentWindow;
      // `widget.parent`, not `window`: under vitest `window` is a proxy of happy-dom's window object.
      if (widget && event.source === widget.parent && typeof event.data === 'string' && event.data.startsWith('chatwoot-widget:')) {
        Object.defineProperty(event, 'source', { value: widget });
      }
    },
    { capture: true },
  );
}

/** Registers hooks that start the stand-in (as `startStandIn`) before the suite's tests and close it after them. */
export function useStandIn(): { readonly fake: FakeChatwoot } {
  let fake: FakeChatwoot | undefined;
  beforeAll(async () => {
    fake = await startStandIn();
  });
  afterAll(() => fake?.close());
  return {
    get fake() {
      if (!fake) throw new Error('the stand-in runs only inside a test');
      return fake;
    },
  };
}

/** Lets pending timers run (the provider destroys a released widget one task later). */
export function nextTask(ms = 20): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The widget parts core puts on the page. */
export function widgetOnPage() {
  return {
    scripts: document.querySelectorAll('script[src*="/packs/js/sdk.js"]').length,
    iframes: document.querySelectorAll('iframe#chatwoot_live_chat_widget').length,
    sdk: (window as unknown as { $chatwoot?: unknown }).$chatwoot !== undefined,
  };
}
