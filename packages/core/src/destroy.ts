/**
 * Chatwoot's SDK has no destroy. This removes everything it and wootkit put on the page — script, iframe, bubble,
 * styles, globals and listeners — so a new controller (even for another website token) starts from a clean page.
 */
import { resetLoader } from './loader';
import { undoSdkEffects } from './sdk-effects';

const SDK_GLOBALS = ['$chatwoot', 'chatwootSDK', 'chatwootSettings', 'WOOT_IFRAME', 'playAudioAlert'];

export function removeChatwootFromPage(): void {
  resetLoader();
  undoSdkEffects();
  document
    .querySelectorAll('.woot-widget-holder,.woot--bubble-holder,#chatwoot_live_chat_widget,script[src$="/packs/js/sdk.js"]')
    .forEach((element) => element.remove());
  // The SDK's <style> tag has no id: recognise it by its own class names.
  document.querySelectorAll('style').forEach((style) => style.textContent?.includes('.woot-widget') && style.remove());
  for (const name of SDK_GLOBALS) delete (window as unknown as Record<string, unknown>)[name];
}
