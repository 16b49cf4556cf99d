/**
 * The script-tag build (`dist/wootkit.global.js`): exposes the core API as `window.Wootkit` and, when the tag carries
 * `data-website-token`, a ready-made controller as `window.Wootkit.chat`:
 *
 *   <script src=".../wootkit.global.js" data-base-url="https://chat.example.com" data-website-token="…" defer></script>
 */
import { createChatwoot } from './create-chatwoot';
import { WootkitError } from './errors';
import { enableFacade } from './facade';
import { readScriptOptions } from './script-options';
import type { ChatwootController } from './types';

/** What `window.Wootkit` holds. */
export interface WootkitGlobal {
  createChatwoot: typeof createChatwoot;
  WootkitError: typeof WootkitError;
  /** The controller configured by the script tag's `data-*` attributes (absent without `data-website-token`). */
  chat?: ChatwootController;
}

if (typeof window !== 'undefined') {
  // The facade is the script tag's default load strategy (and `Wootkit.createChatwoot` may use it too).
  enableFacade();
  const script = document.currentScript ?? document.querySelector('script[data-website-token]');
  const options = readScriptOptions(script);
  const api: WootkitGlobal = { createChatwoot, WootkitError };
  if (options) api.chat = createChatwoot(options);
  (window as unknown as { Wootkit: WootkitGlobal }).Wootkit = api;
}
