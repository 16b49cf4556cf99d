import { describe, expect, it } from 'vitest';
import { ChatwootError, normalizePhone, PhoneNumberError, phoneVariants, type PhoneNumberErrorCode } from '../src/index';

function codeOf(run: () => unknown): PhoneNumberErrorCode | 'no error' {
  try {
    run();
    return 'no error';
  } catch (error) {
    expect(error).toBeInstanceOf(PhoneNumberError);
    expect(error).toBeInstanceOf(ChatwootError);
    return (error as PhoneNumberError).code;
  }
}

describe('normalizePhone', () => {
  it.each([
    ['+1 (415) 555-2671', undefined, '+14155552671'],
    ['(415) 555-2671', 'US', '+14155552671'],
    ['+44 7911 123456', undefined, '+447911123456'],
    ['07911 123456', 'GB', '+447911123456'],
    ['+49 151 23456789', undefined, '+4915123456789'],
    ['0151 23456789', 'de', '+4915123456789'],
    ['+91 98765 43210', undefined, '+919876543210'],
    ['+55 11 98765-4321', undefined, '+5511987654321'],
    ['(11) 98765-4321', 'BR', '+5511987654321'],
    ['+34 612 34 56 78', undefined, '+34612345678'],
    ['612 345 678', 'ES', '+34612345678'],
    ['+52 55 1234 5678', undefined, '+525512345678'],
    ['55 1234 5678', 'MX', '+525512345678'],
    ['+54 9 11 2345-6789', undefined, '+5491123456789'],
    ['011 15 2345-6789', 'AR', '+5491123456789'],
    ['+54 11 2345-6789', undefined, '+541123456789'],
    ['whatsapp:+14155552671', undefined, '+14155552671'],
    ['tel:+44-7911-123456', undefined, '+447911123456'],
    ['  +1.415.555.2671  ', undefined, '+14155552671'],
    [14155552671, 'US', '+14155552671'],
  ] as const)('%s (%s) → %s', (input, defaultCountry, expected) => {
    expect(normalizePhone(input, { defaultCountry })).toBe(expected);
  });

  it("rewrites Mexico's legacy mobile form +52 1 … to the current +52 …", () => {
    expect(normalizePhone('+5215512345678')).toBe('+525512345678');
    expect(normalizePhone('+52 1 33 1234 5678')).toBe('+523312345678');
    expect(normalizePhone('+52 1 81 1234 5678')).toBe('+528112345678');
    expect(normalizePhone('whatsapp:+5215512345678')).toBe('+525512345678');
    expect(normalizePhone('044 55 1234 5678', { defaultCountry: 'MX' })).toBe('+525512345678');
    expect(normalizePhone('045 33 1234 5678', { defaultCountry: 'MX' })).toBe('+523312345678');
  });

  it("adds the ninth digit to a Brazilian mobile written without it, as Chatwoot's WhatsApp normaliser does", () => {
    expect(normalizePhone('+55 11 8765-4321')).toBe('+5511987654321');
    expect(normalizePhone('whatsapp:+556198765432')).toBe('+5561998765432');
    expect(normalizePhone('(11) 8765-4321', { defaultCountry: 'BR' })).toBe('+5511987654321');
    expect(normalizePhone('011 8765-4321', { defaultCountry: 'BR' })).toBe('+5511987654321');
    // Landlines keep their 8 digits.
    expect(normalizePhone('+55 11 3333-4444')).toBe('+551133334444');
    expect(normalizePhone('(11) 3333-4444', { defaultCountry: 'BR' })).toBe('+551133334444');
  });

  it('returns the same E.164 when given E.164', () => {
    for (const e164 of ['+525512345678', '+5491123456789', '+14155552671', '+447911123456']) {
      expect(normalizePhone(normalizePhone(e164))).toBe(e164);
    }
  });

  it.each([
    ['abc', undefined, 'invalid_phone'],
    ['', undefined, 'invalid_phone'],
    ['   ', 'US', 'invalid_phone'],
    ['+12345', undefined, 'invalid_phone'],
    ['+1 415 555 267', undefined, 'invalid_phone'],
    ['+999 1234 5678', undefined, 'invalid_phone'],
    ['+44 1234', undefined, 'invalid_phone'],
    ['5512345678', undefined, 'missing_country'],
    ['(415) 555-2671', undefined, 'missing_country'],
    ['5512345678', 'XX', 'invalid_country'],
    ['5512345678', 'Mexico', 'invalid_country'],
    ['1'.repeat(200), 'US', 'invalid_phone'],
  ] as const)('refuses %j (%s) with %s', (input, defaultCountry, code) => {
    expect(codeOf(() => normalizePhone(input, { defaultCountry }))).toBe(code);
  });

  it('refuses non-text input with a typed error, and never repeats the number', () => {
    for (const bad of [null, undefined, {}, [], NaN, -5, 1.5, true]) {
      expect(codeOf(() => normalizePhone(bad as never))).toBe('invalid_phone');
    }
    try {
      normalizePhone('+1 415 555 267');
    } catch (error) {
      expect((error as Error).message).not.toContain('415');
    }
  });
});

describe('phoneVariants', () => {
  it('pairs Mexico +52 and +521 both ways, the given form first', () => {
    expect(phoneVariants('+525512345678')).toEqual(['+525512345678', '+5215512345678']);
    expect(phoneVariants('+5215512345678')).toEqual(['+5215512345678', '+525512345678']);
  });

  it('pairs Argentina +549 and +54 both ways', () => {
    expect(phoneVariants('+5491123456789')).toEqual(['+5491123456789', '+541123456789']);
    expect(phoneVariants('+541123456789')).toEqual(['+541123456789', '+5491123456789']);
  });

  it("pairs Brazil's mobile with and without its ninth digit, both ways", () => {
    expect(phoneVariants('+5511987654321')).toEqual(['+5511987654321', '+551187654321']);
    expect(phoneVariants('+551187654321')).toEqual(['+551187654321', '+5511987654321']);
    expect(phoneVariants('+5561998765432')).toEqual(['+5561998765432', '+556198765432']);
  });

  it('never pairs a Brazilian landline (8 digits starting 2–5) with the mobile a 9 before it would make', () => {
    // +55 11 3333-4444 is a São Paulo landline; +55 11 93333-4444 is someone else's mobile.
    expect(phoneVariants('+551133334444')).toEqual(['+551133334444']);
    expect(phoneVariants('+5511933334444')).toEqual(['+5511933334444']);
    // 13 digits whose fifth is not the ninth digit: no other form.
    expect(phoneVariants('+5511887654321')).toEqual(['+5511887654321']);
  });

  it('has a single form elsewhere', () => {
    for (const e164 of ['+14155552671', '+447911123456', '+551133334444', '+4915123456789']) {
      expect(phoneVariants(e164)).toEqual([e164]);
    }
  });

  it('covers what normalizePhone makes of a WhatsApp number', () => {
    const fromWhatsApp = '+5215512345678';
    expect(phoneVariants(normalizePhone(fromWhatsApp))).toContain(fromWhatsApp);
  });

  it('refuses anything but E.164', () => {
    for (const bad of ['5512345678', '+0123', '+52 55 1234 5678', '', '+1234567890123456']) {
      expect(codeOf(() => phoneVariants(bad))).toBe('invalid_phone');
    }
  });
});
