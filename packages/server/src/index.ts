export { ChatwootError } from './errors/ChatwootError';
export type { Store, DurableQueue, QueueItem } from './store/types';
export { StoreError, type StoreErrorCode } from './store/StoreError';
export { createMemoryStore, type MemoryStoreOptions } from './store/memory';
export { createRedisStore, type RedisStoreOptions } from './store/redis';
