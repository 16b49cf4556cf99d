import type { IncomingMessage, ServerResponse } from 'node:http';
import { toWebhookError } from '../errors/WebhookHandlerError';
import { WebhookVerificationError } from '../errors/WebhookVerificationError';
import type { WebhookHandler, WebhookHandlerOptions } from './buildWebhookHandler';
import { createWebhookHandler } from './createWebhookHandler';

/** A Node `http` request, possibly after Express's `express.raw()` / `express.text()` stored the body on it. */
export type NodeWebhookRequest = IncomingMessage & { body?: unknown; originalUrl?: string };

/** `(req, res) => void` for `http.createServer(...)`, `app.post(path, ...)` (Express, Fastify's `raw` handlers…). */
export type NodeWebhookHandler = (req: NodeWebhookRequest, res: ServerResponse) => Promise<void>;

/**
 * Runs a Fetch-API handler (such as `createWebhookHandler`'s) under Node `http` or Express. The raw body is read from
 * the request stream, or taken from `req.body` when `express.raw()` already read it as a Buffer (or `express.text()`
 * as a string). A body that `express.json()` already parsed cannot be verified (its bytes are gone): that answers 500
 * `raw_body_unavailable` — mount `express.raw({ type: 'application/json' })` on the webhook route instead — and so
 * does a body that a middleware read without keeping it (the stream has ended: waiting for it would never answer).
 */
export function toNodeHandler(handler: WebhookHandler, options: NodeAdapterOptions = {}): NodeWebhookHandler {
  return async function nodeWebhookHandler(req, res) {
    let response: Response;
    try {
      response = await handler(toFetchRequest(req));
    } catch (error) {
      try {
        options.onError?.(toWebhookError(error, 'internal_error', 'The webhook handler failed'), { status: 500 });
      } catch {
        // A failing logger must not change the answer.
      }
      const code = error instanceof WebhookVerificationError ? error.code : 'internal_error';
      const message = error instanceof WebhookVerificationError ? error.message : 'The webhook handler failed';
      response = new Response(JSON.stringify({ ok: false, error: code, message }), {
        status: 500,
        headers: { 'content-type': 'application/json' },
      });
    }
    try {
      await writeResponse(response, req, res);
    } catch {
      // The client went away mid-answer. Never reject: http.createServer ignores the promise, and an unhandled
      // rejection would take the whole process down.
      res.destroy();
    }
  };
}

/** Options of {@link toNodeHandler}. */
export interface NodeAdapterOptions {
  /**
   * Told when the adapter itself refuses a request before the Fetch handler sees it (a body `express.json()` already
   * parsed: 500 `raw_body_unavailable`), so a misconfigured route shows up in your logs, not only in Chatwoot's.
   */
  onError?: WebhookHandlerOptions['onError'];
}

/** `createWebhookHandler` + `toNodeHandler` in one call; `onError` hears about the adapter's refusals too. */
export function createNodeWebhookHandler(options: WebhookHandlerOptions): NodeWebhookHandler {
  return toNodeHandler(createWebhookHandler(options), { onError: options.onError });
}

function toFetchRequest(req: NodeWebhookRequest): Request {
  const method = (req.method ?? 'GET').toUpperCase();
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const host = req.headers.host ?? '127.0.0.1';
  const url = new URL(req.originalUrl ?? req.url ?? '/', `http://${host}`);
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers });

  const already = req.body;
  if (already instanceof Uint8Array || typeof already === 'string') {
    // express.raw()/express.text() consumed the stream; its Content-Length still describes these bytes.
    return new Request(url, { method, headers, body: already as BodyInit });
  }
  if (already !== undefined && already !== null && req.readableEnded) {
    throw new WebhookVerificationError(
      'raw_body_unavailable',
      'The request body was already parsed (express.json()?); use express.raw({ type: "application/json" }) on the webhook route',
    );
  }
  // Read by a middleware that kept nothing: the stream has ended, so waiting for its bytes would wait forever.
  if (req.readableEnded || req.readable === false) {
    throw new WebhookVerificationError(
      'raw_body_unavailable',
      'The request body was already read by a middleware that did not keep it; mount the webhook route before it, or use express.raw({ type: "application/json" }) on the route',
    );
  }
  return new Request(url, { method, headers, body: nodeBodyStream(req), duplex: 'half' } as RequestInit);
}

/** Streams Node's request body. Cancelling (an oversized body) drains the rest instead of destroying the socket. */
function nodeBodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      // After a cancel the controller refuses calls; late events from the socket are then ignored.
      const settle = (act: () => void) => {
        if (!open) return;
        try {
          act();
        } catch {
          open = false;
        }
      };
      req.on('data', (chunk: Buffer) => {
        settle(() => controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
        if ((controller.desiredSize ?? 1) <= 0) req.pause();
      });
      req.once('end', () => settle(() => { open = false; controller.close(); }));
      req.once('error', (error) => settle(() => { open = false; controller.error(error); }));
      // A client that disconnects mid-body may not emit 'error': without this the read would wait forever.
      req.once('close', () => settle(() => { open = false; controller.error(new Error('The request was closed before its body ended')); }));
    },
    pull() {
      req.resume();
    },
    cancel() {
      req.removeAllListeners('data');
      req.resume();
    },
  });
}

async function writeResponse(response: Response, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const body = req.method?.toUpperCase() === 'HEAD' || response.body === null ? undefined : Buffer.from(await response.arrayBuffer());
  if (body !== undefined) headers['content-length'] = String(body.byteLength);
  res.writeHead(response.status, headers);
  res.end(body);
}
