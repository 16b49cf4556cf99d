/** The short inbox shape inside contact inboxes and webhook payloads. */
export interface InboxSummary {
  id: number;
  name: string;
  channel_type?: string;
  channel_id?: number;
  avatar_url?: string;
  provider?: string | null;
}

/** An inbox as `GET /inboxes` returns it (subset of the fields; extra fields pass through). */
export interface Inbox extends InboxSummary {
  channel_type: string;
  website_token?: string;
  website_url?: string;
  phone_number?: string | null;
  enable_auto_assignment?: boolean;
  greeting_enabled?: boolean;
  greeting_message?: string | null;
  lock_to_single_conversation?: boolean;
  allow_messages_after_resolved?: boolean;
  hmac_mandatory?: boolean;
  timezone?: string;
  /**
   * API channel (`channel_type: 'Channel::Api'`) only: where Chatwoot posts this inbox's own conversation and message
   * events (e.g. Evolution API's Chatwoot endpoint). Empty or null: none are sent.
   */
  webhook_url?: string | null;
  /** API channel only: the inbox identifier of Chatwoot's public client API. */
  inbox_identifier?: string;
  /** API channel only, administrators only: the secret its webhook deliveries are signed with. Treat it as a password. */
  secret?: string;
  /** API channel only, administrators only: the key of its contacts' identity hashes. */
  hmac_token?: string;
  [key: string]: unknown;
}

/**
 * What `inboxes.update` may change (Chatwoot's inboxes controller: the inbox's own columns, plus `channel` for the
 * channel row; for an API channel `Channel::Api::EDITABLE_ATTRS`: `webhook_url`, `hmac_mandatory`,
 * `additional_attributes`). Needs an administrator's token.
 */
export interface InboxUpdateInput {
  name?: string;
  enable_auto_assignment?: boolean;
  greeting_enabled?: boolean;
  greeting_message?: string | null;
  lock_to_single_conversation?: boolean;
  allow_messages_after_resolved?: boolean;
  timezone?: string;
  channel?: { webhook_url?: string | null; hmac_mandatory?: boolean; additional_attributes?: Record<string, unknown> };
}
