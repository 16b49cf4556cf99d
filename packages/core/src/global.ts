/**
 * The core file of the script-tag build (`dist/wootkit.core.global.js`): all of `@wootkit/core` as one IIFE. The
 * launcher (`wootkit.global.js`, launcher.ts) fetches it on the visitor's first sign of intent and takes the API
 * from `window.__wootkitCore`. Loaded on its own, it gives `window.Wootkit` the full API and creates no controller:
 *
 *   <script src=".../wootkit.core.global.js"></script>
 *   <script>const chat = Wootkit.createChatwoot({ baseUrl, websiteToken, load: 'facade' });</script>
 */
import { createChatwoot } from './create-chatwoot';
import { WootkitError } from './errors';
import { enableFacade } from './facade';
import type { ChatwootController } from './types';

/** The full core API: what the core file registers, and what `window.Wootkit` holds once core has loaded. */
export interface WootkitCore {
  createChatwoot: typeof createChatwoot;
  WootkitError: typeof WootkitError;
}

/** What `window.Wootkit` holds. */
export interface WootkitGlobal extends Partial<WootkitCore> {
  /** The controller configured by the script tag's `data-*` attributes (absent without `data-website-token`). */
  chat?: ChatwootController;
  /** Fetches the core file (once) and resolves with the full API, which is then also on `window.Wootkit`. */
  loadCore?: () => Promise<WootkitCore>;
}

if (typeof window !== 'undefined') {
  // `Wootkit.createChatwoot({ load: 'facade' })` works from the core file too.
  enableFacade();
  const core: WootkitCore = { createChatwoot, WootkitError };
  const w = window as unknown as { Wootkit?: WootkitGlobal; __wootkitCore?: WootkitCore };
  w.__wootkitCore = core;
  // Next to what the launcher put there (`chat`, `loadCore`), if it came first.
  w.Wootkit = Object.assign(w.Wootkit ?? {}, core);
}
