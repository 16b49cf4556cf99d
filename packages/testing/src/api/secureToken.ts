import { randomInt } from 'node:crypto';

// Rails' `has_secure_token` (SecureRandom.base58, 24 characters): how Chatwoot v4.15.1 makes the secret of every
// webhook, API channel and agent bot (app/models/concerns/webhook_secretable.rb) and the API channel's tokens.
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

export function newSecureToken(length = 24): string {
  let token = '';
  for (let i = 0; i < length; i++) token += BASE58[randomInt(BASE58.length)];
  return token;
}
