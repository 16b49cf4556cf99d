/** Refuses a missing HMAC token before hashing (shared by `identifierHash` and `identifierHashAsync`; no `node:` import). */
export function assertHmacToken(hmacToken: unknown, caller: string): asserts hmacToken is string {
  if (typeof hmacToken !== 'string' || hmacToken.length === 0) {
    // A TypeError on purpose: a missing token is a setup mistake, and the message says what to pass, not the value.
    throw new TypeError(`${caller}: hmacToken must be the inbox HMAC token (a non-empty string)`);
  }
}
