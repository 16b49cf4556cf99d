import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { broadcastFrame, CABLE_PROTOCOL, confirmFrame, parseCommand, pingFrame, PING_INTERVAL_MS, welcomeFrame } from './protocol';

/** Who a RoomChannel subscription belongs to, found from its `pubsub_token` (Chatwoot's RoomChannel#current_user). */
export type CableSubscriber = { kind: 'user'; userId: number; accountId: number } | { kind: 'contact'; contactInboxId: number; accountId: number };

export interface CableServerOptions {
  /** Null when Chatwoot's `find_by!` would raise RecordNotFound. */
  findSubscriber(params: Record<string, unknown>): CableSubscriber | null;
  /** OnlineStatusTracker.update_presence (`lib/online_status_tracker.rb`). */
  markPresent(subscriber: CableSubscriber): void;
  now?: () => number;
}

/**
 * The stand-in's `/cable` endpoint. Chatwoot v4.15.1, `app/channels/room_channel.rb`: a subscription streams from its
 * `pubsub_token`; `subscribed` and `update_presence` mark the subscriber present. When `subscribed` raises (an unknown
 * token), Rails' Channel::Base#subscribe_to_channel rescues it and sends neither a confirmation nor a rejection: the
 * client waits and the socket stays open.
 */
export function createCableServer(options: CableServerOptions) {
  const now = options.now ?? Date.now;
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => (protocols.has(CABLE_PROTOCOL) ? CABLE_PROTOCOL : false) });
  const sockets = new Set<WebSocket>();
  const subscriptionsOf = new Map<WebSocket, Map<string, CableSubscriber>>();

  function onCommand(socket: WebSocket, subscriptions: Map<string, CableSubscriber>, raw: string) {
    const command = parseCommand(raw);
    if (!command) return;
    if (command.command === 'subscribe') {
      if (subscriptions.has(command.identifier)) return; // Rails ignores a second subscribe to the same identifier.
      let params: Record<string, unknown>;
      try {
        params = JSON.parse(command.identifier) as Record<string, unknown>;
      } catch {
        return;
      }
      if (params.channel !== 'RoomChannel') return; // An unknown channel class: logged, no answer.
      const subscriber = options.findSubscriber(params);
      if (!subscriber) return;
      subscriptions.set(command.identifier, subscriber);
      options.markPresent(subscriber);
      socket.send(confirmFrame(command.identifier));
    } else if (command.command === 'unsubscribe') {
      subscriptions.delete(command.identifier);
    } else if (command.command === 'message') {
      const subscriber = subscriptions.get(command.identifier);
      if (!subscriber) return;
      try {
        const data = JSON.parse(command.data ?? '{}') as { action?: unknown };
        if (data.action === 'update_presence') options.markPresent(subscriber);
      } catch {
        // A malformed `data` is an error logged by Rails; nothing reaches the client.
      }
    }
  }

  wss.on('connection', (socket: WebSocket) => {
    sockets.add(socket);
    const subscriptions = new Map<string, CableSubscriber>();
    subscriptionsOf.set(socket, subscriptions);
    socket.send(welcomeFrame());
    const beat = setInterval(() => socket.send(pingFrame(now())), PING_INTERVAL_MS);
    socket.on('message', (data) => onCommand(socket, subscriptions, data.toString()));
    socket.on('close', () => {
      clearInterval(beat);
      sockets.delete(socket);
      subscriptionsOf.delete(socket);
    });
  });

  return {
    /** Takes over an HTTP upgrade for `/cable`; returns false for any other path. */
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
      if (new URL(req.url ?? '/', 'http://x').pathname !== '/cable') return false;
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
      return true;
    },
    /** Sends `{ identifier, message }` on every subscription `reaches` accepts. */
    broadcast(message: { event: string; data: unknown }, reaches: (subscriber: CableSubscriber) => boolean): void {
      for (const [socket, subscriptions] of subscriptionsOf) {
        for (const [identifier, subscriber] of subscriptions) {
          if (reaches(subscriber)) socket.send(broadcastFrame(identifier, message));
        }
      }
    },
    /** Fault control: drops every open cable connection (clients see a close and reconnect). */
    dropConnections(): void {
      for (const socket of sockets) socket.terminate();
    },
    async close(): Promise<void> {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

export type CableServer = ReturnType<typeof createCableServer>;
