import { errors, HttpError } from '../http';
import type { FakeConversationRecord, FakeMessageRecord } from '../types';
import { isObject, type RouteContext } from './route';

/** Message#message_type: an API body may name any of them (MessageBuilder passes it through). */
const MESSAGE_TYPES: Record<string, FakeMessageRecord['message_type']> = { incoming: 0, outgoing: 1, activity: 2, template: 3 };
/** Message#content_type. */
const CONTENT_TYPES = new Set([
  'text', 'input_text', 'input_textarea', 'input_email', 'input_select', 'cards', 'form', 'article',
  'incoming_email', 'input_csat', 'integrations', 'sticker', 'voice_call',
]);

/** What a message create becomes once checked, before it is saved. */
export type MessageDraft = Omit<FakeMessageRecord, 'id' | 'accountId' | 'inboxId' | 'conversationId' | 'created_at' | 'status'>;

/**
 * Why Messages::MessageBuilder failed. `invalid`: the model's validations (ActiveRecord::RecordInvalid, whose message
 * is `Validation failed: <full messages>`); `error`: any other StandardError (an unknown enum value, an incoming
 * message outside an API inbox). The two endpoints that build messages answer them differently.
 */
export class MessageRejected extends Error {
  constructor(
    readonly kind: 'invalid' | 'error',
    message: string,
    readonly problems: Array<{ attribute: string; message: string }> = [],
  ) {
    super(message);
  }

  static invalid(problems: Array<{ attribute: string; message: string }>): MessageRejected {
    return new MessageRejected('invalid', `Validation failed: ${problems.map((problem) => problem.message).join(', ')}`, problems);
  }

  /**
   * messages#create rescues every StandardError into `render_could_not_create_error(e.message)`: 422 `{ error }`,
   * e.g. `{ error: 'Validation failed: Content is too long (maximum is 150000 characters)' }`
   * (Chatwoot v4.15.1, `app/controllers/api/v1/accounts/conversations/messages_controller.rb`).
   */
  toMessagesCreateError(): HttpError {
    return errors.unprocessable(this.message);
  }

  /**
   * conversations#create builds its first message inside its transaction without a rescue: a RecordInvalid is
   * request_exception_handler.rb's 422 `{ message, attributes }`, anything else a 500
   * (Chatwoot v4.15.1, `app/controllers/api/v1/accounts/conversations_controller.rb#create`).
   */
  toConversationCreateError(): HttpError {
    if (this.kind === 'invalid') return errors.invalid(this.problems);
    return new HttpError(500, { status: 500, error: 'Internal Server Error' });
  }
}

/** Messages::MessageBuilder: what `POST …/messages` does. Errors answer as messages#create does. */
export function createMessageFromBody(
  context: RouteContext,
  conversation: FakeConversationRecord,
  body: Record<string, unknown>,
): FakeMessageRecord {
  try {
    return context.db.createMessage(conversation, prepareMessage(context, conversation, body));
  } catch (error) {
    if (error instanceof MessageRejected) throw error.toMessagesCreateError();
    // The flood limit is a model validation too (Message#prevent_message_flooding): same rescue.
    const invalid = error instanceof HttpError && error.status === 422 ? (error.body as { message?: unknown }) : undefined;
    if (typeof invalid?.message === 'string') throw errors.unprocessable(`Validation failed: ${invalid.message}`);
    throw error;
  }
}

/**
 * Checks a message body the way MessageBuilder and the Message model do (Chatwoot v4.15.1,
 * `app/builders/messages/message_builder.rb`, `app/models/message.rb`) and turns it into a draft.
 * @throws {MessageRejected}
 */
export function prepareMessage(
  context: RouteContext,
  conversation: Pick<FakeConversationRecord, 'inboxId' | 'contactId'>,
  body: Record<string, unknown>,
): MessageDraft {
  const { db, principal } = context;
  const typeName = body.message_type === undefined || body.message_type === null ? 'outgoing' : String(body.message_type);
  const messageType = MESSAGE_TYPES[typeName];
  if (messageType === undefined) throw new MessageRejected('error', `'${typeName}' is not a valid message_type`);
  const inbox = db.inbox(conversation.inboxId);
  if (messageType === 0 && inbox?.channel_type !== 'Channel::Api') {
    throw new MessageRejected('error', 'Incoming messages are only allowed in Api inboxes');
  }
  const contentType = typeof body.content_type === 'string' && body.content_type !== '' ? body.content_type : 'text';
  if (!CONTENT_TYPES.has(contentType)) throw new MessageRejected('error', `'${contentType}' is not a valid content_type`);
  // Numbers become their text, as Rails casts them into a text column; other non-strings are not modelled.
  const content =
    typeof body.content === 'string' ? body.content : typeof body.content === 'number' ? String(body.content) : null;
  const problems: Array<{ attribute: string; message: string }> = [];
  if (body.content !== undefined && body.content !== null && content === null) {
    problems.push({ attribute: 'content', message: 'Content is invalid' });
  }
  if (content !== null && content.length > 150_000) {
    problems.push({ attribute: 'content', message: 'Content is too long (maximum is 150000 characters)' });
  }
  const templateParams = isObject(body.template_params) && Object.keys(body.template_params).length > 0 ? body.template_params : null;
  if (templateParams) problems.push(...templateParamsProblems(templateParams));
  if (problems.length > 0) throw MessageRejected.invalid(problems);
  // MessageBuilder#sender: the token's user (or bot) for outgoing messages, the contact for every other type.
  const sender: FakeMessageRecord['sender'] =
    messageType !== 1
      ? { type: 'contact', id: conversation.contactId }
      : principal.kind === 'user'
        ? { type: 'user', id: principal.user.id }
        : { type: 'agent_bot', id: principal.botId };
  return {
    content,
    message_type: messageType,
    content_type: contentType,
    content_attributes: isObject(body.content_attributes) ? body.content_attributes : {},
    private: body.private === true || body.private === 'true',
    source_id: typeof body.source_id === 'string' ? body.source_id : null,
    sender,
    template_params: templateParams,
  };
}

/**
 * Message::TEMPLATE_PARAMS_SCHEMA through JsonSchemaValidator (`app/models/concerns/json_schema_validator.rb`): `name`
 * is required (`Name is required`), the names are strings and `processed_params` an object
 * (`Template params/name must be of type string`, `… must be of type hash`).
 */
function templateParamsProblems(params: Record<string, unknown>): Array<{ attribute: string; message: string }> {
  const problems: Array<{ attribute: string; message: string }> = [];
  if (!('name' in params)) problems.push({ attribute: 'name', message: 'Name is required' });
  for (const key of ['name', 'category', 'language', 'namespace']) {
    if (key in params && typeof params[key] !== 'string') {
      problems.push({ attribute: `template_params/${key}`, message: `Template params/${key} must be of type string` });
    }
  }
  if ('processed_params' in params && !isObject(params.processed_params)) {
    problems.push({ attribute: 'template_params/processed_params', message: 'Template params/processed params must be of type hash' });
  }
  return problems;
}
