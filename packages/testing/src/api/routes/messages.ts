import { errors } from '../http';
import type { FakeConversationRecord, FakeMessageRecord } from '../types';
import { isObject, type RouteContext } from './route';

const MESSAGE_TYPES: Record<string, FakeMessageRecord['message_type']> = { incoming: 0, outgoing: 1, template: 3 };

/** What a message create becomes once checked, before it is saved. */
export type MessageDraft = Omit<FakeMessageRecord, 'id' | 'accountId' | 'inboxId' | 'conversationId' | 'created_at' | 'status'>;

/** Messages::MessageBuilder: what `POST …/messages` and a conversation's first `message` do. */
export function createMessageFromBody(
  context: RouteContext,
  conversation: FakeConversationRecord,
  body: Record<string, unknown>,
): FakeMessageRecord {
  return context.db.createMessage(conversation, prepareMessage(context, conversation, body));
}

/** Checks a message body the way MessageBuilder does and turns it into a draft (throws Chatwoot's 422s). */
export function prepareMessage(
  context: RouteContext,
  conversation: Pick<FakeConversationRecord, 'inboxId' | 'contactId'>,
  body: Record<string, unknown>,
): MessageDraft {
  const { db, principal } = context;
  const typeName = body.message_type === undefined || body.message_type === null ? 'outgoing' : String(body.message_type);
  const messageType = MESSAGE_TYPES[typeName];
  if (messageType === undefined) throw errors.unprocessable(`'${typeName}' is not a valid message_type`);
  const inbox = db.inbox(conversation.inboxId);
  if (messageType === 0 && inbox?.channel_type !== 'Channel::Api') {
    throw errors.unprocessable('Incoming messages are only allowed in Api inboxes');
  }
  if (body.content !== undefined && body.content !== null && typeof body.content !== 'string') {
    throw errors.invalid([{ attribute: 'content', message: 'Content is invalid' }]);
  }
  const content = typeof body.content === 'string' ? body.content : null;
  if (content !== null && content.length > 150_000) {
    throw errors.invalid([{ attribute: 'content', message: 'Content is too long (maximum is 150000 characters)' }]);
  }
  const templateParams = isObject(body.template_params) ? body.template_params : null;
  const sender: FakeMessageRecord['sender'] =
    messageType === 0
      ? { type: 'contact', id: conversation.contactId }
      : principal.kind === 'user'
        ? { type: 'user', id: principal.user.id }
        : { type: 'agent_bot', id: principal.botId };
  return {
    content,
    message_type: messageType,
    content_type: typeof body.content_type === 'string' ? body.content_type : 'text',
    content_attributes: isObject(body.content_attributes) ? body.content_attributes : {},
    private: body.private === true || body.private === 'true',
    source_id: typeof body.source_id === 'string' ? body.source_id : null,
    sender,
    template_params: templateParams,
  };
}
