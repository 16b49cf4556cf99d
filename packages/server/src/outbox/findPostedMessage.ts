import type { ChatwootClient } from '../client/createChatwootClient';
import type { Message, MessageCreateInput } from '../types/message';

/** What a worker wrote in the store just before posting: where, and the newest message id there at that moment. */
export interface DeliveryClaim {
  conversationId: number;
  /** Messages with a larger id came after the claim. 0 for an empty conversation. */
  afterMessageId: number;
  /** Epoch ms of the claim. */
  at: number;
}

/**
 * Settles an unanswered post: looks through the conversation's messages newer than the claim for the one we sent.
 * Chatwoot keeps neither `echo_id` nor arbitrary `content_attributes` (its message builder drops unknown keys), so
 * the match is on what it does keep: an outgoing message after the claim, with the same privacy, the same content
 * and, for a template, the same template name.
 */
export async function findPostedMessage(
  client: Pick<ChatwootClient, 'messages'>,
  claim: DeliveryClaim,
  sent: MessageCreateInput,
): Promise<Message | null> {
  for await (const message of client.messages.iterate(claim.conversationId)) {
    if (message.id <= claim.afterMessageId) return null; // newest first: everything older predates the claim
    if (matches(message, sent)) return message;
  }
  return null;
}

function matches(message: Message, sent: MessageCreateInput): boolean {
  if (message.message_type !== 1 && message.message_type !== 3) return false;
  if (Boolean(message.private) !== Boolean(sent.private)) return false;
  if (sent.content !== undefined) return message.content === sent.content;
  const stored = (message as { additional_attributes?: { template_params?: { name?: unknown } } }).additional_attributes
    ?.template_params?.name;
  return stored === undefined || stored === sent.template_params?.name;
}
