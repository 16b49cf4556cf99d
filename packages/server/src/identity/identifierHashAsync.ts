import { hmacSha256, toHex } from '../crypto/webHmac';
import { assertHmacToken } from './hmacToken';

/**
 * `identifierHash` on Web Crypto: the same lowercase hex HMAC-SHA256 of `String(identifier)` under the inbox's HMAC
 * token, but asynchronous and with no `node:` module, for Cloudflare Workers, Vercel/Next.js Edge and Deno. Import it
 * from `@wootkit/server/webhooks` there; on Node the synchronous `identifierHash` of `@wootkit/server` is simpler.
 *
 * @example
 * // Next.js Edge route or Worker: return it from your authenticated session endpoint, never the token
 * const identifier_hash = await identifierHashAsync(user.id, env.CHATWOOT_HMAC_TOKEN);
 *
 * @throws {TypeError} (as a rejection) when `hmacToken` is not a non-empty string.
 */
export async function identifierHashAsync(identifier: string | number | bigint, hmacToken: string): Promise<string> {
  assertHmacToken(hmacToken, 'identifierHashAsync');
  return toHex(await hmacSha256(hmacToken, String(identifier)));
}
