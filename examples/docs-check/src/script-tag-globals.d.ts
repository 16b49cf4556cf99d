// What the script-tag build (`@wootkit/core/global`, wootkit.global.js, and the core file it loads) puts on `window`, so that the docs' plain
// <script> samples typecheck: the core API as `window.Wootkit`, and the controller the tag created from its
// data-* attributes as `window.Wootkit.chat`. Kept here, not in core, because core's npm entry must not declare
// globals that only exist when the script tag is used.
import type * as WootkitApi from '@wootkit/core';
import type { ChatwootController } from '@wootkit/core';

declare global {
  interface Window {
    // createChatwoot/WootkitError are there once the launcher has fetched core (`await Wootkit.loadCore()`).
    Wootkit: typeof WootkitApi & { chat: ChatwootController; loadCore(): Promise<typeof WootkitApi> };
  }
}
