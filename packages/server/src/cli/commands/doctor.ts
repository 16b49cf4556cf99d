import { timingSafeEqual } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { ChatwootClient } from '../../client/createChatwootClient';
import { ChatwootApiError } from '../../errors/ChatwootApiError';
import { checkInboxWebhook } from '../../inboxWebhook/checkInboxWebhook';
import type { Profile } from '../../types/profile';
import type { Webhook } from '../../types/webhook';
import { signWebhook } from '../../webhooks/signWebhook';
import { CliError } from '../CliError';
import { cliClient, CONNECTION_OPTIONS, positiveInteger, readConfig, type CliConfig } from '../config';
import { describeError, safeUrl, TOKEN_HINT } from '../describeError';
import type { CliIo } from '../io';
import { parseEvents } from '../webhookEvents';

interface CheckResult {
  ok: boolean | 'skip';
  line: string;
  /** What to do about a failure. */
  hint?: string;
}

export const DOCTOR_USAGE = `wootkit doctor [--url <webhook url>] [--events <list>] [--inbox <api inbox id>] [connection options]
  Checks, with a fix hint for each failure: Chatwoot reachable, token valid, account access and role, inbox and its
  channel, website token serves the widget, the account webhook for --url and its events, and a signed test delivery
  to --url that must verify with CHATWOOT_WEBHOOK_SECRET. --inbox checks an API inbox's own webhook (e.g. Evolution
  API): that it is an API inbox, that its webhook URL is set, and that the URL accepts a test delivery signed with
  the inbox's secret. Exits 1 when any check fails.`;

/** `wootkit doctor`: one pass/fail line per check; exit code 1 when any failed. */
export async function doctor(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...CONNECTION_OPTIONS,
      url: { type: 'string' },
      events: { type: 'string', multiple: true },
      inbox: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const config = readConfig(values, io.env);
  const client = cliClient(config);
  const apiInboxId = values.inbox === undefined ? undefined : positiveInteger(values.inbox, '--inbox');
  const { events, unknown } = parseEvents(values.events);
  if (unknown.length > 0) throw new CliError(`Unknown webhook event(s): ${unknown.join(', ')}.`, 2);

  let failed = 0;
  const report = (result: CheckResult) => {
    const mark = result.ok === 'skip' ? '-' : result.ok ? '✓' : '✗';
    io.stdout.write(`${mark} ${result.line}\n`);
    if (result.ok === false) {
      failed += 1;
      if (result.hint) io.stdout.write(`    fix: ${result.hint}\n`);
    }
  };

  const reachable = await checkReachable(config);
  report(reachable);
  if (!reachable.ok) return finish(io, failed);

  let profile: Profile | undefined;
  try {
    profile = await client.profile.get();
    report({ ok: true, line: `Token valid: it belongs to ${profile.name}` });
  } catch (error) {
    // The line says what happened, the hint what to do: one hint, the same as every other command's.
    const refused = error instanceof ChatwootApiError && error.status === 401;
    report({
      ok: false,
      line: refused ? `Token rejected: Chatwoot answered 401 (${error.apiMessage})` : `Token check failed: ${describeError(error, config.baseUrl)}`,
      hint: refused ? `${TOKEN_HINT[0]!.toUpperCase()}${TOKEN_HINT.slice(1)}` : undefined,
    });
    return finish(io, failed);
  }

  const membership = profile.accounts.find((account) => account.id === config.accountId);
  if (!membership) {
    report({
      ok: false,
      line: `Account ${config.accountId}: this token's user is not a member`,
      hint: `Set CHATWOOT_ACCOUNT_ID to one of ${profile.accounts.map((account) => account.id).join(', ') || '(none)'}, or add the user to the account.`,
    });
    return finish(io, failed);
  }
  const admin = membership.role === 'administrator';
  report({
    ok: admin || (values.url === undefined && apiInboxId === undefined),
    line: `Account ${membership.id} (${membership.name}): role ${membership.role}`,
    hint: 'Managing webhooks needs an administrator: use an administrator\'s token or change the role in Settings → Agents.',
  });

  report(await checkInbox(client, config));
  report(await checkWebsiteToken(client, config));

  if (apiInboxId !== undefined) {
    for (const check of await checkInboxWebhook(client, { inboxId: apiInboxId, timeoutMs: config.timeoutMs })) {
      report({ ok: check.ok, line: check.detail, hint: check.fix });
    }
  }

  if (values.url === undefined) {
    report({ ok: 'skip', line: 'Webhook: skipped (pass --url <your webhook endpoint> to check it)' });
    return finish(io, failed);
  }
  const webhookCheck = await checkWebhook(client, config, values.url, events);
  report(webhookCheck.result);
  report(await checkSignedDelivery(config, values.url, webhookCheck.webhook));
  return finish(io, failed);
}

function finish(io: CliIo, failed: number): number {
  io.stdout.write(failed === 0 ? '\nAll checks passed.\n' : `\n${failed} check(s) failed.\n`);
  return failed === 0 ? 0 : 1;
}

async function checkReachable(config: CliConfig): Promise<CheckResult> {
  try {
    const response = await fetch(`${config.baseUrl}/api/v1/profile`, { signal: AbortSignal.timeout(config.timeoutMs) });
    await response.body?.cancel();
    return { ok: true, line: `Chatwoot reachable at ${safeUrl(config.baseUrl)} (HTTP ${response.status})` };
  } catch {
    return {
      ok: false,
      line: `Chatwoot not reachable at ${safeUrl(config.baseUrl)}`,
      hint: 'Check CHATWOOT_BASE_URL (scheme, host, port), that Chatwoot is running, and any proxy or firewall in between.',
    };
  }
}

async function checkInbox(client: ChatwootClient, config: CliConfig): Promise<CheckResult> {
  if (config.inboxId === undefined) return { ok: 'skip', line: 'Inbox: skipped (set CHATWOOT_INBOX_ID to check it)' };
  try {
    const inboxes = await client.inboxes.list();
    const inbox = inboxes.find((candidate) => candidate.id === config.inboxId);
    if (!inbox) {
      return {
        ok: false,
        line: `Inbox ${config.inboxId}: not found in account ${config.accountId}`,
        hint: `Set CHATWOOT_INBOX_ID to one of: ${inboxes.map((candidate) => `${candidate.id} (${candidate.name}, ${candidate.channel_type})`).join('; ') || '(no inboxes)'}.`,
      };
    }
    return { ok: true, line: `Inbox ${inbox.id} (${inbox.name}): channel ${inbox.channel_type}` };
  } catch (error) {
    return { ok: false, line: `Inbox ${config.inboxId}: ${describeError(error, config.baseUrl)}` };
  }
}

async function checkWebsiteToken(client: ChatwootClient, config: CliConfig): Promise<CheckResult> {
  if (config.websiteToken === undefined) {
    return { ok: 'skip', line: 'Website token: skipped (set CHATWOOT_WEBSITE_TOKEN to check it)' };
  }
  const hint = "Copy the website token from Settings → Inboxes → your website inbox → Configuration into CHATWOOT_WEBSITE_TOKEN.";
  try {
    const url = new URL(`${config.baseUrl}/widget`);
    url.searchParams.set('website_token', config.websiteToken);
    const response = await fetch(url, { signal: AbortSignal.timeout(config.timeoutMs) });
    await response.body?.cancel();
    if (!response.ok) return { ok: false, line: `Website token: the widget page answered HTTP ${response.status}`, hint };
    const inboxes = await client.inboxes.list().catch(() => null);
    const inbox = inboxes?.find((candidate) => candidate.website_token === config.websiteToken);
    if (inboxes && !inbox) {
      return { ok: false, line: `Website token: no website inbox of account ${config.accountId} has it`, hint };
    }
    return { ok: true, line: `Website token serves the widget${inbox ? ` (inbox ${inbox.id}, ${inbox.name})` : ''}` };
  } catch {
    return { ok: false, line: 'Website token: the widget page did not answer', hint };
  }
}

async function checkWebhook(
  client: ChatwootClient,
  config: CliConfig,
  url: string,
  events: string[],
): Promise<{ result: CheckResult; webhook?: Webhook }> {
  const hint = `Run \`wootkit webhooks ensure --url ${url}\`.`;
  let webhooks: Webhook[];
  try {
    webhooks = await client.webhooks.list();
  } catch (error) {
    return { result: { ok: false, line: `Webhook: could not list webhooks: ${describeError(error, config.baseUrl)}`, hint } };
  }
  const webhook = webhooks.find((candidate) => candidate.url === url);
  if (!webhook) return { result: { ok: false, line: `Webhook for ${url}: not registered`, hint } };
  const missing = events.filter((event) => !webhook.subscriptions.includes(event as never));
  if (missing.length > 0) {
    return { result: { ok: false, line: `Webhook #${webhook.id}: not subscribed to ${missing.join(', ')}`, hint }, webhook };
  }
  return { result: { ok: true, line: `Webhook #${webhook.id} for ${url}: subscribed to ${events.join(', ')}` }, webhook };
}

/**
 * Signs a harmless event (`conversation_typing_off`) the way Chatwoot does and posts it to the endpoint: a 2xx means
 * the app verified it with its own secret. Also compares Chatwoot's secret for the webhook with CHATWOOT_WEBHOOK_SECRET
 * (in constant time; neither is printed).
 */
async function checkSignedDelivery(config: CliConfig, url: string, webhook: Webhook | undefined): Promise<CheckResult> {
  const secret = config.webhookSecret;
  if (secret === undefined) {
    return {
      ok: false,
      line: 'Signed delivery: CHATWOOT_WEBHOOK_SECRET is not set',
      hint: "Set CHATWOOT_WEBHOOK_SECRET to the webhook's secret (Chatwoot: Settings → Integrations → Webhooks, or `wootkit webhooks ensure --secret-file`).",
    };
  }
  if (webhook?.secret && !sameSecret(webhook.secret, secret)) {
    return {
      ok: false,
      line: `Signed delivery: CHATWOOT_WEBHOOK_SECRET is not the secret Chatwoot signs webhook #${webhook.id} with`,
      hint: "Copy the webhook's secret into CHATWOOT_WEBHOOK_SECRET (or write it with `wootkit webhooks ensure --url … --secret-file <path>`).",
    };
  }
  const body = JSON.stringify({
    event: 'conversation_typing_off',
    account: { id: config.accountId, name: 'wootkit doctor' },
    conversation: { id: 0 },
    user: { id: 0, name: 'wootkit doctor' },
    is_private: false,
  });
  const headers = await signWebhook({ secret, body, deliveryId: `wootkit-doctor-${crypto.randomUUID()}` });
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    await response.body?.cancel();
    if (response.ok) return { ok: true, line: `Signed delivery to ${url}: verified (HTTP ${response.status})` };
    return {
      ok: false,
      line: `Signed delivery to ${url}: HTTP ${response.status}`,
      hint:
        response.status === 401
          ? 'Your endpoint rejected the signature: it must verify with the same secret as CHATWOOT_WEBHOOK_SECRET, on the raw body.'
          : 'Your endpoint must answer 2xx to a signed delivery (see docs/webhooks.md).',
    };
  } catch {
    return { ok: false, line: `Signed delivery to ${url}: no answer`, hint: 'Check that your app is running and the URL is reachable from here.' };
  }
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
