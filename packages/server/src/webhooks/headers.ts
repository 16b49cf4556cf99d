/**
 * Request headers in any of the shapes a host app has at hand: a Fetch `Headers`, a plain object in any letter case,
 * or Node's `IncomingHttpHeaders` (values may be `string[]`).
 */
export type WebhookHeaders =
  | Headers
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | number | undefined>>;

/** The names Chatwoot uses (lowercase, as Node and `Headers` expose them). */
export const CHATWOOT_SIGNATURE_HEADER = 'x-chatwoot-signature';
export const CHATWOOT_TIMESTAMP_HEADER = 'x-chatwoot-timestamp';
export const CHATWOOT_DELIVERY_HEADER = 'x-chatwoot-delivery';

/** Reads one header (name given in lowercase); absent, empty or non-text values read as `undefined`. */
export function readHeader(headers: WebhookHeaders | null | undefined, lowerName: string): string | undefined {
  if (headers === null || typeof headers !== 'object') return undefined;
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return nonEmpty((headers as { get(name: string): unknown }).get(lowerName));
  }
  const record = headers as Readonly<Record<string, unknown>>;
  if (Object.prototype.hasOwnProperty.call(record, lowerName)) return nonEmpty(record[lowerName]);
  // Plain objects written by hand may use any case ("X-Chatwoot-Signature").
  for (const key of Object.keys(record)) {
    if (key.length === lowerName.length && key.toLowerCase() === lowerName) return nonEmpty(record[key]);
  }
  return undefined;
}

function nonEmpty(value: unknown): string | undefined {
  if (Array.isArray(value)) value = value.find((item) => typeof item === 'string');
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : undefined;
}
