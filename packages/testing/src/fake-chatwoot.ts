import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RouteModule } from './route';
import { createFakeWidget, type FakeWidget, type FakeWidgetOptions } from './widget/index';
import { createFakeApi, type FakeApi, type FakeApiOptions } from './api/index';

export interface FakeChatwootOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Only loopback is allowed: tests never listen beyond this machine. */
  host?: '127.0.0.1' | 'localhost';
  widget?: FakeWidgetOptions;
  api?: FakeApiOptions;
}

export interface FakeChatwoot {
  /** e.g. `http://127.0.0.1:41234` — use as `baseUrl`. */
  url: string;
  port: number;
  /** Drive and inspect the widget side (sdk.js, /widget). */
  widget: FakeWidget;
  /** Drive and inspect the REST API and webhook delivery. */
  api: FakeApi;
  /**
   * Simulates Chatwoot going down: stops listening and drops every open connection (requests in flight get no
   * answer), keeping all data. `restart()` brings it back on the same port.
   */
  stop(): Promise<void>;
  /** Listens again on the same port after `stop()`, with the same data (no-op while running). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a local, in-memory Chatwoot on 127.0.0.1 that behaves like the real one (traps included). */
export async function startFakeChatwoot(options: FakeChatwootOptions = {}): Promise<FakeChatwoot> {
  const host = options.host ?? '127.0.0.1';
  const widget = createFakeWidget(options.widget);
  const api = createFakeApi(options.api);
  const modules: RouteModule[] = [widget, api];
  // What a visitor types in a widget page becomes API records (and events, and webhook deliveries), as in Chatwoot.
  const stopVisitorMessages = widget.onVisitorMessage((event) => {
    const { visitor } = event;
    try {
      api.recordVisitorMessage({
        websiteToken: event.websiteToken,
        visitorId: visitor.contactId,
        content: event.message.content,
        name: visitor.name,
        email: visitor.email,
        phone_number: visitor.phone_number,
        identifier: visitor.identifier === null ? null : String(visitor.identifier),
      });
    } catch {
      // A visitor's data Chatwoot would reject (a bad phone) must not break the widget side.
    }
  });

  // A visitor's setUser merges them into a known contact of the account (same identifier, email or phone).
  const stopIdentified = widget.onVisitorIdentified(({ websiteToken, visitor, user }) => {
    const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);
    const object = (value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
    try {
      api.identifyVisitor({
        websiteToken,
        visitorId: visitor.contactId,
        identifier: String(visitor.identifier),
        name: text(user.name),
        email: text(user.email),
        phone_number: text(user.phone_number),
        custom_attributes: object(user.custom_attributes),
        additional_attributes: object(user.additional_attributes),
      });
    } catch {
      // Data Chatwoot would reject must not break the widget side.
    }
  });

  // And what an agent (or the API) answers in that conversation shows in the visitor's widget pages.
  const stopWidgetReplies = api.onWidgetReply((reply) => {
    widget.pushAgentMessage({
      websiteToken: reply.websiteToken,
      contactId: Number(reply.visitorId),
      content: reply.content,
      agentName: reply.agentName,
    });
  });

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? host}`);
    try {
      for (const module of modules) {
        if (await module.handle(req, res, url)) return;
      }
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'Resource could not be found' }));
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: String((error as Error)?.message ?? error) }));
    }
  });
  // Action Cable's `/cable` (Chatwoot's RoomChannel) shares the port, as in Chatwoot.
  server.on('upgrade', (req, socket, head) => {
    if (!api.cable.handleUpgrade(req, socket, head)) socket.destroy();
  });
  // Keep-alive sockets would hold close() open for seconds in tests.
  server.keepAliveTimeout = 1000;

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stopListening = async () => {
    if (!server.listening) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  };
  await listen(options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  widget.setBaseUrl?.(url);
  api.setBaseUrl?.(url);

  return {
    url,
    port,
    widget,
    api,
    stop: stopListening,
    async restart() {
      if (!server.listening) await listen(port);
    },
    async close() {
      stopVisitorMessages();
      stopIdentified();
      stopWidgetReplies();
      for (const module of modules) await module.close?.();
      await stopListening();
    },
  };
}
