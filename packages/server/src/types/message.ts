import type { Attributes } from './common';

/** `message_type` as REST responses carry it: 0 incoming, 1 outgoing, 2 activity, 3 template (webhooks use names). */
export type MessageTypeCode = 0 | 1 | 2 | 3;

/** Names of {@link MessageTypeCode}, as REST requests and webhooks use them. */
export type MessageTypeName = 'incoming' | 'outgoing' | 'activity' | 'template';

/** Content types a message can have. */
export type MessageContentType =
  | 'text'
  | 'input_text'
  | 'input_textarea'
  | 'input_email'
  | 'input_select'
  | 'cards'
  | 'form'
  | 'article'
  | 'incoming_email'
  | 'input_csat'
  | 'integrations'
  | 'sticker'
  | (string & {});

/** Who sent a message (a contact, a user/agent or an agent bot). */
export interface MessageSender {
  id: number;
  name?: string;
  /** `contact`, `user` or `agent_bot`. */
  type?: string;
  [key: string]: unknown;
}

/**
 * A message as the REST message endpoints return it (`messages.create`, `messages.list`; Chatwoot's
 * `api/v1/models/_message.json.jbuilder`). `created_at` is unix seconds. Who sent it is only in `sender` (absent when
 * nobody did: automations, campaigns); there is no `sender_type`/`sender_id`, no `account_id` and no
 * `additional_attributes`, so a WhatsApp template's `template_params` never show here. `content_attributes` come back
 * as posted (custom keys included).
 */
export interface Message {
  id: number;
  content: string | null;
  conversation_id: number;
  inbox_id?: number;
  message_type: MessageTypeCode;
  content_type: MessageContentType | null;
  content_attributes: Attributes;
  private: boolean;
  status?: string | null;
  source_id: string | null;
  created_at: number;
  sender?: MessageSender | null;
  attachments?: Attributes[];
  /** Only in the create response, as sent: Chatwoot does not store it. */
  echo_id?: string | null;
}

/**
 * A message inside a REST conversation (`conversation.messages`, `last_non_activity_message`): Chatwoot's
 * `Message#push_event_data`, every column of the message. Unlike {@link Message} it has `sender_type` /
 * `sender_id` and `additional_attributes` (with `template_params` for a WhatsApp template).
 */
export interface ConversationMessage extends Message {
  account_id: number;
  /** `Contact`, `User`, `AgentBot`, or null. */
  sender_type: string | null;
  sender_id: number | null;
  additional_attributes?: Attributes & { template_params?: TemplateParams };
  /** An ISO datetime. */
  updated_at?: string;
  /** A short form of the conversation. */
  conversation?: { assignee_id: number | null; unread_count: number; last_activity_at: number; [key: string]: unknown } | null;
  [key: string]: unknown;
}

/**
 * WhatsApp template parameters, needed to message a contact outside WhatsApp's 24-hour window. The template must be
 * approved in WhatsApp Business Manager.
 */
export interface TemplateParams {
  name: string;
  category: string;
  /** e.g. `en_US`. */
  language: string;
  processed_params: {
    /** Body variables by position: `{ "1": "Alice" }`. */
    body?: Record<string, string>;
    header?: { media_url?: string; media_type?: 'image' | 'video' | 'document' };
    buttons?: Array<{ type: 'url' | 'copy_code'; parameter: string }>;
    [key: string]: unknown;
  };
}

/** Body of `POST /conversations/{id}/messages`. */
export interface MessageCreateInput {
  content?: string;
  /** Default `outgoing`. */
  message_type?: 'outgoing' | 'incoming';
  /** A private note, visible to agents only. */
  private?: boolean;
  content_type?: MessageContentType;
  content_attributes?: Attributes;
  template_params?: TemplateParams;
  campaign_id?: number;
  /**
   * Echoed back in the create response only. Chatwoot neither stores it nor deduplicates on it: a retried create makes
   * a second message.
   */
  echo_id?: string;
}

/** One page of messages (at most 20, oldest first). `meta` describes the conversation. */
export interface MessageList {
  meta: Attributes;
  payload: Message[];
}
