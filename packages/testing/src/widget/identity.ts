import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Chatwoot's identity check: `identifier_hash` must be the lowercase hex HMAC-SHA256 of the identifier (as a
 * string) keyed with the inbox's hmac_token. Compared in constant time.
 */
export function isValidIdentifierHash(hmacToken: string, identifier: string | number, hash: unknown): boolean {
  if (typeof hash !== 'string') return false;
  const expected = Buffer.from(createHmac('sha256', hmacToken).update(String(identifier)).digest('hex'));
  const given = Buffer.from(hash);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** What Chatwoot answers (401) when the hash does not match. */
export const HMAC_FAILED_MESSAGE = 'HMAC failed: Invalid Identifier Hash Provided';
