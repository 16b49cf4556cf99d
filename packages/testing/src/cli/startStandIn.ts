import { startFakeChatwoot, type FakeChatwoot } from '../fake-chatwoot';
import { StandInCliError } from './StandInCliError';

export interface StandInSetup {
  port: number;
  host: '127.0.0.1' | 'localhost';
  websiteToken: string;
  /** Registers an account webhook to this URL, as an administrator would in Settings → Integrations → Webhooks. */
  webhookUrl?: string;
  webhookEvents: string[];
}

/** What a host app needs to talk to the stand-in (the same facts a Chatwoot admin would copy from its settings). */
export interface StandInConnection {
  baseUrl: string;
  accountId: number;
  /** The seeded administrator's token (contacts, conversations, webhooks: everything). */
  apiAccessToken: string;
  agentAccessToken: string;
  /** An agent bot's token: Chatwoot lets bots post messages but not touch contacts. */
  botAccessToken: string;
  websiteInboxId: number;
  websiteToken: string;
  /** The website inbox's identity-validation token (for `identifierHash`). */
  hmacToken: string;
  apiInboxId: number;
  webhook: { id: number; url: string; events: string[]; secret: string } | null;
}

/** Fixed so a host app's `.env` keeps working across restarts; the webhook secret is made fresh, as Chatwoot does. */
const HMAC_TOKEN = 'standin-hmac-token';

/**
 * Starts `startFakeChatwoot()` and seeds it like a fresh Chatwoot an admin has set up: the account with its three
 * tokens (made by `createFakeApi`), a website inbox with identity validation, an API inbox and, when asked, a webhook.
 */
export async function startStandIn(setup: StandInSetup): Promise<{ fake: FakeChatwoot; connection: StandInConnection }> {
  let fake: FakeChatwoot;
  try {
    fake = await startFakeChatwoot({
      port: setup.port,
      host: setup.host,
      widget: { websiteTokens: [setup.websiteToken], hmacTokens: { [setup.websiteToken]: HMAC_TOKEN } },
      // A developer clicking around and a host app syncing contacts should not meet rate limits by surprise.
      api: { rateLimit: false },
    });
  } catch (error) {
    throw listenError(error, setup);
  }
  try {
    const { inboxes } = fake.api.seed({
      inboxes: [
        { name: 'Website', channel_type: 'Channel::WebWidget', website_token: setup.websiteToken, hmac_token: HMAC_TOKEN },
        { name: 'API', channel_type: 'Channel::Api' },
      ],
    });
    const webhook = setup.webhookUrl === undefined ? null : await registerWebhook(fake, setup.webhookUrl, setup.webhookEvents);
    return {
      fake,
      connection: {
        baseUrl: fake.url,
        accountId: fake.api.accountId,
        apiAccessToken: fake.api.tokens.admin,
        agentAccessToken: fake.api.tokens.agent,
        botAccessToken: fake.api.tokens.bot,
        websiteInboxId: inboxes[0]!.id,
        websiteToken: setup.websiteToken,
        hmacToken: HMAC_TOKEN,
        apiInboxId: inboxes[1]!.id,
        webhook,
      },
    };
  } catch (error) {
    await fake.close();
    throw error;
  }
}

/**
 * Through the stand-in's own REST API (`POST /api/v1/accounts/:id/webhooks`), so the URL and event names are
 * validated exactly as for any client.
 */
async function registerWebhook(fake: FakeChatwoot, url: string, events: string[]): Promise<StandInConnection['webhook']> {
  const response = await fetch(`${fake.url}/api/v1/accounts/${fake.api.accountId}/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', api_access_token: fake.api.tokens.admin },
    body: JSON.stringify({ url, subscriptions: events }),
  });
  const body = (await response.json().catch(() => null)) as { message?: string; payload?: { webhook?: { id?: number } } } | null;
  const id = body?.payload?.webhook?.id;
  const saved = fake.api.webhooks().find((webhook) => webhook.id === id);
  if (!response.ok || !saved) {
    throw new StandInCliError(
      'webhook_rejected',
      `The stand-in refused --webhook-url/--webhook-events (${response.status}: ${body?.message ?? 'no message'}). Event names are Chatwoot's, e.g. contact_created,message_created.`,
    );
  }
  return { id: saved.id, url: saved.url, events: [...saved.subscriptions], secret: saved.secret };
}

function listenError(error: unknown, setup: StandInSetup): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const where = `${setup.host}:${setup.port}`;
  if (code === 'EADDRINUSE') {
    return new StandInCliError('port_in_use', `Port ${setup.port} is in use on ${setup.host}: stop what runs there or pick another port with --port (0 picks a free one).`);
  }
  if (code === 'EACCES') {
    return new StandInCliError('port_denied', `Not allowed to listen on ${where}: use a port above 1023 with --port.`);
  }
  return error;
}
