import { WebhookVerificationError } from '../errors/WebhookVerificationError';
import type { WebhookEvent } from './events';
import {
  CHATWOOT_DELIVERY_HEADER,
  CHATWOOT_SIGNATURE_HEADER,
  CHATWOOT_TIMESTAMP_HEADER,
  readHeader,
  type WebhookHeaders,
} from './headers';
import { parseJson, toWebhookEvent } from './parseWebhookEvent';

// The steps of verifying a delivery that need no cryptography, shared by the `node:crypto` verifier (synchronous,
// `verifyWebhook.ts`) and the Web Crypto one (asynchronous, `web/verifyWebhookAsync.ts`): each computes only the
// HMAC, between `readDelivery` and `acceptSignedDelivery`. No `node:` import here or below.

export interface VerifyWebhookOptions {
  /**
   * The webhook's secret, or several while rotating (a delivery verifies if any of them signed it). Required unless
   * `requireSignature` is false. To serve several senders on one endpoint — an account webhook and an API inbox's own
   * webhook (e.g. Evolution API's relay), each with its own secret — name them: `{ account: '…', evolution: '…' }`
   * (a name may hold several secrets while rotating); the delivery's `source` then says whose secret signed it.
   */
  secret?: string | readonly string[] | Readonly<Record<string, string | readonly string[]>>;
  /** How far (seconds) `X-Chatwoot-Timestamp` may be from now. Default 300. `Infinity` turns the check off. */
  toleranceSeconds?: number;
  /** The current time, for tests: a `Date` or epoch milliseconds (like `Date.now()`). */
  now?: Date | number;
  /**
   * Default true: unsigned deliveries are refused. Set false only for senders that cannot sign (automation and macro
   * webhooks, Chatwoot before 4.11.2): unsigned deliveries are then accepted unverified, signed ones still verified
   * when a secret is set. With no secret at all, every delivery is accepted unverified, a forged signature too
   * (console.warn says so once per process).
   */
  requireSignature?: boolean;
}

/** The raw body exactly as received: the bytes, or the text they decode to. */
export type WebhookBody = string | Uint8Array | ArrayBuffer;

/** A verified delivery: the event plus what the headers said about it. */
export interface VerifiedWebhook {
  event: WebhookEvent;
  /** `X-Chatwoot-Delivery`: the same for every retry of one delivery, the deduplication key. */
  deliveryId: string | undefined;
  /** `X-Chatwoot-Timestamp` in unix seconds, when present. */
  timestamp: number | undefined;
  /** Whether a signature was checked (false only for unsigned deliveries with `requireSignature: false`). */
  signed: boolean;
  /** With named secrets: the name of the one that signed this delivery; otherwise undefined. */
  source?: string | undefined;
}

/** A configured secret and, when secrets were given by name, the sender it belongs to. */
export interface NamedSecret {
  secret: string;
  source: string | undefined;
}

/** A delivery whose headers passed: its signature is what is left to check. */
export interface SignedDelivery {
  body: string | Uint8Array;
  deliveryId: string | undefined;
  /** `X-Chatwoot-Timestamp` as sent (digits only): part of the signed message. */
  timestampHeader: string;
  /** The 64 hex digits after `sha256=`, or undefined when the header is not of that form (then nothing can match). */
  signatureHex: string | undefined;
  /** Non-empty secrets, at least one. */
  secrets: NamedSecret[];
}

const DEFAULT_TOLERANCE_SECONDS = 300;
const SIGNATURE_PREFIX = 'sha256=';
const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;
const UNIX_SECONDS = /^\d{1,12}$/;

/**
 * Reads the headers: an unsigned delivery that may go unverified comes back finished (a `VerifiedWebhook`), a
 * signed one as the {@link SignedDelivery} still to check.
 *
 * @throws {WebhookVerificationError} `missing_secret`, `missing_signature`, `missing_timestamp`, `invalid_timestamp`,
 * `malformed_payload`.
 */
export function readDelivery(rawBody: WebhookBody, headers: WebhookHeaders, options: VerifyWebhookOptions): VerifiedWebhook | SignedDelivery {
  const body = toBody(rawBody);
  const signature = readHeader(headers, CHATWOOT_SIGNATURE_HEADER);
  const timestampHeader = readHeader(headers, CHATWOOT_TIMESTAMP_HEADER);
  const deliveryId = readHeader(headers, CHATWOOT_DELIVERY_HEADER);
  const secrets = toSecrets(options?.secret);
  const requireSignature = options?.requireSignature ?? true;

  const mustVerify = requireSignature || (signature !== undefined && secrets.length > 0);
  if (!mustVerify) {
    if (signature !== undefined) warnUnverifiedOnce();
    const timestamp = timestampHeader !== undefined && UNIX_SECONDS.test(timestampHeader) ? Number(timestampHeader) : undefined;
    return { event: toWebhookEvent(parseJson(body)), deliveryId, timestamp, signed: false };
  }

  if (secrets.length === 0) {
    throw new WebhookVerificationError('missing_secret', 'No webhook secret configured: pass { secret } (or requireSignature: false for unsigned senders)');
  }
  if (signature === undefined) {
    throw new WebhookVerificationError('missing_signature', 'The X-Chatwoot-Signature header is missing: is a secret set on this Chatwoot webhook?');
  }
  if (timestampHeader === undefined) {
    throw new WebhookVerificationError('missing_timestamp', 'The X-Chatwoot-Timestamp header is missing');
  }
  if (!UNIX_SECONDS.test(timestampHeader)) {
    throw new WebhookVerificationError('invalid_timestamp', 'X-Chatwoot-Timestamp is not a unix time in seconds');
  }
  const hex = signature.startsWith(SIGNATURE_PREFIX) ? signature.slice(SIGNATURE_PREFIX.length) : '';
  return { body, deliveryId, timestampHeader, signatureHex: HEX_SHA256.test(hex) ? hex : undefined, secrets };
}

/** True when `value` is the finished result of {@link readDelivery} rather than a delivery still to check. */
export function isVerified(value: VerifiedWebhook | SignedDelivery): value is VerifiedWebhook {
  return 'event' in value;
}

/**
 * After the HMAC: refuses a signature that matched under no secret, then a timestamp out of tolerance, then parses.
 *
 * @throws {WebhookVerificationError} `invalid_signature`, `timestamp_out_of_range`, `malformed_payload`.
 */
export function acceptSignedDelivery(delivery: SignedDelivery, matched: NamedSecret | undefined, options: VerifyWebhookOptions): VerifiedWebhook {
  if (matched === undefined) {
    throw new WebhookVerificationError('invalid_signature', 'The webhook signature does not match the body under any configured secret');
  }
  // Checked after the signature, so an unsigned guess learns nothing about our clock or tolerance.
  const timestamp = Number(delivery.timestampHeader);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const nowSeconds = currentMillis(options.now) / 1000;
  if (!(Math.abs(nowSeconds - timestamp) <= tolerance)) {
    throw new WebhookVerificationError(
      'timestamp_out_of_range',
      `The webhook timestamp is more than ${tolerance} s from now (a replayed delivery or a wrong clock)`,
    );
  }
  return { event: toWebhookEvent(parseJson(delivery.body)), deliveryId: delivery.deliveryId, timestamp, signed: true, source: matched.source };
}

let warnedUnverified = false;

/**
 * `requireSignature: false` without a secret accepts every delivery, a forged signature too: say so once per process
 * (console.warn), the first time a signed delivery arrives that nothing can check.
 */
function warnUnverifiedOnce(): void {
  if (warnedUnverified) return;
  warnedUnverified = true;
  console.warn(
    '[wootkit] A signed Chatwoot webhook was accepted WITHOUT checking its signature: requireSignature is false and no secret is set, so forged deliveries are accepted too. Set the webhook secret (CHATWOOT_WEBHOOK_SECRET) to verify signed deliveries.',
  );
}

function toBody(rawBody: WebhookBody): string | Uint8Array {
  if (typeof rawBody === 'string' || rawBody instanceof Uint8Array) return rawBody;
  if (rawBody instanceof ArrayBuffer) return new Uint8Array(rawBody);
  throw new WebhookVerificationError(
    'malformed_payload',
    'The webhook body must be the raw request body (string, Buffer/Uint8Array or ArrayBuffer), not parsed JSON',
  );
}

function toSecrets(secret: VerifyWebhookOptions['secret']): NamedSecret[] {
  const usable = (value: unknown, source: string | undefined): NamedSecret[] => {
    const list: unknown[] = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
    return list.filter((item): item is string => typeof item === 'string' && item.length > 0).map((item) => ({ secret: item, source }));
  };
  if (typeof secret === 'object' && secret !== null && !Array.isArray(secret)) {
    return Object.entries(secret as Record<string, unknown>).flatMap(([source, value]) => usable(value, source));
  }
  return usable(secret, undefined);
}

function currentMillis(now: VerifyWebhookOptions['now']): number {
  if (now instanceof Date) return now.getTime();
  if (typeof now === 'number') return now;
  return Date.now();
}
