/** Events an account webhook can subscribe to. */
export type WebhookSubscription =
  | 'conversation_created'
  | 'conversation_status_changed'
  | 'conversation_updated'
  | 'message_created'
  | 'message_updated'
  | 'contact_created'
  | 'contact_updated'
  | 'webwidget_triggered'
  | 'inbox_created'
  | 'inbox_updated'
  | 'conversation_typing_on'
  | 'conversation_typing_off';

/** An account webhook. The URL is unique per account. */
export interface Webhook {
  id: number;
  account_id: number;
  url: string;
  name: string | null;
  subscriptions: WebhookSubscription[];
  /** Signing secret (Chatwoot ≥ 4.11.2); treat it like a password. */
  secret?: string;
}

/** Body of `POST /webhooks` and `PATCH /webhooks/{id}`. */
export interface WebhookInput {
  url?: string;
  name?: string;
  subscriptions?: WebhookSubscription[];
}
