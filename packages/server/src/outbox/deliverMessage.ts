import { randomUUID } from 'node:crypto';
import { ChatwootApiError } from '../errors/ChatwootApiError';
import type { ChatwootClient } from '../client/createChatwootClient';
import { findOrCreateConversation } from '../notify/findOrCreateConversation';
import { findOrCreateRecipient } from '../notify/findOrCreateRecipient';
import type { Store } from '../store/types';
import type { MessageCreateInput } from '../types/message';
import { DELIVERY_ID_KEY, findPostedMessage, type DeliveryClaim } from './findPostedMessage';
import { OutboxError } from './OutboxError';
import type { OutboxMessage } from './types';

/** A safety bound on re-sends of one message; far above any sensible maxAttempts. */
const MAX_GENERATIONS = 1000;

/** What one delivery attempt needs. */
export interface DeliveryContext {
  client: Pick<ChatwootClient, 'contacts' | 'conversations' | 'messages'>;
  store: Store;
  claimKey: (generation: number) => string;
  settleAfterMs: number;
  retentionMs: number;
  /** Past the last attempt: settle earlier posts, but start no new one. */
  mayPost: boolean;
  now: () => number;
}

/** Where a delivered message ended up. */
export interface Delivered {
  contactId?: number;
  conversationId: number;
  messageId: number;
}

/** Thrown when attempts ran out while no post of this message is unsettled: the caller fails the message. */
export class NoMorePostsError extends Error {}

/**
 * One delivery attempt, at most once across workers and crashes:
 *
 * 1. Every earlier claim of this message (generation 0, 1, …) is settled first: if the message that claim posted (its
 *    delivery id in `content_attributes`) is in the conversation, it was delivered; if not, and the claim is older
 *    than `settleAfterMs`, that post did not land; if it is younger, its answer may still be on the way, so the
 *    attempt is postponed (`outbox_post_pending`).
 * 2. Only then is the next generation claimed with `setIfAbsent`, which one worker wins, and only the winner posts.
 */
export async function deliverMessage(
  context: DeliveryContext,
  message: OutboxMessage & { inboxId: number },
  body: MessageCreateInput,
  defaultCountry: string | undefined,
): Promise<Delivered> {
  const { client, store } = context;
  let generation = 0;
  // Bounded: each generation is one attempt that posted, and attempts are bounded by maxAttempts.
  for (; generation < MAX_GENERATIONS; generation++) {
    const raw = await store.get(context.claimKey(generation));
    if (raw === null) break;
    const claim = JSON.parse(raw) as DeliveryClaim;
    const found = await findPostedMessage(client, claim, body);
    if (found) return { conversationId: claim.conversationId, messageId: found.id };
    const settlesIn = claim.at + context.settleAfterMs - context.now();
    if (settlesIn > 0) {
      throw new OutboxError(
        'outbox_post_pending',
        'An earlier post of this message is unanswered and not in the conversation yet; looking again later.',
        settlesIn,
      );
    }
  }
  if (!context.mayPost) throw new NoMorePostsError();

  const recipient = await findOrCreateRecipient(client, message.to, defaultCountry === undefined ? {} : { defaultCountry });
  const { conversation } = await findOrCreateConversation(client, {
    contactId: recipient.contact.id,
    inboxId: message.inboxId,
    contact: recipient.contact,
  });
  const latest = await client.messages.list(conversation.id);
  const claim: DeliveryClaim = {
    conversationId: conversation.id,
    afterMessageId: latest.payload.reduce((max, item) => Math.max(max, item.id), 0),
    at: context.now(),
    deliveryId: randomUUID(),
  };
  const won = await store.setIfAbsent(context.claimKey(generation), JSON.stringify(claim), context.retentionMs);
  if (!won) {
    throw new OutboxError('outbox_post_pending', 'Another worker is posting this message; looking again later.', context.settleAfterMs);
  }
  let posted;
  try {
    // The delivery id is how a later attempt recognises this very post if its answer is lost.
    posted = await client.messages.create(conversation.id, {
      ...body,
      content_attributes: { ...body.content_attributes, [DELIVERY_ID_KEY]: claim.deliveryId },
    });
  } catch (error) {
    // A 4xx (429 included) means Chatwoot did not process the post: the claim is void, the next attempt may post.
    if (error instanceof ChatwootApiError && error.status < 500) {
      await store.delete(context.claimKey(generation)).catch(() => undefined);
    }
    throw error;
  }
  return { contactId: recipient.contact.id, conversationId: conversation.id, messageId: posted.id };
}
