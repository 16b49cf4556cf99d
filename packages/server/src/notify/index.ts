export { notify } from './notify';
export { findOrCreateRecipient } from './findOrCreateRecipient';
export { findOrCreateConversation, type ConversationTarget } from './findOrCreateConversation';
export { postMessage, toMessageInput } from './postMessage';
export { InvalidNotificationError } from './InvalidNotificationError';
export type { MessageBody, NotifyInput, NotifyRecipient, NotifyResult } from './types';
