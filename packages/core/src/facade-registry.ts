/**
 * How `createChatwoot({ load: 'facade' })` reaches the launcher without importing it: `enableFacade()` (facade.ts)
 * registers `mountFacade` here. An app that never enables the facade never bundles it (the script tag does enable
 * it: the facade is its default).
 */
import type { ChatwootController } from './types';
import type { FacadeOptions } from './facade';

export let registeredFacade: ((controller: ChatwootController, options: FacadeOptions) => () => void) | undefined;

export function registerFacade(mount: NonNullable<typeof registeredFacade>): void {
  registeredFacade = mount;
}
