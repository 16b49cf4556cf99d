// Webhook payload shapes (docs/chatwoot-internals.md, "Webhooks"; Chatwoot's WebhookListener and the models'
// webhook_data). These differ from the REST shapes: message_type is a string, created_at of a message is ISO.
import type { FakeDb } from './db';
import { contactPushData, isoTime, senderPushData, userPushData } from './presenters';
import type { FakeContactRecord, FakeConversationRecord, FakeMessageRecord } from './types';

const MESSAGE_TYPE_NAMES = ['incoming', 'outgoing', 'activity', 'template'] as const;

/** `changed_attributes` as Chatwoot writes them: one `{ attr: { previous_value, current_value } }` per change. */
export type ChangedAttributes = Array<Record<string, { previous_value: unknown; current_value: unknown }>>;

export function accountData(db: FakeDb, accountId: number) {
  return { id: accountId, name: db.account(accountId)?.name ?? `Account ${accountId}` };
}

/** Contact#webhook_data */
export function contactWebhookData(db: FakeDb, contact: FakeContactRecord) {
  return {
    account: accountData(db, contact.accountId),
    additional_attributes: contact.additional_attributes,
    avatar: '',
    custom_attributes: contact.custom_attributes,
    email: contact.email,
    id: contact.id,
    identifier: contact.identifier,
    name: contact.name,
    phone_number: contact.phone_number,
    thumbnail: '',
    blocked: contact.blocked,
  };
}

/** Conversation#webhook_data (Conversations::EventDataPresenter): `id` is the display_id, `created_at` unix. */
export function conversationWebhookData(db: FakeDb, conversation: FakeConversationRecord) {
  const contact = db.contact(conversation.contactId);
  const inbox = db.inbox(conversation.inboxId);
  const assignee = conversation.assigneeId ? db.agent(conversation.assigneeId) : undefined;
  const contactInbox = db.contactInboxById(conversation.contactInboxId);
  // Conversations::EventDataPresenter#webhook_push_messages: the last message of the `chat` scope
  // (app/models/message.rb), i.e. neither an activity nor a private note. The REST view's `messages` differs.
  const last = db.messagesOf(conversation.id).filter((message) => message.message_type !== 2 && !message.private).at(-1);
  return {
    account: accountData(db, conversation.accountId),
    additional_attributes: conversation.additional_attributes,
    can_reply: true,
    channel: inbox?.channel_type,
    contact_inbox: contactInbox
      ? {
          id: contactInbox.id,
          contact_id: contactInbox.contactId,
          inbox_id: contactInbox.inboxId,
          source_id: contactInbox.source_id,
          hmac_verified: contactInbox.hmac_verified,
          pubsub_token: `pubsub-${contactInbox.id}`,
        }
      : null,
    id: conversation.display_id,
    inbox_id: conversation.inboxId,
    messages: last ? [messagePushData(db, last)] : [],
    labels: conversation.labels,
    meta: {
      sender: contact ? contactPushData(contact) : null,
      assignee: assignee ? userPushData(assignee) : null,
      assignee_type: assignee ? 'User' : null,
      team: conversation.teamId ? (db.team(conversation.teamId) ?? null) : null,
      hmac_verified: contactInbox?.hmac_verified ?? false,
    },
    status: conversation.status,
    custom_attributes: conversation.custom_attributes,
    // A datetime column rendered by as_json: ISO 8601 (Conversations::EventDataPresenter#push_data).
    snoozed_until: isoTime(conversation.snoozed_until),
    unread_count: 0,
    first_reply_created_at: null,
    priority: conversation.priority,
    // `waiting_since.to_i`: 0 when unset.
    waiting_since: 0,
    agent_last_seen_at: 0,
    contact_last_seen_at: 0,
    last_activity_at: conversation.last_activity_at,
    timestamp: conversation.last_activity_at,
    created_at: conversation.created_at,
    updated_at: conversation.updated_at,
  };
}

/**
 * Message#webhook_push_event_data: the message inside a conversation payload (integer message_type, unix created_at),
 * with the short `conversation` and `sender` of Message#push_event_data (app/models/message.rb).
 */
function messagePushData(db: FakeDb, message: FakeMessageRecord) {
  const conversation = db.conversationById(message.conversationId);
  const contactInbox = conversation ? db.contactInboxById(conversation.contactInboxId) : undefined;
  return {
    id: message.id,
    content: message.content,
    account_id: message.accountId,
    inbox_id: message.inboxId,
    conversation_id: conversation?.display_id,
    message_type: message.message_type,
    created_at: message.created_at,
    private: message.private,
    source_id: message.source_id,
    content_type: message.content_type,
    content_attributes: message.content_attributes,
    sender_type: message.sender ? { contact: 'Contact', user: 'User', agent_bot: 'AgentBot' }[message.sender.type] : null,
    sender_id: message.sender?.id ?? null,
    processed_message_content: message.content,
    conversation: conversation
      ? {
          assignee_id: conversation.assigneeId,
          unread_count: 0,
          last_activity_at: conversation.last_activity_at,
          contact_inbox: { source_id: contactInbox?.source_id ?? null },
        }
      : null,
    sender: senderPushData(db, message),
  };
}

/** Message#webhook_data: string message_type, ISO created_at, contact senders without `type`. */
export function messageWebhookData(db: FakeDb, message: FakeMessageRecord) {
  const conversation = db.conversationById(message.conversationId)!;
  const inbox = db.inbox(message.inboxId);
  return {
    account: accountData(db, message.accountId),
    additional_attributes: message.template_params ? { template_params: message.template_params } : {},
    content_attributes: message.content_attributes,
    content_type: message.content_type,
    content: message.content,
    conversation: conversationWebhookData(db, conversation),
    created_at: new Date(message.created_at * 1000).toISOString(),
    id: message.id,
    inbox: { id: message.inboxId, name: inbox?.name ?? '' },
    message_type: MESSAGE_TYPE_NAMES[message.message_type],
    private: message.private,
    sender: messageSenderWebhookData(db, message),
    source_id: message.source_id,
  };
}

function messageSenderWebhookData(db: FakeDb, message: FakeMessageRecord) {
  if (!message.sender) return null;
  if (message.sender.type === 'contact') {
    const contact = db.contact(message.sender.id);
    return contact ? contactWebhookData(db, contact) : null;
  }
  if (message.sender.type === 'user') {
    const agent = db.agent(message.sender.id);
    return agent ? { id: agent.id, name: agent.name, avatar: '', type: 'user', email: agent.email } : null;
  }
  return { id: message.sender.id, name: 'Bot', avatar: '', type: 'agent_bot' };
}

/** Lists what changed between two snapshots, in Chatwoot's `changed_attributes` form. */
export function changedAttributes(before: Record<string, unknown>, after: Record<string, unknown>): ChangedAttributes {
  const changes: ChangedAttributes = [];
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changes.push({ [key]: { previous_value: before[key] ?? null, current_value: after[key] ?? null } });
    }
  }
  return changes;
}
