/**
 * How `createChatwoot({ load: 'facade' })` reaches the launcher without importing it: `enableFacade()` (facade.ts)
 * registers `mountFacade` here. An app that never enables the facade never bundles it, nor `facadeOptionsFor` (the
 * script tag does enable it: the facade is its default).
 */
import type { ChatwootController, CreateChatwootOptions } from './types';
import type { FacadeOptions } from './facade';

/** Draws the launcher for a controller created with `input` (if it has a bubble to stand in for); returns its remover. */
export let registeredFacade: ((controller: ChatwootController, input: CreateChatwootOptions) => () => void) | undefined;

export function registerFacade(mount: NonNullable<typeof registeredFacade>): void {
  registeredFacade = mount;
}

/**
 * The launcher's options for a controller created with `input` (shared by `createChatwoot` and the script tag's
 * launcher), or undefined when there is no bubble to stand in for (`hideMessageBubble`: the page's own button opens).
 */
export function facadeOptionsFor(input: CreateChatwootOptions): FacadeOptions | undefined {
  const settings = input.settings ?? {};
  if (settings.hideMessageBubble) return;
  return {
    color: input.facade?.color,
    label: input.facade?.label || settings.launcherTitle,
    position: settings.position,
    expanded: settings.type == 'expanded_bubble',
  };
}
