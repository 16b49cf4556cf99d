/**
 * The embedded Chatwoot for `pnpm demo`: `@wootkit/testing`'s stand-in on 127.0.0.1, seeded with what a Chatwoot
 * admin would set up by hand — an account, agents (some online), a website inbox with identity validation (an HMAC
 * token) and an API user for the demo server.
 */
import { randomBytes } from 'node:crypto';
import type { FakeChatwoot } from '@wootkit/testing';
import type { ChatwootConnection } from './config';

export const STAND_IN_WEBSITE_TOKEN = 'demo-website-token';
/** The widget's colour in the stand-in: its bubble, and the page's facade launcher (`data-color`). */
export const WIDGET_COLOR = '#5b4cdb';

export interface StandIn {
  fake: FakeChatwoot;
  /** Everything but the webhook secret, which Chatwoot makes when the demo server registers its webhook. */
  connection: Omit<ChatwootConnection, 'webhookSecret'>;
}

export async function startStandIn(port: number): Promise<StandIn> {
  // Imported here so pointing the demo at a real Chatwoot never loads the stand-in.
  const { startFakeChatwoot } = await import('@wootkit/testing');
  // Made fresh each run, as Chatwoot does; they stay in this process.
  const hmacToken = randomBytes(24).toString('base64url');
  const apiAccessToken = randomBytes(24).toString('base64url');

  const fake = await startFakeChatwoot({
    port,
    widget: { websiteTokens: [STAND_IN_WEBSITE_TOKEN], hmacTokens: { [STAND_IN_WEBSITE_TOKEN]: hmacToken }, widgetColor: WIDGET_COLOR },
    // Round numbers for a demo: no rate limit surprises while clicking around.
    api: { rateLimit: false },
  });
  const seeded = fake.api.seed({
    agents: [
      { name: 'Ana García', email: 'ana@demo.test', availability_status: 'online' },
      { name: 'Bruno Díaz', email: 'bruno@demo.test', availability_status: 'busy' },
      { name: 'Carla Ruiz', email: 'carla@demo.test', availability_status: 'offline' },
      // The demo server's API user: an administrator (it registers the webhook), offline so round robin skips it.
      { name: 'Demo auto-reply', email: 'auto-reply@demo.test', role: 'administrator', availability_status: 'offline', access_token: apiAccessToken },
    ],
    inboxes: [{ name: 'Demo website', channel_type: 'Channel::WebWidget', website_token: STAND_IN_WEBSITE_TOKEN, hmac_token: hmacToken }],
  });
  const inbox = seeded.inboxes[0]!;
  return {
    fake,
    connection: {
      baseUrl: fake.url,
      accountId: fake.api.accountId,
      inboxId: inbox.id,
      websiteToken: STAND_IN_WEBSITE_TOKEN,
      apiAccessToken,
      hmacToken,
      widgetColor: WIDGET_COLOR,
    },
  };
}
