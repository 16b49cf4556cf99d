/**
 * The facade: a tiny launcher button that wootkit draws in place of Chatwoot's bubble, so a page pays nothing for
 * the chat until someone reaches for it. Hover, touch or keyboard focus preloads Chatwoot; a click loads it (if it
 * is not already) and opens the widget. When the real widget is ready the launcher removes itself and Chatwoot's own
 * bubble, drawn at the same place and size, takes over. Calls made meanwhile wait in the controller's queue.
 */
import type { ChatwootController } from './types';
import { DEFAULT_FACADE_COLOR, ICON_STYLE, launcherStyle } from './facade-style';
import { facadeOptionsFor, registerFacade } from './facade-registry';

export interface FacadeOptions {
  /** The launcher's colour: your inbox's widget colour (Settings → Inboxes → Widget). Default `#1f93ff`. */
  color?: string;
  /** Which corner, like Chatwoot's `position` setting. Default `right`. */
  position?: 'left' | 'right';
  /** The button's accessible name, and its text when `expanded`. Default `Open chat`. */
  label?: string;
  /** Draw a pill with the label, like Chatwoot's `expanded_bubble` type. */
  expanded?: boolean;
}

const noop = () => {};

/**
 * Shows the launcher for `controller` until its widget is ready. Returns a function that removes it (and its
 * listeners) at once, e.g. on `destroy()`. Does nothing outside a browser.
 */
export function mountFacade(controller: ChatwootController, options: FacadeOptions = {}): () => void {
  if (typeof document === 'undefined' || controller.getState().status === 'ready') return noop;
  const label = options.label || 'Open chat';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'wootkit-launcher';
  button.setAttribute('aria-label', label);
  button.setAttribute('aria-haspopup', 'dialog');
  const style = button.style;
  style.cssText = launcherStyle(options.position ?? 'right', !!options.expanded);
  // Through the CSSOM, never into cssText: a `color` that carries more CSS (`red;width:100vw`, `url(…)`) is no colour,
  // so the browser ignores it and the default stays (the script tag warns about such a `data-color`).
  style.backgroundColor = DEFAULT_FACADE_COLOR;
  if (options.color) style.backgroundColor = options.color;
  const icon = button.appendChild(document.createElement('span'));
  // Decoration only: the button's label names it.
  icon.setAttribute('aria-hidden', 'true');
  icon.style.cssText = ICON_STYLE;
  if (options.expanded) button.appendChild(document.createTextNode(label));

  // Any sign of intent starts the download, so the widget is usually ready by the time the click lands.
  const preload = () => controller.load().catch(noop);
  const activate = () => {
    button.setAttribute('aria-busy', 'true');
    button.style.cursor = 'progress';
    // open() loads on demand; load() first also retries after a failed load.
    if (controller.getState().status !== 'loading') preload();
    controller.open();
  };
  button.addEventListener('pointerenter', preload, { once: true });
  button.addEventListener('touchstart', preload, { once: true, passive: true });
  button.addEventListener('focus', preload, { once: true });
  button.addEventListener('click', activate);

  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    unsubscribe();
    document.removeEventListener('DOMContentLoaded', attach);
    // A keyboard user on the launcher keeps their place: focus moves to Chatwoot's bubble, which takes over here.
    if (document.activeElement == button) document.querySelector<HTMLElement>('.woot-widget-bubble:not(.woot--close)')?.focus();
    button.remove();
  };
  const unsubscribe = controller.subscribe((state) => {
    if (state.status === 'ready') remove();
    else if (state.status === 'error') {
      // Keep the launcher: the next click retries.
      button.removeAttribute('aria-busy');
      button.style.cursor = 'pointer';
    }
  });
  // The launcher may be created from a script in <head>, before <body> exists.
  const attach = () => {
    if (!removed) document.body.appendChild(button);
  };
  if (document.body) attach();
  else document.addEventListener('DOMContentLoaded', attach, { once: true });
  return remove;
}

/**
 * Lets `createChatwoot({ load: 'facade' })` draw the launcher (call it once, before creating the controller). It is
 * opt-in so that apps which never use the facade do not ship it; `mountFacade` is the explicit alternative.
 *
 * @example
 * import { createChatwoot, enableFacade } from '@wootkit/core';
 * enableFacade();
 * const chat = createChatwoot({ baseUrl, websiteToken, load: 'facade', facade: { color: '#1f93ff' } });
 */
export function enableFacade(): void {
  registerFacade((controller, input) => {
    const options = facadeOptionsFor(input);
    return options ? mountFacade(controller, options) : noop;
  });
}
