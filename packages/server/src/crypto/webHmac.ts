/**
 * HMAC-SHA256 on Web Crypto (`crypto.subtle`) and `TextEncoder` only: no `node:` module, no Buffer, so the code that
 * uses it runs on Cloudflare Workers, Vercel/Next.js Edge, Deno and browsers as well as on Node 20+. Web Crypto is
 * asynchronous, so everything here returns a Promise.
 */

const utf8 = new TextEncoder();

// Importing a key is the slow part of a Web Crypto HMAC: keep one per secret (a server uses the same few secrets).
// A rejected import is dropped from the cache so a retry can succeed.
const keyCache = new Map<string, Promise<CryptoKey>>();
const KEY_CACHE_SIZE = 16;

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keyCache.get(secret);
  if (key === undefined) {
    if (keyCache.size >= KEY_CACHE_SIZE) keyCache.clear();
    key = webCrypto().importKey('raw', utf8.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    keyCache.set(secret, key);
    key.catch(() => keyCache.delete(secret));
  }
  return key;
}

function webCrypto(): SubtleCrypto {
  const subtle = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
  if (subtle === undefined) {
    // Only an odd host lacks it (Node before 19 without --experimental-global-webcrypto, an insecure browser context).
    throw new TypeError('Web Crypto (globalThis.crypto.subtle) is not available in this runtime: use the Node entry of @wootkit/server');
  }
  return subtle;
}

/** The raw 32-byte HMAC-SHA256 of `message` (UTF-8 text or bytes) under `secret` (UTF-8). */
export async function hmacSha256(secret: string, message: string | Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const key = await hmacKey(secret);
  const data = typeof message === 'string' ? utf8.encode(message) : message;
  return new Uint8Array(await webCrypto().sign('HMAC', key, data));
}

/** `prefix` (UTF-8) followed by `body`, as one buffer: what Chatwoot signs is `"<timestamp>.<raw body>"`. */
export function concatUtf8(prefix: string, body: string | Uint8Array): Uint8Array<ArrayBuffer> {
  if (typeof body === 'string') return utf8.encode(prefix + body);
  const head = utf8.encode(prefix);
  const bytes = new Uint8Array(head.byteLength + body.byteLength);
  bytes.set(head, 0);
  bytes.set(body, head.byteLength);
  return bytes;
}

/**
 * Compares two byte strings in time that depends only on their length (public: 32 bytes for SHA-256), never on
 * where they first differ, so a forger cannot find a valid signature byte by byte.
 */
export function timingSafeEqualBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  let difference = 0;
  for (let i = 0; i < a.byteLength; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Lowercase hex, as Chatwoot writes signatures and identifier hashes. */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < bytes.byteLength; i++) hex += HEX[bytes[i]!];
  return hex;
}

/** Bytes of an even-length hex string the caller has already checked (`/^[0-9a-f]*$/i`). */
export function fromHex(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < bytes.byteLength; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}
