import { ChatwootError } from '../errors/ChatwootError';
import { toWebhookError, WebhookHandlerError, type WebhookError } from '../errors/WebhookHandlerError';
import { WebhookVerificationError } from '../errors/WebhookVerificationError';
import { createMemoryStore } from '../store/memory';
import type { VerifiedWebhook, VerifyWebhookOptions, WebhookBody } from './delivery';
import { createDeliveryClaims, type DeliveryClaim, type WebhookDedupe } from './dedupe';
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
  /** Your code, per event. Throwing (or rejecting) answers 500 and gives the delivery back so a retry is handled. */
  on: WebhookEventHandlers;
  /**
   * Told about every refused or failed delivery (for logs/metrics), and about a delivery kept as `unknown` when there
   * is no `on.unknown` (a `WebhookVerificationError` `malformed_payload` or `unknown_event`, status 200), so nothing
   * is dropped silently. Errors never contain the secret.
   */
  onError?: (error: WebhookError, info: WebhookErrorInfo) => void;
  /** Remembers deliveries so a repeated one is handled once (any `Store`). Default: in memory, this process only. */
  dedupe?: WebhookDedupe;
  /** How long a handled delivery is remembered. Default 24 h. */
  dedupeTtlMs?: number;
  /**
   * How long a delivery being handled is held. A copy arriving meanwhile waits for it (up to 3 s): `duplicate` once it
   * was handled, handled itself if the holder gave it back or lost it, else `429 delivery_in_progress` with
   * `Retry-After`. A claim left behind by a crash or a store outage frees itself after this. Default 5 s, Chatwoot's
   * own webhook timeout (`WEBHOOK_TIMEOUT`): a handler should answer within it anyway.
   */
  dedupeLeaseMs?: number;
  /** How long one dedupe store call may take before the delivery is answered `500 dedupe_failed`. Default 2 s. */
  dedupeTimeoutMs?: number;
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
// Chatwoot v4.15.1, `lib/webhooks/trigger.rb` (`webhook_timeout`): WEBHOOK_TIMEOUT, 5 s unless configured.
const CHATWOOT_WEBHOOK_TIMEOUT_MS = 5_000;

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
  const leaseMs = options.dedupeLeaseMs ?? CHATWOOT_WEBHOOK_TIMEOUT_MS;
  const claims = createDeliveryClaims(dedupe, {
    ttlMs: options.dedupeTtlMs ?? DAY_MS,
    leaseMs,
    timeoutMs: options.dedupeTimeoutMs ?? 2_000,
    // A copy waits for the attempt holding its delivery, but answers before Chatwoot's own timeout.
    waitMs: Math.min(leaseMs, 3_000),
  });
  const keyPrefix = options.dedupeKeyPrefix ?? 'webhook:';
  const verifyOptions: VerifyWebhookOptions = {
    secret: options.secret,
    toleranceSeconds: options.toleranceSeconds,
    requireSignature: options.requireSignature,
  };

  /** Tells `onError`, whose own failure must not change the answer Chatwoot gets. */
  function report(error: WebhookError, status: number, deliveryId: string | undefined): void {
    try {
      options.onError?.(error, { status, deliveryId });
    } catch {
      // ignored on purpose
    }
  }

  function fail(error: WebhookError, status: number, deliveryId?: string, headers?: Record<string, string>): Response {
    report(error, status, deliveryId);
    // Only our own typed errors carry a code worth sending back; a handler's error text stays on the server.
    const code = error instanceof ChatwootError ? error.code : 'handler_failed';
    const extra = status === 413 ? { connection: 'close', ...headers } : headers;
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
    let claim: DeliveryClaim;
    try {
      const claimed = await claims.claim(keys);
      if (claimed.outcome === 'duplicate') return json(200, { ok: true, duplicate: true });
      if (claimed.outcome === 'in_progress') {
        const retryAfter = String(Math.max(1, Math.ceil(leaseMs / 1000)));
        const error = new WebhookHandlerError('delivery_in_progress', 'Another attempt of this delivery is being handled: retry after its lease');
        return fail(error, 429, deliveryId, { 'retry-after': retryAfter });
      }
      claim = claimed.claim;
    } catch (error) {
      return fail(toWebhookError(error, 'dedupe_failed', 'The dedupe store failed, so the delivery was not handled'), 500, deliveryId);
    }

    const handle = options.on?.[event.event] as ((event: WebhookEvent, context: WebhookContext) => unknown) | undefined;
    try {
      if (handle) {
        await handle(event, { deliveryId, timestamp: delivery.timestamp, signed: delivery.signed, source: delivery.source, request });
      }
    } catch (error) {
      // Give the delivery back so Chatwoot's (or an agent bot's) retry of it is handled, not skipped. If the store is
      // down this fails too, and the claim frees itself after its lease.
      await claim.release();
      return fail(toWebhookError(error, 'handler_failed', `Your on.${event.event} handler failed (see cause)`), 500, deliveryId);
    }
    try {
      await claim.done();
    } catch (error) {
      // Handled, so answered 200; a copy arriving after the lease would be handled again: say so.
      report(toWebhookError(error, 'dedupe_failed', 'The delivery was handled but the dedupe store could not remember it'), 200, deliveryId);
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

  /** A delivery kept as `unknown` with no `on.unknown`: answered 200 (a refusal is never retried), told to onError. */
  function reportUnhandled(event: UnknownWebhookEvent, deliveryId: string | undefined): void {
    const error =
      event.reason === 'unexpected_shape'
        ? new WebhookVerificationError('malformed_payload', `Webhook payload is malformed: ${event.problem ?? event.name}`)
        : new WebhookVerificationError('unknown_event', `Webhook event "${event.name}" is not one this version knows`);
    report(error, 200, deliveryId);
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
