import { ChatwootError } from '../errors/ChatwootError';
import { toWebhookError, type WebhookError } from '../errors/WebhookHandlerError';
import { WebhookVerificationError } from '../errors/WebhookVerificationError';
import { createMemoryStore } from '../store/memory';
import type { VerifiedWebhook, VerifyWebhookOptions, WebhookBody } from './delivery';
import type { WebhookDedupe } from './dedupe';
import type { UnknownWebhookEvent, WebhookEvent, WebhookEventOf } from './events';
import { CHATWOOT_DELIVERY_HEADER, CHATWOOT_SIGNATURE_HEADER, readHeader, type WebhookHeaders } from './headers';
import { readBodyWithLimit } from './readBody';

/** What a handler learns about the delivery besides the event. */
export interface WebhookContext {
  /** `X-Chatwoot-Delivery` (absent on unsigned deliveries from older Chatwoot or automations). */
  deliveryId: string | undefined;
  /** `X-Chatwoot-Timestamp`, unix seconds. */
  timestamp: number | undefined;
  /** False only for unsigned deliveries accepted with `requireSignature: false`. */
  signed: boolean;
  /**
   * With named secrets (`secret: { account: '…', evolution: '…' }`): which sender's secret signed this delivery, e.g.
   * to tell an account webhook from an API inbox's own webhook on one endpoint. Undefined otherwise.
   */
  source: string | undefined;
  /** The incoming request (with the Node adapter, a Fetch `Request` built from Node's). */
  request: Request;
}

/**
 * One optional function per event name. `unknown` receives every delivery this version cannot type (an unknown event
 * name, or a known one with an unexpected shape: see `reason` and `problem`) with the whole parsed payload.
 */
export type WebhookEventHandlers = {
  [Name in WebhookEvent['event']]?: (event: WebhookEventOf<Name>, context: WebhookContext) => unknown;
};

export interface WebhookErrorInfo {
  /** The HTTP status the handler answers with (200 for a delivery kept as `unknown` that no `on.unknown` handles). */
  status: number;
  /** `X-Chatwoot-Delivery` whenever the request carried one, even when it was refused before verification. */
  deliveryId?: string | undefined;
}

export interface WebhookHandlerOptions extends Pick<VerifyWebhookOptions, 'secret' | 'toleranceSeconds' | 'requireSignature'> {
  /** Your code, per event. Throwing (or rejecting) answers 500 and forgets the delivery id so a retry is handled. */
  on: WebhookEventHandlers;
  /**
   * Told about every refused or failed delivery (for logs/metrics), and about a delivery kept as `unknown` when there
   * is no `on.unknown` (a `WebhookVerificationError` `malformed_payload` or `unknown_event`, status 200), so nothing
   * is dropped silently. Errors never contain the secret.
   */
  onError?: (error: WebhookError, info: WebhookErrorInfo) => void;
  /** Remembers delivery ids so a repeated delivery is handled once (any `Store`). Default: in memory, this process only. */
  dedupe?: WebhookDedupe;
  /** How long a delivery id is remembered. Default 24 h. */
  dedupeTtlMs?: number;
  /**
   * Key prefix in the dedupe store, added after the store's own prefix. Default `webhook:`, so with the Redis store's
   * default prefix a delivery id lands at `wootkit:webhook:<X-Chatwoot-Delivery>`.
   */
  dedupeKeyPrefix?: string;
  /** Larger bodies get 413 (counted while streaming). Default 1 MB. */
  maxBodyBytes?: number;
}

/** A standard Fetch-API handler: Next.js route handlers, Hono, Bun, Deno, Cloudflare-style runtimes. */
export type WebhookHandler = (request: Request) => Promise<Response>;

const ONE_MB = 1024 * 1024;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The verification step the endpoint runs: `node:crypto` (synchronous) on Node, Web Crypto elsewhere. */
export type VerifyDelivery = (
  rawBody: WebhookBody,
  headers: WebhookHeaders,
  options: VerifyWebhookOptions,
) => VerifiedWebhook | Promise<VerifiedWebhook>;

/**
 * The webhook endpoint that `createWebhookHandler` builds, on the verifier it is given: the one place its rules
 * live, shared by the Node entry (`node:crypto`) and `@wootkit/server/webhooks` (Web Crypto). No `node:` import here.
 */
export function buildWebhookHandler(options: WebhookHandlerOptions, verifyDelivery: VerifyDelivery): WebhookHandler {
  const maxBodyBytes = options.maxBodyBytes ?? ONE_MB;
  const dedupe = options.dedupe ?? createMemoryStore();
  const dedupeTtlMs = options.dedupeTtlMs ?? DAY_MS;
  const keyPrefix = options.dedupeKeyPrefix ?? 'webhook:';
  const verifyOptions: VerifyWebhookOptions = {
    secret: options.secret,
    toleranceSeconds: options.toleranceSeconds,
    requireSignature: options.requireSignature,
  };

  function fail(error: WebhookError, status: number, deliveryId?: string): Response {
    try {
      options.onError?.(error, { status, deliveryId });
    } catch {
      // A failing logger must not change the answer Chatwoot gets.
    }
    // Only our own typed errors carry a code worth sending back; a handler's error text stays on the server.
    const code = error instanceof ChatwootError ? error.code : 'handler_failed';
    const extra = status === 413 ? { connection: 'close' } : undefined;
    return json(status, { ok: false, error: code }, extra);
  }

  return async function handleChatwootWebhook(request: Request): Promise<Response> {
    const method = request.method.toUpperCase();
    if (method === 'GET') return json(200, { ok: true });
    if (method === 'HEAD') return new Response(null, { status: 200 });
    if (method !== 'POST') {
      return json(405, { ok: false, error: 'method_not_allowed' }, { allow: 'GET, HEAD, POST' });
    }

    // Read before verifying, so even a refused delivery can be traced in Chatwoot's logs by its id.
    const sentDeliveryId = readHeader(request.headers, CHATWOOT_DELIVERY_HEADER);
    let delivery;
    try {
      if (request.bodyUsed) {
        throw new WebhookVerificationError(
          'raw_body_unavailable',
          'The request body was already read before the webhook handler (c.req.json()?): pass the untouched request',
        );
      }
      const body = await readBodyWithLimit(request.body, request.headers.get('content-length'), maxBodyBytes);
      delivery = await verifyDelivery(body, request.headers, verifyOptions);
    } catch (error) {
      return fail(toWebhookError(error, 'internal_error', 'The request body could not be read'), statusFor(error), sentDeliveryId);
    }

    const { event, deliveryId } = delivery;
    const keys = dedupeKeys(delivery.signed ? readHeader(request.headers, CHATWOOT_SIGNATURE_HEADER) : undefined, deliveryId);
    const claimed: string[] = [];
    try {
      for (const key of keys) {
        if (!(await dedupe.setIfAbsent(key, String(delivery.timestamp ?? ''), dedupeTtlMs))) {
          return json(200, { ok: true, duplicate: true });
        }
        claimed.push(key);
      }
    } catch (error) {
      await forget(claimed);
      return fail(toWebhookError(error, 'dedupe_failed', 'The dedupe store failed, so the delivery was not handled'), 500, deliveryId);
    }

    const handle = options.on?.[event.event] as ((event: WebhookEvent, context: WebhookContext) => unknown) | undefined;
    try {
      if (handle) {
        await handle(event, { deliveryId, timestamp: delivery.timestamp, signed: delivery.signed, source: delivery.source, request });
      }
    } catch (error) {
      // Forget the delivery so Chatwoot's (or an agent bot's) retry of it is handled, not skipped.
      await forget(claimed);
      return fail(toWebhookError(error, 'handler_failed', `Your on.${event.event} handler failed (see cause)`), 500, deliveryId);
    }
    if (handle === undefined && event.event === 'unknown') reportUnhandled(event, deliveryId);
    return json(200, { ok: true, handled: handle !== undefined });
  };

  /**
   * What makes a delivery the same delivery. The delivery id alone is not signed: a captured delivery re-sent within
   * the timestamp tolerance under another `X-Chatwoot-Delivery`, or none, would be handled again. Its signature is an
   * HMAC of the timestamp and the body, so it names those exact signed bytes: a copy is caught by either key, while a
   * Chatwoot retry (same id, fresh timestamp and signature) is still caught by its id. Unsigned deliveries (only with
   * `requireSignature: false`) have the id alone.
   */
  function dedupeKeys(signature: string | undefined, deliveryId: string | undefined): string[] {
    const keys: string[] = [];
    if (signature !== undefined) keys.push(`${keyPrefix}sig:${signature.toLowerCase()}`);
    if (deliveryId !== undefined) keys.push(keyPrefix + deliveryId);
    return keys;
  }

  async function forget(keys: string[]): Promise<void> {
    for (const key of keys) await dedupe.delete(key).catch(() => undefined);
  }

  /** A delivery kept as `unknown` with no `on.unknown`: answered 200 (a refusal is never retried), told to onError. */
  function reportUnhandled(event: UnknownWebhookEvent, deliveryId: string | undefined): void {
    const error =
      event.reason === 'unexpected_shape'
        ? new WebhookVerificationError('malformed_payload', `Webhook payload is malformed: ${event.problem ?? event.name}`)
        : new WebhookVerificationError('unknown_event', `Webhook event "${event.name}" is not one this version knows`);
    try {
      options.onError?.(error, { status: 200, deliveryId });
    } catch {
      // A failing logger must not change the answer Chatwoot gets.
    }
  }
}

function statusFor(error: unknown): number {
  if (!(error instanceof WebhookVerificationError)) return 500;
  switch (error.code) {
    case 'payload_too_large':
      return 413;
    case 'malformed_payload':
      return 400;
    case 'missing_secret':
    case 'raw_body_unavailable':
      return 500;
    default:
      return 401;
  }
}

function json(status: number, body: Record<string, unknown>, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}
