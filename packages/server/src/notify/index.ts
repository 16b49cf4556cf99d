export { notify } from './notify';
export { findOrCreateRecipient } from './findOrCreateRecipient';
export { findOrCreateConversation, type ConversationTarget } from './findOrCreateConversation';
export { postMessage, toMessageInput } from './postMessage';
export { InvalidNotificationError } from './InvalidNotificationError';
export { NotifyLockTimeoutError } from './NotifyLockTimeoutError';
export type { MessageBody, NotifyInput, NotifyOptions, NotifyRecipient, NotifyResult } from './types';
