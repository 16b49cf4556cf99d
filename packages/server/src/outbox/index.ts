export { createOutbox } from './createOutbox';
export { OutboxError, type OutboxErrorCode } from './OutboxError';
export type {
  Outbox,
  OutboxBackoff,
  OutboxEvent,
  OutboxFailure,
  OutboxMessage,
  OutboxOptions,
  OutboxState,
  OutboxStatus,
} from './types';
