export { conversationHistory, type ConversationHistoryOptions } from './conversationHistory';
export { messageRole } from './messageRole';
export type { HistoryAttachment, HistoryMessage, MessageRole } from './HistoryMessage';
