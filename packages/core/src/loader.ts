/**
 * Loads Chatwoot's `sdk.js` at most once per page and starts it (the stripe-js pattern: one module-level promise,
 * reuse a `<script>` already on the page, forget the promise after a failure so a later call can retry), fixing what
 * the official snippet gets wrong: it waits for `<body>` (the SDK touches it when it starts), reuses an official
 * `window.$chatwoot` already on the page, and never lets a failure throw into the host page.
 */
import { WootkitError } from './errors';
import { captureSdkEffects } from './sdk-effects';
import { globals, isFromWidget, sdk } from './sdk';
import type { NormalizedOptions } from './validate';

let loading: Promise<void> | undefined;
/** Forwards the widget's messages to the SDK's handler (see `startSdk`). */
let bridge: ((event: MessageEvent) => void) | undefined;

/** The controllers that loaded the widget: the page is cleaned up when the last of them is destroyed. */
export const widgetUsers = new Set<object>();

const failure = (message: string, cause?: unknown) => new WootkitError('load_failed', message, { cause });

/** Resolves when `window.$chatwoot` exists for this website token; rejects with a `WootkitError`. */
export async function loadChatwootSdk(options: NormalizedOptions): Promise<void> {
  await (loading ??= start(options).catch((error) => {
    loading = undefined;
    throw error;
  }));
  if (sdk()!.websiteToken != options.websiteToken) throw failure('another widget is on the page: destroy() it first');
}

async function start({ baseUrl, origin, websiteToken, settings, nonce }: NormalizedOptions): Promise<void> {
  const page = globals();
  if (!document.body) await new Promise((resolve) => addEventListener('DOMContentLoaded', resolve));
  if (sdk()) return; // an official snippet (or another copy of wootkit) got there first: reuse it
  if (!page.chatwootSDK) {
    const src = baseUrl + '/packs/js/sdk.js';
    const found = document.querySelector<HTMLScriptElement>(`script[src="${src}"]`);
    const script = found ?? Object.assign(document.createElement('script'), { src, async: true, nonce });
    await new Promise((resolve, reject) => {
      script.addEventListener('load', resolve);
      script.addEventListener('error', () => {
        script.remove(); // so a retry inserts a fresh tag instead of waiting on a dead one
        reject(failure(src + ' failed to load'));
      });
      if (!found) document.head.appendChild(script);
    });
    // Destroyed while the script was on its way: start nothing.
    if (!widgetUsers.size) throw new WootkitError('destroyed', 'destroyed');
  }
  page.chatwootSettings = settings;
  const hostHandler = page.onmessage;
  try {
    captureSdkEffects(() => page.chatwootSDK!.run({ baseUrl, websiteToken }));
  } catch (cause) {
    // A half-made $chatwoot would make every later run() a silent no-op.
    delete page.$chatwoot;
    throw failure('sdk.js failed to start', cause);
  }
  // The SDK listens by assigning window.onmessage: that silences a handler the host set before, and a host that
  // assigns it later silences the SDK. Give the property back to the host and feed the SDK from a listener.
  const sdkHandler = page.onmessage;
  if (sdkHandler && sdkHandler != hostHandler) {
    page.onmessage = hostHandler;
    bridge = (event) => {
      if (isFromWidget(event, origin)) {
        try {
          captureSdkEffects(() => sdkHandler.call(page, event));
        } catch {
          // The SDK's own handler failing must not surface as an error in the host page.
        }
      }
    };
    addEventListener('message', bridge);
  }
}

/** Forgets the loaded SDK and stops feeding it (part of `removeChatwootFromPage`). */
export function resetLoader(): void {
  loading = undefined;
  if (bridge) removeEventListener('message', bridge);
}
