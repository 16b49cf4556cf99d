import type { Store } from '../store/types';
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

/**
 * Options of `notify` that belong to your deployment rather than to one message.
 *
 * Calls for the same contact and inbox take turns on finding or creating the conversation, so concurrent calls
 * never open two conversations: always within this process, and across processes when they share a `store`.
 */
export interface NotifyOptions {
  /**
   * A store shared by every instance of your app (`createRedisStore`): calls on different instances then take turns
   * too, through a short lease in it (`<prefix>notify:lock:<account>:<inbox>:<contact>`). Without it, calls take
   * turns within this process only. If the store fails (Redis unreachable), `notify` rejects with its `StoreError`
   * before posting.
   */
  store?: Pick<Store, 'setIfAbsent' | 'deleteIfEquals'>;
  /**
   * How long a lease in `store` lasts if its holder dies before giving it back (it is given back as soon as the
   * conversation is found or created, usually within a few requests). Keep it above the longest that finding or
   * creating a conversation may take with your client's timeouts. Default 30000 ms.
   */
  lockTtlMs?: number;
  /**
   * How long to wait for the calls ahead of this one (in this process and, with `store`, elsewhere) before rejecting
   * with `NotifyLockTimeoutError`, which means nothing was posted. Default 35000 ms: longer than the default
   * `lockTtlMs`, so the lease of a crashed holder runs out first.
   */
  lockWaitMs?: number;
  /**
   * Stops `notify` before the next step (finding the contact, waiting for the lock, posting), rejecting with the
   * signal's reason. A request already on its way is not cancelled: once the post has started, it runs to its end.
   */
  signal?: AbortSignal;
}
