import type { ChatwootClient } from '../client/createChatwootClient';
import type { Message, MessageCreateInput } from '../types/message';

/**
 * The `content_attributes` key an outbox post carries its delivery id in. Chatwoot keeps a message's
 * `content_attributes` as posted and answers them in every REST message (Chatwoot v4.15.1,
 * `app/builders/messages/message_builder.rb`, `app/views/api/v1/models/_message.json.jbuilder`), while it keeps
 * no `echo_id` and shows no `template_params`: this key is what tells our message from any other.
 */
export const DELIVERY_ID_KEY = 'wootkit_delivery_id';

/** What a worker wrote in the store just before posting: where, and the newest message id there at that moment. */
export interface DeliveryClaim {
  conversationId: number;
  /** Messages with a larger id came after the claim. 0 for an empty conversation. */
  afterMessageId: number;
  /** Epoch ms of the claim. */
  at: number;
  /**
   * The random id posted in `content_attributes[DELIVERY_ID_KEY]`. Absent in claims written by wootkit versions
   * before it existed.
   */
  deliveryId?: string;
}

/**
 * Settles an unanswered post: looks through the conversation's messages newer than the claim for the very one this
 * claim posted, by its delivery id. Nothing else counts: an agent's reply, another outbox message or an identical
 * text after the claim is not ours. (Content would not do anyway: Chatwoot renders Liquid in an outgoing message's
 * content before saving it, and a template-only message has none.)
 *
 * A claim without a delivery id (an older wootkit's) is matched on outgoing type, privacy and exact content; for a
 * template-only message there is nothing to match, so it is never taken as posted (after `settleAfterMs` it is
 * posted again: a possible duplicate rather than a message marked sent that never landed).
 */
export async function findPostedMessage(
  client: Pick<ChatwootClient, 'messages'>,
  claim: DeliveryClaim,
  sent: MessageCreateInput,
): Promise<Message | null> {
  for await (const message of client.messages.iterate(claim.conversationId)) {
    if (message.id <= claim.afterMessageId) return null; // newest first: everything older predates the claim
    if (matches(message, claim, sent)) return message;
  }
  return null;
}

function matches(message: Message, claim: DeliveryClaim, sent: MessageCreateInput): boolean {
  if (claim.deliveryId !== undefined) return message.content_attributes?.[DELIVERY_ID_KEY] === claim.deliveryId;
  if (message.message_type !== 1 && message.message_type !== 3) return false;
  if (Boolean(message.private) !== Boolean(sent.private)) return false;
  return sent.content !== undefined && message.content === sent.content;
}
