/**
 * Starts the whole demo: the Chatwoot stand-in (unless a real Chatwoot is configured), the demo server on
 * 127.0.0.1, and the account webhook that links them. `start.ts` runs it for `pnpm demo`; the e2e test runs it
 * in-process on free ports.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createChatwootClient, type ChatwootClient } from '@wootkit/server';
import type { FakeChatwoot } from '@wootkit/testing';
import { createActivityLog, type ActivityEntry, type ActivityLog } from './activity-log';
import { prepareAssets } from './assets';
import { DemoConfigError, type ChatwootConnection, type DemoConfig } from './config';
import { createCustomerDirectory } from './customers';
import { createFollowUpHandler } from './follow-up';
import { createLoginHandler } from './identity';
import { renderPage } from './page';
import { createRequestHandler, WEBHOOK_PATH } from './routes';
import { startStandIn } from './stand-in';
import { readWidgetColor } from './widget-color';
import { createDemoWebhookHandler, DEMO_WEBHOOK_EVENTS } from './webhook-flow';

export interface RunningDemo {
  mode: DemoConfig['mode'];
  /** The demo page, e.g. `http://127.0.0.1:5280`. */
  url: string;
  /** Chatwoot (the stand-in's URL in stand-in mode). */
  chatwootUrl: string;
  log: ActivityLog;
  /** The server-side API client the demo uses. */
  client: ChatwootClient;
  /** The stand-in, in stand-in mode (tests inspect it). */
  standIn: FakeChatwoot | undefined;
  /** Online agents at start, for the start-up message. */
  agents: Array<{ name: string; availability: string }>;
  close(): Promise<void>;
}

export interface StartDemoOptions {
  /** Called for every log entry (the CLI prints them). */
  onLog?: (entry: ActivityEntry) => void;
}

/** Listens on 127.0.0.1 only; a busy port becomes an error that says which variable picks another one. */
function listen(server: http.Server, port: number, variable: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(busyPort(error, port, variable)));
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function busyPort(error: unknown, port: number, variable: string): unknown {
  if ((error as NodeJS.ErrnoException)?.code !== 'EADDRINUSE') return error;
  return new DemoConfigError(
    `Port ${port} on 127.0.0.1 is already in use (another demo still running?). ` +
      `Stop it, or pick another port: ${variable}=${port + 10} pnpm demo`,
  );
}

export async function startDemo(config: DemoConfig, options: StartDemoOptions = {}): Promise<RunningDemo> {
  const log = createActivityLog({ print: options.onLog });
  const assets = await prepareAssets();
  const cleanups: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  };

  try {
    let standIn: FakeChatwoot | undefined;
    let connection: Omit<ChatwootConnection, 'webhookSecret'> & { webhookSecret?: string };
    if (config.mode === 'stand-in') {
      const started = await startStandIn(config.standInPort).catch((error) => {
        throw busyPort(error, config.standInPort, 'CHATWOOT_STAND_IN_PORT');
      });
      standIn = started.fake;
      cleanups.push(() => started.fake.close());
      connection = started.connection;
    } else {
      connection = config.chatwoot;
    }

    // The server listens before the webhook exists (Chatwoot needs its URL); requests are handled once it is ready.
    const server = http.createServer();
    server.keepAliveTimeout = 1000;
    cleanups.push(async () => {
      log.closeStreams();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    const port = await listen(server, config.port, 'DEMO_PORT');
    const url = `http://127.0.0.1:${port}`;
    const client = createChatwootClient({
      baseUrl: connection.baseUrl,
      apiAccessToken: connection.apiAccessToken,
      accountId: connection.accountId,
    });

    let webhookSecret: string;
    if (config.mode === 'stand-in') {
      // What an admin does in Settings → Integrations → Webhooks, done through the API: Chatwoot makes the secret.
      const webhook = await client.webhooks.create({
        url: `${url}${WEBHOOK_PATH}`,
        name: 'wootkit demo',
        subscriptions: [...DEMO_WEBHOOK_EVENTS],
      });
      if (!webhook.secret) throw new DemoConfigError('The Chatwoot stand-in made a webhook without a secret');
      webhookSecret = webhook.secret;
      log.add('setup', `Account webhook #${webhook.id} registered for ${DEMO_WEBHOOK_EVENTS.join(' and ')} → ${url}${WEBHOOK_PATH} (signed with its own secret)`);
    } else {
      webhookSecret = config.chatwoot.webhookSecret;
      log.add('setup', `Expecting Chatwoot's account webhook at ${config.publicUrl}${WEBHOOK_PATH} (events: ${DEMO_WEBHOOK_EVENTS.join(', ')})`);
    }

    const widgetColor = connection.widgetColor ?? (await readWidgetColor(client, connection.inboxId));
    const customers = createCustomerDirectory();
    server.on(
      'request',
      createRequestHandler({
        page: renderPage({ baseUrl: connection.baseUrl, websiteToken: connection.websiteToken, mode: config.mode, styles: assets.pageStyles, widgetColor }),
        assets,
        log,
        login: createLoginHandler({ hmacToken: connection.hmacToken, customers, log }),
        followUp: createFollowUpHandler({ client, inboxId: connection.inboxId, customers, log }),
        webhook: createDemoWebhookHandler({ client, secret: webhookSecret, inboxId: connection.inboxId, customers, log }),
      }),
    );

    const agents = (await client.agents.list()).map((agent) => ({ name: agent.name, availability: agent.availability_status ?? 'unknown' }));
    return { mode: config.mode, url, chatwootUrl: connection.baseUrl, log, client, standIn, agents, close };
  } catch (error) {
    await close();
    throw error;
  }
}
