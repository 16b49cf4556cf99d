// REST shapes, after Chatwoot's jbuilder views (app/views/api/v1/...). Webhook shapes live in events.ts.
import type { FakeDb } from './db';
import type {
  FakeAgentRecord,
  FakeContactInboxRecord,
  FakeContactRecord,
  FakeConversationRecord,
  FakeInboxRecord,
  FakeMessageRecord,
  FakeWebhookRecord,
} from './types';

const AVATAR = '';

export function presentInbox(inbox: FakeInboxRecord) {
  return {
    id: inbox.id,
    avatar_url: AVATAR,
    channel_id: inbox.id,
    name: inbox.name,
    channel_type: inbox.channel_type,
    greeting_enabled: false,
    greeting_message: null,
    working_hours_enabled: false,
    enable_email_collect: true,
    csat_survey_enabled: false,
    enable_auto_assignment: true,
    out_of_office_message: null,
    working_hours: [],
    timezone: 'UTC',
    callback_webhook_url: null,
    allow_messages_after_resolved: true,
    lock_to_single_conversation: inbox.lock_to_single_conversation,
    sender_name_type: 'friendly',
    business_name: null,
    widget_color: inbox.channel_type === 'Channel::WebWidget' ? '#1f93ff' : undefined,
    website_url: inbox.channel_type === 'Channel::WebWidget' ? 'https://example.test' : undefined,
    website_token: inbox.website_token ?? undefined,
    hmac_mandatory: false,
    phone_number: inbox.phone_number,
    provider: inbox.channel_type === 'Channel::Whatsapp' ? 'whatsapp_cloud' : null,
  };
}

export function presentContactInbox(db: FakeDb, contactInbox: FakeContactInboxRecord) {
  const inbox = db.inbox(contactInbox.inboxId);
  return { source_id: contactInbox.source_id, inbox: inbox ? presentInbox(inbox) : null };
}

export function presentContact(db: FakeDb, contact: FakeContactRecord, withContactInboxes = true) {
  return {
    additional_attributes: contact.additional_attributes,
    availability_status: 'offline',
    email: contact.email,
    id: contact.id,
    name: contact.name,
    phone_number: contact.phone_number,
    blocked: contact.blocked,
    identifier: contact.identifier,
    thumbnail: AVATAR,
    custom_attributes: contact.custom_attributes,
    last_activity_at: contact.last_activity_at,
    created_at: contact.created_at,
    ...(withContactInboxes
      ? { contact_inboxes: db.contactInboxesOf(contact.id).map((link) => presentContactInbox(db, link)) }
      : {}),
  };
}

/** Contact::push_event_data: the short form inside conversations and message senders. */
export function contactPushData(contact: FakeContactRecord) {
  return {
    additional_attributes: contact.additional_attributes,
    custom_attributes: contact.custom_attributes,
    email: contact.email,
    id: contact.id,
    identifier: contact.identifier,
    name: contact.name,
    phone_number: contact.phone_number,
    thumbnail: AVATAR,
    blocked: contact.blocked,
    type: 'contact',
  };
}

/** api/v1/models/_agent.json.jbuilder */
export function presentAgent(agent: FakeAgentRecord, accountId: number) {
  return {
    id: agent.id,
    account_id: accountId,
    availability_status: agent.availability_status,
    auto_offline: true,
    confirmed: true,
    email: agent.email,
    available_name: agent.name,
    name: agent.name,
    role: agent.role,
    thumbnail: AVATAR,
    custom_role_id: null,
  };
}

/** User::push_event_data: the short form of an agent inside conversations and message senders. */
export function userPushData(agent: FakeAgentRecord) {
  return {
    id: agent.id,
    name: agent.name,
    available_name: agent.name,
    avatar_url: AVATAR,
    type: 'user',
    availability_status: agent.availability_status,
    thumbnail: AVATAR,
  };
}

export function senderPushData(db: FakeDb, message: FakeMessageRecord) {
  if (!message.sender) return null;
  if (message.sender.type === 'contact') {
    const contact = db.contact(message.sender.id);
    return contact ? contactPushData(contact) : null;
  }
  if (message.sender.type === 'user') {
    const agent = db.agent(message.sender.id);
    return agent ? userPushData(agent) : null;
  }
  return { id: message.sender.id, name: 'Bot', avatar_url: AVATAR, type: 'agent_bot' };
}

/**
 * Chatwoot v4.15.1, `app/views/api/v1/models/_message.json.jbuilder` (messages#create and #index): `message_type` is
 * an integer; there is no `sender_type`, `sender_id`, `account_id` nor `additional_attributes` (so no
 * `template_params`), only the `sender` object; `echo_id` only in the create answer (it is not stored).
 */
export function presentMessage(db: FakeDb, message: FakeMessageRecord, echoId?: string) {
  const conversation = db.conversationById(message.conversationId);
  const sender = senderPushData(db, message);
  return {
    id: message.id,
    content: message.content,
    inbox_id: message.inboxId,
    ...(echoId === undefined ? {} : { echo_id: echoId }),
    conversation_id: conversation?.display_id ?? null,
    message_type: message.message_type,
    content_type: message.content_type,
    status: message.status,
    content_attributes: message.content_attributes,
    created_at: message.created_at,
    private: message.private,
    source_id: message.source_id,
    ...(sender ? { sender } : {}),
  };
}

/**
 * Message#push_event_data (`app/models/message.rb`): every column (so `sender_type`, `sender_id`, `account_id` and
 * `additional_attributes` with `template_params` are here), `conversation_id` as the display_id, a short
 * `conversation`, and the sender. This is the form inside a REST conversation's `messages` and
 * `last_non_activity_message`.
 */
export function messagePushData(db: FakeDb, message: FakeMessageRecord) {
  const conversation = db.conversationById(message.conversationId);
  const contactInbox = conversation ? db.contactInboxById(conversation.contactInboxId) : undefined;
  const sender = senderPushData(db, message);
  return {
    id: message.id,
    content: message.content,
    account_id: message.accountId,
    inbox_id: message.inboxId,
    conversation_id: conversation?.display_id ?? null,
    message_type: message.message_type,
    created_at: message.created_at,
    updated_at: new Date(message.created_at * 1000).toISOString(),
    private: message.private,
    status: message.status,
    source_id: message.source_id,
    content_type: message.content_type,
    content_attributes: message.content_attributes,
    sender_type: senderType(message),
    sender_id: message.sender?.id ?? null,
    external_source_ids: {},
    additional_attributes: message.template_params ? { template_params: message.template_params } : {},
    processed_message_content: message.content,
    sentiment: {},
    conversation: conversation
      ? {
          assignee_id: conversation.assigneeId,
          unread_count: 0,
          last_activity_at: conversation.last_activity_at,
          contact_inbox: { source_id: contactInbox?.source_id ?? null },
        }
      : null,
    ...(sender ? { sender } : {}),
  };
}

function senderType(message: FakeMessageRecord): string | null {
  if (!message.sender) return null;
  return { contact: 'Contact', user: 'User', agent_bot: 'AgentBot' }[message.sender.type];
}

/** A unix-seconds time as Rails renders a datetime in JSON (ISO 8601, milliseconds, UTC). */
export function isoTime(seconds: number | null): string | null {
  return seconds === null ? null : new Date(seconds * 1000).toISOString();
}

/**
 * Chatwoot v4.15.1, `app/views/api/v1/conversations/partials/_conversation.json.jbuilder`: `id` is the display_id,
 * `snoozed_until` an ISO datetime or null.
 */
export function presentConversation(db: FakeDb, conversation: FakeConversationRecord) {
  const contact = db.contact(conversation.contactId);
  const inbox = db.inbox(conversation.inboxId);
  const assignee = conversation.assigneeId ? db.agent(conversation.assigneeId) : undefined;
  const team = conversation.teamId ? db.team(conversation.teamId) : undefined;
  const messages = db.messagesOf(conversation.id);
  // `messages`: the last message of any kind (activity and private notes too); `last_non_activity_message`: the
  // latest that is not an activity (private notes count). Both in push_event_data form.
  const last = messages.at(-1);
  const lastNonActivity = messages.filter((message) => message.message_type !== 2).at(-1);
  const contactInbox = db.contactInboxById(conversation.contactInboxId);
  return {
    // `assignee`/`assignee_type` and `team` are left out, not null, when there is none.
    meta: {
      sender: contact ? contactPushData(contact) : null,
      channel: inbox?.channel_type,
      ...(assignee ? { assignee: presentAgent(assignee, conversation.accountId), assignee_type: 'User' } : {}),
      ...(team ? { team } : {}),
      hmac_verified: contactInbox?.hmac_verified ?? false,
    },
    id: conversation.display_id,
    messages: last ? [messagePushData(db, last)] : [],
    account_id: conversation.accountId,
    uuid: conversation.uuid,
    additional_attributes: conversation.additional_attributes,
    agent_last_seen_at: 0,
    assignee_last_seen_at: 0,
    can_reply: true,
    contact_last_seen_at: 0,
    custom_attributes: conversation.custom_attributes,
    inbox_id: conversation.inboxId,
    labels: conversation.labels,
    muted: false,
    snoozed_until: isoTime(conversation.snoozed_until),
    status: conversation.status,
    created_at: conversation.created_at,
    updated_at: conversation.updated_at,
    timestamp: conversation.last_activity_at,
    first_reply_created_at: null,
    unread_count: 0,
    last_non_activity_message: lastNonActivity ? messagePushData(db, lastNonActivity) : null,
    last_activity_at: conversation.last_activity_at,
    priority: conversation.priority,
    waiting_since: null,
    sla_policy_id: null,
  };
}

export function presentWebhook(webhook: FakeWebhookRecord) {
  return {
    id: webhook.id,
    url: webhook.url,
    name: webhook.name,
    subscriptions: webhook.subscriptions,
    account_id: webhook.accountId,
    secret: webhook.secret,
  };
}
