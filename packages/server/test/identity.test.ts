import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { identifierHash } from '../src/index';

describe('identifierHash', () => {
  it('is the lowercase hex HMAC-SHA256 of the identifier under the inbox token (RFC 4231 vector)', () => {
    // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?".
    expect(identifierHash('what do ya want for nothing?', 'Jefe')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('hashes numbers as their decimal string, like the widget sends them', () => {
    const token = 'Xz9hmacTokenOfInbox';
    expect(identifierHash(12345, token)).toBe(identifierHash('12345', token));
    expect(identifierHash(12345n, token)).toBe(identifierHash('12345', token));
    expect(identifierHash('ünïcode-ид', token)).toBe(createHmac('sha256', token).update('ünïcode-ид', 'utf8').digest('hex'));
    expect(identifierHash('a', token)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs per identifier and per token', () => {
    expect(identifierHash('user-1', 't1')).not.toBe(identifierHash('user-2', 't1'));
    expect(identifierHash('user-1', 't1')).not.toBe(identifierHash('user-1', 't2'));
  });

  it('refuses a missing token without echoing anything secret', () => {
    expect(() => identifierHash('user-1', '')).toThrow(TypeError);
    expect(() => identifierHash('user-1', undefined as never)).toThrow(/hmacToken/);
  });
});
