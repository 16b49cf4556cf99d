/**
 * Chatwoot's SDK has no destroy. This removes everything it and wootkit put on the page — script, iframe, bubble,
 * its own `<style>`, globals and listeners — so a new controller (even for another website token) starts from a clean
 * page. Nothing of the host page's goes with it, not even a `<style>` of its own for Chatwoot's class names.
 */
import { resetLoader } from './loader';
import { undoSdkEffects } from './sdk-effects';

const SDK_GLOBALS = ['$chatwoot', 'chatwootSDK', 'chatwootSettings', 'WOOT_IFRAME', 'playAudioAlert'];

export function removeChatwootFromPage(): void {
  resetLoader();
  undoSdkEffects();
  // The SDK's <style> by its id only (Chatwoot v4.15.1, `app/javascript/sdk/DOMHelpers.js`, `loadCSS`): the host
  // page's own styles for Chatwoot's class names stay.
  document
    .querySelectorAll(
      '.woot-widget-holder,.woot--bubble-holder,#chatwoot_live_chat_widget,#cw-widget-styles,script[src$="/packs/js/sdk.js"]',
    )
    .forEach((element) => element.remove());
  for (const name of SDK_GLOBALS) delete (window as unknown as Record<string, unknown>)[name];
}
