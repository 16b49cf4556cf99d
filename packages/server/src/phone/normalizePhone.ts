// 'max' metadata: the only bundle whose isValid() checks the digits against each country's real number plans
// ('min' only checks lengths and would accept numbers that cannot exist). The server package can afford its size.
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { PhoneNumberError } from '../errors/PhoneNumberError';

export interface NormalizePhoneOptions {
  /** ISO 3166-1 alpha-2 country (e.g. `'MX'`) used to read numbers written without `+` and a country code. */
  defaultCountry?: string;
}

// Prefixes some channels put before the number (Twilio's `whatsapp:`, RFC 3966 `tel:`).
const SCHEME_PREFIX = /^(?:whatsapp|tel|sms):/i;
// Mexico dropped the mobile `1` after the country code in 2019; WhatsApp and old CRMs still send `+52 1 …`.
const MEXICO_LEGACY_MOBILE = /^\+521(\d{10})$/;
// …and the old national mobile prefixes 044/045 before a 10-digit number.
const MEXICO_LEGACY_NATIONAL = /^0?4[45](\d{10})$/;
// Brazil's mobiles gained a ninth digit (a 9 after the area code); WhatsApp and old records still hold the 12-digit
// form, which libphonenumber refuses. Chatwoot's WhatsApp normaliser adds the 9; so do we, for mobiles only (their
// 8 digits start with 6–9; a landline starts with 2–5 and is left as it is).
const BRAZIL_OLD_MOBILE = /^\+55([1-9]{2})([6-9]\d{7})$/;
const BRAZIL_OLD_MOBILE_NATIONAL = /^0?([1-9]{2})([6-9]\d{7})$/;
const MAX_INPUT_LENGTH = 64;

/**
 * Normalises a phone number to E.164 (`+5215512345678` → `+525512345678`; a Brazilian mobile without its ninth
 * digit, `+55 11 8765-4321` → `+5511987654321`), the only form Chatwoot accepts for
 * `phone_number`. Numbers without `+` are read in `defaultCountry`. Validity is checked against each country's
 * number plan (libphonenumber-js, full metadata).
 *
 * @throws {PhoneNumberError} `invalid_phone` (not a number that can exist), `missing_country` (national number and no
 * `defaultCountry`), `invalid_country` (unknown `defaultCountry`).
 */
export function normalizePhone(input: string | number, options: NormalizePhoneOptions = {}): string {
  const country = readCountry(options.defaultCountry);
  if (typeof input === 'number') {
    if (!Number.isSafeInteger(input) || input <= 0) throw invalid();
    input = String(input);
  }
  if (typeof input !== 'string') throw invalid();
  let text = input.trim().replace(SCHEME_PREFIX, '').trim();
  if (text.length === 0 || text.length > MAX_INPUT_LENGTH) throw invalid();

  // Text without a single digit is not a number in any country; say so rather than ask for one.
  if (!/\d/.test(text)) throw invalid();
  const digits = text.replace(/[\s().\-\u00a0]/g, '');
  const international = digits.startsWith('+');
  if (international) {
    text = digits.replace(MEXICO_LEGACY_MOBILE, '+52$1').replace(BRAZIL_OLD_MOBILE, '+55$19$2');
  } else {
    if (!country) {
      throw new PhoneNumberError(
        'missing_country',
        'Phone number has no country code: write it with "+" and the country code, or pass { defaultCountry }',
      );
    }
    if (country === 'MX') text = digits.replace(MEXICO_LEGACY_NATIONAL, '$1');
    if (country === 'BR') text = digits.replace(BRAZIL_OLD_MOBILE_NATIONAL, '$19$2');
  }

  const parsed = parsePhoneNumberFromString(text, country);
  if (!parsed || !parsed.isValid()) throw invalid();
  return parsed.number;
}

function readCountry(code: string | undefined): CountryCode | undefined {
  if (code === undefined) return undefined;
  const upper = typeof code === 'string' ? code.toUpperCase() : '';
  if (!isSupportedCountry(upper)) {
    throw new PhoneNumberError('invalid_country', 'defaultCountry must be an ISO 3166-1 alpha-2 code such as "MX"');
  }
  return upper;
}

function invalid(): PhoneNumberError {
  return new PhoneNumberError('invalid_phone', 'Not a valid phone number');
}
