/**
 * The payloads Chatwoot POSTs to webhooks (account webhooks, API-inbox webhooks, agent bots), as one discriminated
 * union on `event`. Every payload carries `event` at the top level; there is no event header. Fields Chatwoot adds
 * in later versions are kept (index signatures) so nothing is lost, but only the ones listed here are typed.
 *
 * Dates differ by event, as in Chatwoot: message payloads have `created_at` as an ISO string, conversation payloads
 * as unix seconds.
 */

/** Every event an account webhook can subscribe to (Chatwoot v4.15.1, `app/models/webhook.rb`). */
export const WEBHOOK_EVENT_NAMES = [
  'conversation_created',
  'conversation_status_changed',
  'conversation_updated',
  'contact_created',
  'contact_updated',
  'message_created',
  'message_updated',
  'webwidget_triggered',
  'inbox_created',
  'inbox_updated',
  'conversation_typing_on',
  'conversation_typing_off',
] as const;

/**
 * Events only agent bots receive (Chatwoot v4.15.1, `app/listeners/agent_bot_listener.rb`): the conversation's
 * `webhook_data`, like `conversation_created`, when it is reopened or resolved. Not valid account subscriptions.
 */
export const AGENT_BOT_EVENT_NAMES = ['conversation_opened', 'conversation_resolved'] as const;

export type WebhookEventName = (typeof WEBHOOK_EVENT_NAMES)[number] | (typeof AGENT_BOT_EVENT_NAMES)[number];

type Extra = { [key: string]: unknown };

export interface WebhookAccount extends Extra {
  id: number;
  name?: string;
}

export interface WebhookInbox extends Extra {
  id: number;
  name?: string;
}

/** A contact as Chatwoot writes it in webhooks (`type: "contact"` where Chatwoot marks it). */
export interface WebhookContact extends Extra {
  id: number;
  name?: string | null;
  email?: string | null;
  phone_number?: string | null;
  identifier?: string | null;
  avatar?: string | null;
  thumbnail?: string | null;
  type?: 'contact';
  additional_attributes?: Record<string, unknown>;
  custom_attributes?: Record<string, unknown>;
}

/** An agent (a Chatwoot user). */
export interface WebhookUser extends Extra {
  id: number;
  name?: string;
  email?: string;
  type: 'user';
}

/** An agent bot or other non-contact sender. */
export interface WebhookOtherSender extends Extra {
  id: number;
  name?: string;
  type: string;
}

/** Who sent a message: a contact has no `type` (or `"contact"`), an agent has `type: "user"`. */
export type WebhookSender = WebhookContact | WebhookUser | WebhookOtherSender;

/** `changed_attributes` of `*_updated` events: one `{ attribute: { previous_value, current_value } }` per change. */
export type WebhookChangedAttributes = Array<Record<string, { previous_value: unknown; current_value: unknown }>>;

export type WebhookConversationStatus = 'open' | 'resolved' | 'pending' | 'snoozed';

/** In webhooks `message_type` is a string; in REST responses it is an integer. */
export type WebhookMessageType = 'incoming' | 'outgoing' | 'template';

export interface WebhookAttachment extends Extra {
  id: number;
  file_type?: string;
  data_url?: string;
  thumb_url?: string;
}

/** A conversation as Chatwoot writes it in webhooks. `id` is the display id, the one REST paths use. */
export interface WebhookConversation extends Extra {
  id: number;
  inbox_id?: number;
  account_id?: number;
  status?: WebhookConversationStatus;
  priority?: 'low' | 'medium' | 'high' | 'urgent' | null;
  channel?: string;
  labels?: string[];
  custom_attributes?: Record<string, unknown>;
  additional_attributes?: Record<string, unknown>;
  contact_inbox?: { source_id?: string; [key: string]: unknown };
  /** When a `snoozed` conversation reopens, as an ISO datetime; null otherwise (REST answers use the same form). */
  snoozed_until?: string | null;
  /** Unix seconds. */
  created_at?: number;
}

interface MessagePayload extends Extra {
  id: number;
  content: string | null;
  content_type?: string;
  content_attributes?: Record<string, unknown>;
  message_type: WebhookMessageType;
  /** Private notes are delivered too. */
  private: boolean;
  source_id?: string | null;
  /** ISO 8601 string. */
  created_at: string;
  sender?: WebhookSender | null;
  inbox?: WebhookInbox;
  account: WebhookAccount;
  conversation: WebhookConversation;
  attachments?: WebhookAttachment[];
}

export interface MessageCreatedEvent extends MessagePayload {
  event: 'message_created';
}
export interface MessageUpdatedEvent extends MessagePayload {
  event: 'message_updated';
}

export interface WebhookConversationMeta extends Extra {
  sender: WebhookContact;
  assignee?: WebhookUser | Extra | null;
  assignee_type?: string | null;
  team?: { id: number; name?: string; [key: string]: unknown } | null;
}

/** A message inside a conversation payload (REST shape: integer `message_type`, unix `created_at`). */
export interface WebhookConversationMessage extends Extra {
  id: number;
  content?: string | null;
  message_type?: number;
  created_at?: number;
}

interface ConversationPayload extends WebhookConversation {
  status: WebhookConversationStatus;
  account?: WebhookAccount;
  meta: WebhookConversationMeta;
  messages?: WebhookConversationMessage[];
  /** Unix seconds. */
  created_at: number;
}

export interface ConversationCreatedEvent extends ConversationPayload {
  event: 'conversation_created';
}
export interface ConversationStatusChangedEvent extends ConversationPayload {
  event: 'conversation_status_changed';
  changed_attributes?: WebhookChangedAttributes;
}
export interface ConversationUpdatedEvent extends ConversationPayload {
  event: 'conversation_updated';
  changed_attributes?: WebhookChangedAttributes;
}
/** Agent bots only: a resolved, pending or snoozed conversation became open again. */
export interface ConversationOpenedEvent extends ConversationPayload {
  event: 'conversation_opened';
}
/** Agent bots only: the conversation was resolved. */
export interface ConversationResolvedEvent extends ConversationPayload {
  event: 'conversation_resolved';
}

interface ContactPayload extends WebhookContact {
  account?: WebhookAccount;
}

export interface ContactCreatedEvent extends ContactPayload {
  event: 'contact_created';
}
export interface ContactUpdatedEvent extends ContactPayload {
  event: 'contact_updated';
  changed_attributes: WebhookChangedAttributes;
}

/** The widget's `triggerCampaign`/custom event: the contact inbox with the contact, inbox and event info. */
export interface WebwidgetTriggeredEvent extends Extra {
  event: 'webwidget_triggered';
  id: number;
  contact: WebhookContact;
  inbox: WebhookInbox;
  account?: WebhookAccount;
  current_conversation?: WebhookConversation | null;
  source_id?: string;
  event_info?: Record<string, unknown>;
}

/**
 * The inbox's channel record as Chatwoot stores it: every column of the channel's table (`Channel::Api`,
 * `Channel::WebWidget`, …), so the fields depend on the channel type. For an API channel this includes its
 * `webhook_url`, `hmac_token` and `secret`: never log these payloads whole.
 */
export interface WebhookInboxChannel extends Extra {
  /** The channel's own id, not the inbox's. */
  id: number;
  account_id?: number;
  webhook_url?: string | null;
  website_token?: string;
  website_url?: string | null;
  phone_number?: string | null;
  /** ISO 8601 string. */
  created_at?: string;
  updated_at?: string;
}

/**
 * An inbox as Chatwoot writes it in `inbox_*` webhooks (Chatwoot v4.15.1, `app/presenters/inbox/event_data_presenter.rb`):
 * its settings, its `channel` and the `account`. There is no top-level `id`, `name` or `channel_type`: the inbox's own
 * id is not in the payload at all (`channel.id` is the channel's).
 */
interface InboxPayload extends Extra {
  allow_messages_after_resolved?: boolean;
  lock_to_single_conversation?: boolean;
  auto_assignment_config?: Record<string, unknown>;
  enable_auto_assignment?: boolean;
  enable_email_collect?: boolean;
  greeting_enabled?: boolean;
  greeting_message?: string | null;
  csat_survey_enabled?: boolean;
  business_name?: string | null;
  sender_name_type?: string;
  timezone?: string;
  out_of_office_message?: string | null;
  working_hours_enabled?: boolean;
  working_hours?: Array<Record<string, unknown>>;
  /** ISO 8601 strings. */
  created_at?: string;
  updated_at?: string;
  channel: WebhookInboxChannel;
  account: WebhookAccount;
}

/** Sent only when Chatwoot runs with `ENABLE_INBOX_EVENTS` set (`app/models/inbox.rb`). */
export interface InboxCreatedEvent extends InboxPayload {
  event: 'inbox_created';
}
/** Sent only with `ENABLE_INBOX_EVENTS`, and only when an inbox attribute changed (`updated_at` is listed too). */
export interface InboxUpdatedEvent extends InboxPayload {
  event: 'inbox_updated';
  changed_attributes: WebhookChangedAttributes;
}

interface TypingPayload extends Extra {
  conversation: WebhookConversation;
  user: WebhookSender;
  is_private?: boolean;
  account?: WebhookAccount;
}

export interface ConversationTypingOnEvent extends TypingPayload {
  event: 'conversation_typing_on';
}
export interface ConversationTypingOffEvent extends TypingPayload {
  event: 'conversation_typing_off';
}

/**
 * A delivery this version of wootkit cannot type: an event name it does not know (a newer Chatwoot), or a known name
 * whose payload does not have the shape the types promise. Kept, not refused, so a change on Chatwoot's side never
 * turns deliveries into errors (Chatwoot does not retry account webhooks: a refused one is lost). `name` is the event
 * Chatwoot sent, `payload` the whole body as parsed.
 */
export interface UnknownWebhookEvent {
  event: 'unknown';
  name: string;
  payload: Record<string, unknown>;
  /** `unknown_event`: a name this version does not know; `unexpected_shape`: a known name, see `problem`. */
  reason: 'unknown_event' | 'unexpected_shape';
  /** For `unexpected_shape`: which field is wrong, e.g. `message_created.message_type must be …`. */
  problem?: string;
}

/** Every event Chatwoot sends, discriminated on `event`. */
export type ChatwootWebhookEvent =
  | ConversationCreatedEvent
  | ConversationStatusChangedEvent
  | ConversationUpdatedEvent
  | ConversationOpenedEvent
  | ConversationResolvedEvent
  | ContactCreatedEvent
  | ContactUpdatedEvent
  | MessageCreatedEvent
  | MessageUpdatedEvent
  | WebwidgetTriggeredEvent
  | InboxCreatedEvent
  | InboxUpdatedEvent
  | ConversationTypingOnEvent
  | ConversationTypingOffEvent;

/** What `verifyWebhook` and `parseWebhookEvent` return: a known event, or an unknown one kept whole. */
export type WebhookEvent = ChatwootWebhookEvent | UnknownWebhookEvent;

/** The event type for one event name, e.g. `WebhookEventOf<'message_created'>`. */
export type WebhookEventOf<Name extends WebhookEvent['event']> = Extract<WebhookEvent, { event: Name }>;
