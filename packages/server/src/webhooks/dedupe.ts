import type { Store } from '../store/types';

/**
 * Where the webhook handler remembers which `X-Chatwoot-Delivery` ids it has handled. Any `Store` fits: the default
 * is `createMemoryStore()` (this process only); pass a `createRedisStore(...)` shared by every instance so a
 * duplicate is caught whichever instance receives it.
 */
export type WebhookDedupe = Pick<Store, 'setIfAbsent' | 'delete'>;
