import type { Message } from '../types/message';
import type { HistoryAttachment, HistoryMessage } from './HistoryMessage';
import { messageRole } from './messageRole';

/** Turns a REST message into the small, stable shape `conversationHistory` yields (and keeps nothing else). */
export function toHistoryMessage(message: Message): HistoryMessage {
  const result: HistoryMessage = {
    id: message.id,
    role: messageRole(message),
    content: message.content ?? '',
    at: new Date(message.created_at * 1000),
    private: message.private === true,
  };
  if (message.sender && typeof message.sender.id === 'number') {
    const sender: NonNullable<HistoryMessage['sender']> = { id: message.sender.id };
    if (typeof message.sender.name === 'string') sender.name = message.sender.name;
    if (typeof message.sender.type === 'string') sender.type = message.sender.type;
    result.sender = sender;
  }
  const attachments = message.attachments?.map(toAttachment);
  if (attachments && attachments.length > 0) result.attachments = attachments;
  return result;
}

function toAttachment(attachment: Record<string, unknown>): HistoryAttachment {
  return {
    type: typeof attachment.file_type === 'string' ? attachment.file_type : 'file',
    url: typeof attachment.data_url === 'string' ? attachment.data_url : '',
  };
}
