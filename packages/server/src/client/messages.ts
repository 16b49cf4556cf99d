import type { Message, MessageCreateInput, MessageList } from '../types/message';
import { MAX_PAGES } from './paginate';
import type { RequestOptions } from './profile';
import type { Transport } from './transport';

/** Messages of a conversation (addressed by its display_id). */
export interface MessagesResource {
  /**
   * Up to 20 messages, oldest first: the latest ones, or those before message id `before`. Chatwoot caps message
   * creation at 200 per conversation per minute.
   */
  list(conversationId: number, query?: { before?: number; after?: number }, options?: RequestOptions): Promise<MessageList>;
  /** Every message of the conversation, **newest first**, walking back 20 at a time with `before`. */
  iterate(conversationId: number, options?: RequestOptions): AsyncGenerator<Message, void, undefined>;
  /**
   * Posts a message (default `message_type: 'outgoing'`). Outside WhatsApp's 24-hour window pass `template_params`.
   * Not retried on timeouts or 5xx: Chatwoot does not deduplicate on `echo_id`, so a blind retry posts twice.
   */
  create(conversationId: number, input: MessageCreateInput, options?: RequestOptions): Promise<Message>;
}

export function createMessagesResource(send: Transport, accountId: number): MessagesResource {
  const path = (conversationId: number) => `accounts/${accountId}/conversations/${conversationId}/messages`;
  const list: MessagesResource['list'] = (conversationId, query = {}, options) =>
    send<MessageList>({
      method: 'GET',
      path: path(conversationId),
      query: { before: query.before, after: query.after },
      signal: options?.signal,
    });
  return {
    list,
    async *iterate(conversationId, options) {
      let before: number | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const { payload } = await list(conversationId, { before }, options);
        if (payload.length === 0) return;
        for (let index = payload.length - 1; index >= 0; index--) yield payload[index]!;
        const oldest = Math.min(...payload.map((message) => message.id));
        // A server that ignores `before` would hand the same page forever.
        if (before !== undefined && oldest >= before) return;
        before = oldest;
      }
    },
    create: (conversationId, input, options) =>
      send<Message>({
        method: 'POST',
        path: path(conversationId),
        json: { message_type: 'outgoing', ...input },
        signal: options?.signal,
      }),
  };
}
