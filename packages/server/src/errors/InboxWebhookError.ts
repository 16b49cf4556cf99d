import { ChatwootError } from './ChatwootError';

/** Why {@link InboxWebhookError} was thrown. */
export type InboxWebhookErrorCode =
  /** No inbox with that id in the account (or the token may not see it). */
  | 'inbox_not_found'
  /** The inbox is not an API channel: only API inboxes have their own webhook URL. */
  | 'not_api_inbox'
  /** The URL is not an absolute http(s) URL, or not https where https is required. */
  | 'invalid_url';

/**
 * Thrown by `ensureInboxWebhook` before anything in Chatwoot is changed. The message says what is wrong and what to
 * do; it never carries the channel's secret.
 */
export class InboxWebhookError extends ChatwootError {
  override name = 'InboxWebhookError';
  declare readonly code: InboxWebhookErrorCode;
  constructor(
    code: InboxWebhookErrorCode,
    message: string,
    /** The inbox concerned. */
    readonly inboxId: number,
  ) {
    super(code, message);
  }
}
