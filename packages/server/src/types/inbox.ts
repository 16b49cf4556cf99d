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
  [key: string]: unknown;
}
