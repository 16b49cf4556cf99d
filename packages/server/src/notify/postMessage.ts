import type { ChatwootClient } from '../client/createChatwootClient';
import type { Message, MessageCreateInput } from '../types/message';
import { InvalidNotificationError } from './InvalidNotificationError';
import type { MessageBody } from './types';

/**
 * Posts one outgoing message (or private note) to a conversation (by display_id). A `template` is sent as
 * WhatsApp `template_params`.
 *
 * Sent exactly once: like Chatwoot's own create, it is not retried on a timeout or 5xx, because Chatwoot does not
 * deduplicate and a retry would post twice. A caller that must retry (the outbox) should first look at the
 * conversation's recent messages (`client.messages.list`) for one it already sent.
 *
 * @throws {InvalidNotificationError} neither `content` nor `template`.
 */
export async function postMessage(
  client: Pick<ChatwootClient, 'messages'>,
  conversationId: number,
  body: MessageBody,
): Promise<Message> {
  return client.messages.create(conversationId, toMessageInput(body));
}

/** The REST body for a {@link MessageBody}; validates it. */
export function toMessageInput(body: MessageBody): MessageCreateInput {
  const hasContent = typeof body.content === 'string' && body.content.trim() !== '';
  if (!hasContent && !body.template) {
    throw new InvalidNotificationError('A notification needs content, a template, or both', 'content');
  }
  if (body.template && (typeof body.template.name !== 'string' || !body.template.name || !body.template.language)) {
    throw new InvalidNotificationError('A template needs at least a name and a language', 'template');
  }
  const input: MessageCreateInput = { message_type: 'outgoing', private: body.private === true };
  if (hasContent) input.content = body.content;
  if (body.template) input.template_params = body.template;
  if (body.contentAttributes) input.content_attributes = body.contentAttributes;
  if (body.echoId !== undefined) input.echo_id = body.echoId;
  return input;
}
