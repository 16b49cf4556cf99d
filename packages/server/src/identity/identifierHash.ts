import { createHmac } from 'node:crypto';
import { assertHmacToken } from './hmacToken';

/**
 * The `identifier_hash` Chatwoot's widget needs for identity validation: lowercase hex HMAC-SHA256 of the
 * identifier, keyed with the inbox's HMAC token. Compute it on the server and send only the hash to the browser:
 * the token must never leave the server. On Web-standard runtimes use `identifierHashAsync` (`@wootkit/server/webhooks`).
 *
 * @example
 * // server: render it into the page or return it from your session endpoint
 * const identifierHash = identifierHash(user.id, process.env.CHATWOOT_HMAC_TOKEN!);
 * // browser: chatwoot.setUser(String(user.id), { name, email, identifier_hash: identifierHash })
 */
export function identifierHash(identifier: string | number | bigint, hmacToken: string): string {
  assertHmacToken(hmacToken, 'identifierHash');
  return createHmac('sha256', hmacToken).update(String(identifier), 'utf8').digest('hex');
}
