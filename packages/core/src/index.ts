export { createChatwoot } from './create-chatwoot';
export { enableFacade, mountFacade } from './facade';
export type { FacadeOptions } from './facade';
export { WootkitError } from './errors';
export type { WootkitErrorCode } from './errors';
export type * from './types';
