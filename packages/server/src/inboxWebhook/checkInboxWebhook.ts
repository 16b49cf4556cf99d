import type { ChatwootClient } from '../client/createChatwootClient';
import { InboxWebhookError } from '../errors/InboxWebhookError';
import type { Inbox } from '../types/inbox';
import { signWebhook } from '../webhooks/signWebhook';
import { getApiInbox } from './ensureInboxWebhook';

/** One check's outcome; never carries a secret. */
export interface InboxWebhookCheck {
  check: 'api_inbox' | 'webhook_url' | 'test_delivery';
  /** `'skip'` when an earlier failure makes the check meaningless. */
  ok: boolean | 'skip';
  /** One line for people. */
  detail: string;
  /** What to do about a failure. */
  fix?: string;
}

export interface CheckInboxWebhookOptions {
  inboxId: number;
  /** For the test delivery (default 10 s). */
  timeoutMs?: number;
  /** The `fetch` the test delivery uses (default the global one). */
  fetch?: typeof fetch;
}

function skipped(check: InboxWebhookCheck['check'], detail: string): InboxWebhookCheck {
  return { check, ok: 'skip', detail };
}

/**
 * A harmless event Chatwoot does send to API inboxes (WebhookListener#handle_typing_status): the receiver (Evolution
 * API, your relay) must accept it, and it sends nobody a message.
 */
function testPayload(inbox: Inbox): string {
  return JSON.stringify({
    event: 'conversation_typing_off',
    user: { id: 0, name: 'wootkit doctor', type: 'user' },
    conversation: { id: 0, inbox_id: inbox.id, status: 'open', messages: [] },
    is_private: false,
  });
}

/**
 * Checks an API inbox's own webhook the way Chatwoot will use it: the inbox is an API channel, its `webhook_url` is
 * set, and that URL answers 2xx to a test delivery signed with the channel's secret (as
 * `WebhookListener#deliver_api_inbox_webhooks` signs). Returns one structured result per check, for `wootkit doctor
 * --inbox` and for a host app's admin page; never throws for a failed check, and no result contains the secret.
 */
export async function checkInboxWebhook(client: ChatwootClient, options: CheckInboxWebhookOptions): Promise<InboxWebhookCheck[]> {
  const results: InboxWebhookCheck[] = [];
  let inbox: Inbox;
  try {
    inbox = await getApiInbox(client, options.inboxId);
    results.push({ check: 'api_inbox', ok: true, detail: `Inbox ${inbox.id} (${inbox.name}): API channel` });
  } catch (error) {
    const known = error instanceof InboxWebhookError;
    results.push({
      check: 'api_inbox',
      ok: false,
      detail: known ? error.message : `Inbox ${options.inboxId}: could not be read (${(error as Error).message})`,
      fix: known ? undefined : 'Check the connection settings with `wootkit doctor` first.',
    });
    results.push(skipped('webhook_url', 'Webhook URL: skipped'), skipped('test_delivery', 'Test delivery: skipped'));
    return results;
  }

  const url = typeof inbox.webhook_url === 'string' && inbox.webhook_url !== '' ? inbox.webhook_url : null;
  const ensureHint = `Run \`wootkit inbox-webhook ensure --inbox ${inbox.id} --url <your relay's endpoint>\` (for Evolution API: its /chatwoot/webhook/<instance> URL).`;
  if (!url) {
    results.push({ check: 'webhook_url', ok: false, detail: `Inbox ${inbox.id}: no webhook URL, so Chatwoot sends its replies nowhere`, fix: ensureHint });
    results.push(skipped('test_delivery', 'Test delivery: skipped'));
    return results;
  }
  results.push({ check: 'webhook_url', ok: true, detail: `Webhook URL: ${url}` });

  if (typeof inbox.secret !== 'string' || inbox.secret === '') {
    results.push({
      check: 'test_delivery',
      ok: false,
      detail: "Test delivery: Chatwoot did not show this inbox's secret to this token",
      fix: "Use an administrator's API token: only administrators see an API inbox's secret.",
    });
    return results;
  }
  const body = testPayload(inbox);
  const headers = await signWebhook({ secret: inbox.secret, body, deliveryId: `wootkit-doctor-${crypto.randomUUID()}` });
  try {
    const response = await (options.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { ...headers, accept: 'application/json' },
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    await response.body?.cancel();
    if (response.ok) {
      results.push({ check: 'test_delivery', ok: true, detail: `Test delivery to ${url}: accepted (HTTP ${response.status})` });
    } else {
      results.push({
        check: 'test_delivery',
        ok: false,
        detail: `Test delivery to ${url}: HTTP ${response.status}`,
        fix:
          response.status === 401 || response.status === 403
            ? "The endpoint refused the signed delivery: it must accept Chatwoot's signature made with this inbox's secret."
            : `The endpoint must answer 2xx; while it does not, Chatwoot marks every reply in this inbox failed. ${ensureHint}`,
      });
    }
  } catch {
    results.push({
      check: 'test_delivery',
      ok: false,
      detail: `Test delivery to ${url}: no answer`,
      fix: `Check that the relay is running and reachable from Chatwoot (and from here). ${ensureHint}`,
    });
  }
  return results;
}
