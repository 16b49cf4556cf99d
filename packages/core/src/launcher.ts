/**
 * The script-tag file (`dist/wootkit.global.js`): a small launcher, the only wootkit code a page runs before a
 * visitor reaches for the chat. It reads the tag's `data-*` attributes, draws the facade and exposes
 * `window.Wootkit.chat` at once (a stand-in that queues calls, lazy-controller.ts); on intent (or per `data-load`)
 * it fetches the core file (`wootkit.core.global.js`, next to this one; `data-core-src` overrides), creates the real
 * controller and hands everything over. Then `window.Wootkit` also holds the full API (`createChatwoot`, …).
 *
 *   <script src=".../wootkit.global.js" data-base-url="https://chat.example.com" data-website-token="…" defer></script>
 */
import { WootkitError } from './errors';
import { facadeOptionsFor } from './facade-registry';
import { mountFacade } from './facade';
import type { WootkitCore, WootkitGlobal } from './global';
import { createLazyController } from './lazy-controller';
import { readScriptOptions } from './script-options';
import { scheduleLoad } from './strategies';

const noop = () => {};

if (typeof window !== 'undefined') {
  const w = window as unknown as { Wootkit?: WootkitGlobal; __wootkitCore?: WootkitCore };
  const script = (document.currentScript ?? document.querySelector('script[data-website-token]')) as HTMLScriptElement | null;
  const options = readScriptOptions(script);
  const nonce = options ? options.nonce : script?.nonce;

  let core: Promise<WootkitCore> | undefined;
  /** Inserts the core file's `<script>` once (again after a failure), resolving with the API it registers. */
  const loadCore = (): Promise<WootkitCore> =>
    (core ??= new Promise((resolve, reject) => {
      if (w.__wootkitCore) return resolve(w.__wootkitCore);
      // Worked out here, on intent, not at start-up: a page's first `URL` costs it ~0.5 ms (measured in Chromium).
      const coreSrc = script?.getAttribute('data-core-src') || new URL('wootkit.core.global.js', script?.src || location.href).href;
      const tag = document.createElement('script');
      const failed = () => {
        tag.remove();
        core = undefined;
        reject(new WootkitError('load_failed', `could not load ${coreSrc}`));
      };
      tag.src = coreSrc;
      if (nonce) tag.nonce = nonce;
      tag.onload = () => (w.__wootkitCore ? resolve(w.__wootkitCore) : failed());
      tag.onerror = failed;
      document.head.appendChild(tag);
    }));

  const api: WootkitGlobal = (w.Wootkit = { ...w.Wootkit, loadCore });
  if (!options) {
    // No widget to configure: the page wants the API itself, so fetch it now.
    loadCore().catch((error: Error) => console.warn('[wootkit]', error.message));
  } else {
    // The real controller loads Chatwoot only when told: by the stand-in (load(), open()…) or the strategy below.
    const chat = createLazyController(
      () => loadCore().then((api) => api.createChatwoot({ ...options, load: 'manual' })),
      options.user,
    );
    api.chat = chat;
    const facade = options.load == 'facade' && facadeOptionsFor(options);
    const removeFacade = facade ? mountFacade(chat, facade) : noop;
    const destroy = chat.destroy;
    chat.destroy = () => (removeFacade(), destroy());
    // The facade loads on intent (facade.ts); only the other strategies need a schedule.
    if (!facade) scheduleLoad(options.load!, () => chat.load().catch(noop));
  }
}
