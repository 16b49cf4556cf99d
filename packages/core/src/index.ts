export { createChatwoot } from './create-chatwoot';
export { WootkitError } from './errors';
export type { WootkitErrorCode } from './errors';
export type * from './types';
