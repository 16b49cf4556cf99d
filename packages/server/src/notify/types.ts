import type { Attributes } from '../types/common';
import type { TemplateParams } from '../types/message';

/**
 * Who to notify: a Chatwoot contact id, or one key of your own that finds (or creates) the contact. `name` is used
 * only when the contact has to be created.
 */
export type NotifyRecipient =
  | { contactId: number }
  | { phone: string; name?: string }
  | { email: string; name?: string }
  | { identifier: string; name?: string };

/** The message itself: text, a WhatsApp template, or both (the text is what agents see in the dashboard). */
export interface MessageBody {
  content?: string;
  /**
   * A WhatsApp template (required outside WhatsApp's 24-hour window), sent as Chatwoot's `template_params`:
   * `{ name, category, language, processed_params: { body: { "1": "Ana" } } }`.
   */
  template?: TemplateParams;
  /** A private note instead of a message to the contact. Default false. */
  private?: boolean;
  /** Chatwoot `content_attributes` (e.g. `{ in_reply_to: 123 }`). */
  contentAttributes?: Attributes;
  /** Echoed back in Chatwoot's create response only; Chatwoot neither stores nor deduplicates on it. */
  echoId?: string;
}

/** Input of `notify`. */
export interface NotifyInput extends MessageBody {
  to: NotifyRecipient;
  /** The inbox (channel) to write from: WhatsApp, email, SMS, API, website… */
  inboxId: number;
  /** Conversation custom attributes: set on a new conversation, merged into a reused one (only if they differ). */
  attributes?: Attributes;
  /** Country for a `to.phone` written without `+`. */
  defaultCountry?: string;
}

/** What `notify` did. `conversationId` is the display_id used in REST paths, webhooks and the dashboard. */
export interface NotifyResult {
  contactId: number;
  conversationId: number;
  messageId: number;
  created: { contact: boolean; conversation: boolean };
}
