import type { ChatwootClient } from '../client/createChatwootClient';
import { ChatwootApiError } from '../errors/ChatwootApiError';
import { InboxWebhookError } from '../errors/InboxWebhookError';
import type { Inbox } from '../types/inbox';

export interface EnsureInboxWebhookOptions {
  inboxId: number;
  /** Where Chatwoot should post the inbox's events, e.g. Evolution API's Chatwoot endpoint. */
  url: string;
  /** Refuse a plain-http URL (default false: a compose network's `http://evolution:8080/…` is common). */
  requireHttps?: boolean;
  /** Say what would change and change nothing. */
  dryRun?: boolean;
  signal?: AbortSignal;
}

export interface EnsureInboxWebhookResult {
  inbox: Inbox;
  /** Whether the URL differed (and, unless `dryRun`, was changed). */
  changed: boolean;
  /** The URL before, or null when none was set. */
  previousUrl: string | null;
  dryRun: boolean;
}

/** The single rule for an inbox webhook URL: absolute http(s), https when required. */
export function checkInboxWebhookUrl(url: string, inboxId: number, requireHttps = false): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InboxWebhookError('invalid_url', `"${url}" is not an absolute URL: pass one like https://evolution.example.com/chatwoot/webhook/<instance>.`, inboxId);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new InboxWebhookError('invalid_url', `The webhook URL must be http or https, not ${parsed.protocol.replace(':', '')}.`, inboxId);
  }
  if (requireHttps && parsed.protocol !== 'https:') {
    throw new InboxWebhookError('invalid_url', 'The webhook URL must be https here: pass an https:// URL (or drop the https requirement for a private network).', inboxId);
  }
  return parsed;
}

/** Reads the inbox and refuses anything but an API channel, with a typed error that says what to pass instead. */
export async function getApiInbox(client: ChatwootClient, inboxId: number, signal?: AbortSignal): Promise<Inbox> {
  let inbox: Inbox;
  try {
    inbox = await client.inboxes.get(inboxId, { signal });
  } catch (error) {
    if (error instanceof ChatwootApiError && error.status === 404) {
      throw new InboxWebhookError('inbox_not_found', `Inbox ${inboxId} does not exist in this account: pass the id of an API inbox (Settings → Inboxes).`, inboxId);
    }
    throw error;
  }
  if (inbox.channel_type !== 'Channel::Api') {
    throw new InboxWebhookError(
      'not_api_inbox',
      `Inbox ${inboxId} (${inbox.name}) is a ${inbox.channel_type} inbox: only API inboxes have their own webhook URL. Pass the API inbox that Evolution API uses.`,
      inboxId,
    );
  }
  return inbox;
}

/**
 * Makes an API inbox's own webhook point at `url` (Chatwoot v4.15.1: `Channel::Api#webhook_url`, updated through the
 * inboxes controller's `channel` parameters): idempotent, and nothing is changed when the URL is already right, the
 * inbox is not an API inbox, or `dryRun` is set. Needs an administrator's token.
 */
export async function ensureInboxWebhook(client: ChatwootClient, options: EnsureInboxWebhookOptions): Promise<EnsureInboxWebhookResult> {
  checkInboxWebhookUrl(options.url, options.inboxId, options.requireHttps);
  const inbox = await getApiInbox(client, options.inboxId, options.signal);
  const previousUrl = typeof inbox.webhook_url === 'string' && inbox.webhook_url !== '' ? inbox.webhook_url : null;
  const dryRun = options.dryRun === true;
  if (previousUrl === options.url) return { inbox, changed: false, previousUrl, dryRun };
  if (dryRun) return { inbox, changed: true, previousUrl, dryRun };
  const updated = await client.inboxes.update(options.inboxId, { channel: { webhook_url: options.url } }, { signal: options.signal });
  return { inbox: updated, changed: true, previousUrl, dryRun };
}
