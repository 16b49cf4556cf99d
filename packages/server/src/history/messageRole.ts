import type { ConversationMessage, Message } from '../types/message';
import type { MessageRole } from './HistoryMessage';

// REST `message_type` codes (webhooks use the names instead).
const INCOMING = 0;
const ACTIVITY = 2;

/**
 * The transcript role of a REST message:
 * - activity messages ("Conversation was resolved by …", assignment changes) → `system`;
 * - incoming → `contact`;
 * - outgoing and template messages → `bot` when an agent bot sent them or nobody did (automations, auto-replies,
 *   campaigns have no sender), `agent` when a user (an agent or admin) did.
 *
 * REST messages name the sender in `sender.type` only; the messages inside a conversation
 * ({@link ConversationMessage}) also carry `sender_type`, used when `sender` is absent.
 */
export function messageRole(
  message: Pick<Message, 'message_type' | 'sender'> & Partial<Pick<ConversationMessage, 'sender_type'>>,
): MessageRole {
  if (message.message_type === ACTIVITY) return 'system';
  if (message.message_type === INCOMING) return 'contact';
  const type = (message.sender?.type ?? message.sender_type ?? '').toLowerCase();
  if (type === 'user') return 'agent';
  if (type === 'contact') return 'contact';
  return 'bot';
}
