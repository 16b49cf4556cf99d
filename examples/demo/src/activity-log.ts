/**
 * What the demo server did, step by step, for the page's live log (streamed as server-sent events) and for tests.
 * Bounded: only the latest entries are kept.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Which part of the round trip an entry belongs to (the page gives each its own colour). */
export type ActivityStep = 'setup' | 'identity' | 'webhook' | 'contact' | 'assignment' | 'reply' | 'notify' | 'error';

export interface ActivityEntry extends ActivitySubject {
  id: number;
  /** Unix ms. */
  at: number;
  step: ActivityStep;
  text: string;
  /** Machine-readable details (ids, outcomes) for tests and the curious. Never a secret. */
  data?: Record<string, unknown>;
}

/**
 * Whose entry it is, so each page shows only its own visitor's lines: the demo customer (their identifier) and the
 * Chatwoot conversation it is about, when known. An entry with neither is about the demo itself (set-up, a forged
 * webhook).
 */
export interface ActivitySubject {
  customer?: string;
  conversationId?: number;
}

export interface ActivityLog {
  add(step: ActivityStep, text: string, data?: Record<string, unknown>, subject?: ActivitySubject): ActivityEntry;
  entries(): ActivityEntry[];
  subscribe(listener: (entry: ActivityEntry) => void): () => void;
  /** `GET /api/events`: replays the kept entries, then streams new ones until the page goes away. */
  serveEvents(req: IncomingMessage, res: ServerResponse): void;
  /** Ends every open event stream (on shutdown, so the server can close). */
  closeStreams(): void;
}

const DEFAULT_MAX_ENTRIES = 200;
/** A comment line now and then keeps proxies from closing an idle stream. */
const KEEP_ALIVE_MS = 15_000;

export function createActivityLog(options: { maxEntries?: number; print?: (entry: ActivityEntry) => void } = {}): ActivityLog {
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const kept: ActivityEntry[] = [];
  const listeners = new Set<(entry: ActivityEntry) => void>();
  const streams = new Set<ServerResponse>();
  let nextId = 1;

  const log: ActivityLog = {
    add(step, text, data, subject) {
      const entry: ActivityEntry = {
        id: nextId++,
        at: Date.now(),
        step,
        text,
        ...(data && { data }),
        ...(subject?.customer !== undefined && { customer: subject.customer }),
        ...(subject?.conversationId !== undefined && { conversationId: subject.conversationId }),
      };
      kept.push(entry);
      if (kept.length > maxEntries) kept.splice(0, kept.length - maxEntries);
      options.print?.(entry);
      for (const listener of listeners) listener(entry);
      return entry;
    },
    entries: () => kept.slice(),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    serveEvents(req, res) {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      const send = (entry: ActivityEntry) => res.write(`id: ${entry.id}\ndata: ${JSON.stringify(entry)}\n\n`);
      // A reconnecting EventSource says what it already has.
      const after = Number(req.headers['last-event-id'] ?? 0) || 0;
      for (const entry of kept) if (entry.id > after) send(entry);
      const unsubscribe = log.subscribe(send);
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
      streams.add(res);
      res.on('close', () => {
        clearInterval(keepAlive);
        unsubscribe();
        streams.delete(res);
      });
    },
    closeStreams() {
      for (const res of streams) res.end();
    },
  };
  return log;
}
