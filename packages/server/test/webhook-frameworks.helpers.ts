import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookContext, WebhookEvent, WebhookEventHandlers } from '../src/index';

/** Shared by the webhook-frameworks*.test.ts files: real servers on 127.0.0.1, and what the handlers saw. */

export const FRAMEWORK_SECRET = 'framework-webhook-secret-7f3a';

/** Waits until a server from a framework (`app.listen`, Hono's `serve`) is bound, then gives its base URL. */
export async function baseUrlOf(server: Pick<Server, 'address' | 'listening' | 'once'>): Promise<string> {
  if (!server.listening) {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', () => resolve());
      server.once('error', reject);
    });
  }
  const { address, port } = server.address() as AddressInfo;
  if (address !== '127.0.0.1') throw new Error(`test server bound to ${address}, expected 127.0.0.1`);
  return `http://127.0.0.1:${port}`;
}

/** Closes a server and any keep-alive connection it still holds. */
export async function closeServer(server: Server | undefined): Promise<void> {
  if (!server?.listening) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** What a recording handler saw of one event. */
export interface RecordedEvent {
  event: WebhookEvent;
  deliveryId: string | undefined;
  /** `context.request`: the Request the framework handed over. */
  request: Request;
}

/** Event handlers that record every event they are given, with its context, for assertions. */
export function recordingHandlers(): { on: WebhookEventHandlers; received: RecordedEvent[] } {
  const received: RecordedEvent[] = [];
  const record = (event: WebhookEvent, context: WebhookContext) =>
    void received.push({ event, deliveryId: context.deliveryId, request: context.request });
  return {
    received,
    on: {
      message_created: record,
      conversation_created: record,
      conversation_status_changed: record,
      contact_created: record,
    },
  };
}

/** Parses a handler's JSON answer. */
export function answer(responseBody: string | null): Record<string, unknown> {
  if (responseBody === null) throw new Error('no response body (the request failed or timed out)');
  return JSON.parse(responseBody) as Record<string, unknown>;
}
