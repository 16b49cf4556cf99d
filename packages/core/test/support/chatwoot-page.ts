/**
 * The unit layer's Chatwoot: the stand-in's real `sdk.js` (the file the stand-in serves, evaluated in the happy-dom
 * page, traps and all), while the test plays the widget iframe's side of the postMessage protocol. A stand-in server
 * on 127.0.0.1 gives the base URL (its origin is the widget's origin).
 * Real browsers and the real widget page are the `core-e2e` project's job.
 */
import { get } from 'node:http';
import { startFakeChatwoot, type FakeChatwoot } from '@wootkit/testing';

export interface ChatwootPage {
  fake: FakeChatwoot;
  origin: string;
  /** Makes `window.chatwootSDK` exist, as if sdk.js had loaded (a fresh evaluation each time). */
  evaluateSdk(): void;
  /**
   * The widget iframe posts `{ event, ...data }` to the page, from the widget's origin (or `origin`) and from the
   * iframe's window (or `source`: another window, as a forged message would come).
   */
  widgetSays(event: string, data?: Record<string, unknown>, origin?: string, source?: object | null): void;
  /** As the widget does once it has booted. */
  widgetLoaded(): void;
  /** What the page posted to the widget iframe since the last call: `[event, message]`. */
  takeReceived(): Array<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startChatwootPage(): Promise<ChatwootPage> {
  const fake = await startFakeChatwoot();
  const sdkSource = await fetchText(`${fake.url}/packs/js/sdk.js`);
  const origin = new URL(fake.url).origin;
  let received: Array<Record<string, unknown>> = [];
  // happy-dom does not load the widget page: give each widget iframe a window that records what it is sent.
  const recordFrame = () => {
    const frame = document.getElementById('chatwoot_live_chat_widget');
    if (!frame || Object.prototype.hasOwnProperty.call(frame, 'contentWindow')) return;
    const postMessage = (message: unknown) => {
      if (typeof message === 'string' && message.startsWith('chatwoot-widget:')) {
        received.push(JSON.parse(message.slice('chatwoot-widget:'.length)));
      }
    };
    Object.defineProperty(frame, 'contentWindow', { value: { postMessage } });
  };
  new MutationObserver(recordFrame).observe(document.documentElement, { childList: true, subtree: true });

  const page: ChatwootPage = {
    fake,
    origin,
    evaluateSdk: () => new Function(sdkSource)(),
    widgetSays(event, data = {}, from = origin, source) {
      recordFrame();
      const frame = document.getElementById('chatwoot_live_chat_widget') as HTMLIFrameElement | null;
      window.dispatchEvent(
        new MessageEvent('message', {
          data: 'chatwoot-widget:' + JSON.stringify({ event, ...data }),
          origin: from,
          source: (source === undefined ? frame?.contentWindow : source) as MessageEventSource | null,
        }),
      );
    },
    widgetLoaded() {
      page.widgetSays('loaded', { config: { authToken: 'jwt-token', channelConfig: { widgetColor: '#1f93ff' } } });
    },
    takeReceived() {
      recordFrame();
      const taken = received;
      received = [];
      return taken;
    },
    close: () => fake.close(),
  };
  return page;
}

/** Node's own HTTP client: happy-dom's fetch would apply the page's CORS rules to the stand-in's origin. */
function fetchText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        response.statusCode === 200 ? resolve(body) : reject(new Error(`GET ${url} answered ${response.statusCode}`)),
      );
    }).on('error', reject);
  });
}
