import type { StandInConnection } from './startStandIn';

/** The connection as `CHATWOOT_*` lines (the names the `wootkit` CLI and wootkit's docs use), then the rest. */
export function describeConnection(connection: StandInConnection, version: string): string {
  const { webhook } = connection;
  const env = [
    `CHATWOOT_BASE_URL=${connection.baseUrl}`,
    `CHATWOOT_ACCOUNT_ID=${connection.accountId}`,
    `CHATWOOT_API_ACCESS_TOKEN=${connection.apiAccessToken}`,
    `CHATWOOT_INBOX_ID=${connection.websiteInboxId}`,
    `CHATWOOT_WEBSITE_TOKEN=${connection.websiteToken}`,
    `CHATWOOT_HMAC_TOKEN=${connection.hmacToken}`,
    ...(webhook ? [`CHATWOOT_WEBHOOK_SECRET=${webhook.secret}`] : []),
  ];
  return [
    `Chatwoot stand-in (@wootkit/testing ${version}) listening on ${connection.baseUrl}`,
    '',
    ...env,
    '',
    `API tokens:  administrator ${connection.apiAccessToken}, agent ${connection.agentAccessToken}, agent bot ${connection.botAccessToken}`,
    `Inboxes:     ${connection.websiteInboxId} Website (Channel::WebWidget, website token ${connection.websiteToken}), ${connection.apiInboxId} API (Channel::Api)`,
    webhook
      ? `Webhook:     ${webhook.id} → ${webhook.url} (${webhook.events.join(", ")})`
      : 'Webhook:     none (start with --webhook-url <your endpoint> to get deliveries and a secret)',
    `Widget:      ${connection.baseUrl}/packs/js/sdk.js, websiteToken ${connection.websiteToken}`,
    '',
    'Data lives in memory. Ctrl+C stops the stand-in.',
    '',
  ].join('\n');
}
