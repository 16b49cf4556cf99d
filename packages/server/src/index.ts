export { ChatwootError } from './errors/ChatwootError';
export { ChatwootApiError, type ChatwootApiErrorDetails } from './errors/ChatwootApiError';
export { ChatwootRateLimitError } from './errors/ChatwootRateLimitError';
export { ChatwootTimeoutError } from './errors/ChatwootTimeoutError';
export { ChatwootNetworkError } from './errors/ChatwootNetworkError';
export { ChatwootInputError, type ChatwootInputErrorCode } from './errors/ChatwootInputError';
export * from './client/index';
export type * from './types/index';
export type { Store, DurableQueue, QueueItem, QueueRecord } from './store/types';
export { StoreError, type StoreErrorCode } from './store/StoreError';
export { createMemoryStore, type MemoryStoreOptions } from './store/memory';
export { createRedisStore, type RedisStoreOptions, type RedisClientLike } from './store/redis';
export { WebhookVerificationError, type WebhookVerificationErrorCode } from './errors/WebhookVerificationError';
export { WebhookHandlerError, type WebhookHandlerErrorCode, type WebhookError } from './errors/WebhookHandlerError';
export { PhoneNumberError, type PhoneNumberErrorCode } from './errors/PhoneNumberError';
export * from './webhooks/index';
export { identifierHash } from './identity/identifierHash'; // identifierHashAsync: with the webhooks
export { normalizePhone, type NormalizePhoneOptions } from './phone/normalizePhone';
export { phoneVariants } from './phone/phoneVariants';
export * from './contacts/index';
export * from './notify/index';
export * from './history/index';
export {
  createRoundRobin,
  type RoundRobin,
  type RoundRobinOptions,
  type RoundRobinAgents,
  type RoundRobinResult,
  type ConversationRef,
} from './assignment/roundRobin';
export * from './outbox/index';
export * from './inboxWebhook/index';
export { InboxWebhookError, type InboxWebhookErrorCode } from './errors/InboxWebhookError';
