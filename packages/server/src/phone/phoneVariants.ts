import { PhoneNumberError } from '../errors/PhoneNumberError';

const E164 = /^\+[1-9]\d{1,14}$/;
/** Brazil's mobile with its ninth digit: area code, 9, then 8 digits starting 6–9. */
const BRAZIL_MOBILE = /^\+55([1-9]{2})9([6-9]\d{7})$/;
/** …and the same mobile without the 9 (12 digits), as WhatsApp reports older numbers. */
const BRAZIL_OLD_MOBILE = /^\+55([1-9]{2})([6-9]\d{7})$/;

/**
 * The forms one real number can be stored under, the given one first, for exact-match lookups: Mexico's
 * `+52 1 …` / `+52 …`, Argentina's mobile `+54 9 …` / `+54 …` and Brazil's mobile `+55 DD 9XXXX-XXXX` /
 * `+55 DD XXXX-XXXX` (without the ninth digit) are the same phone, and WhatsApp, Chatwoot and older CRMs disagree
 * on which to keep. Any other number (a Brazilian landline too) has a single form.
 *
 * @param e164 a number in E.164, as `normalizePhone` returns.
 * @throws {PhoneNumberError} `invalid_phone` when the input is not E.164.
 */
export function phoneVariants(e164: string): string[] {
  if (typeof e164 !== 'string' || !E164.test(e164)) {
    throw new PhoneNumberError('invalid_phone', 'phoneVariants expects an E.164 number such as "+525512345678"');
  }
  const alternative = alternativeForm(e164);
  return alternative ? [e164, alternative] : [e164];
}

function alternativeForm(e164: string): string | undefined {
  // Mexico: 10 national digits; the legacy mobile form inserts a 1 after the country code.
  let match = /^\+521(\d{10})$/.exec(e164);
  if (match) return `+52${match[1]}`;
  match = /^\+52(\d{10})$/.exec(e164);
  if (match) return `+521${match[1]}`;
  // Argentina: 10 national digits; mobiles are dialled from abroad with a 9 after the country code.
  match = /^\+549(\d{10})$/.exec(e164);
  if (match) return `+54${match[1]}`;
  match = /^\+54(\d{10})$/.exec(e164);
  if (match) return `+549${match[1]}`;
  // Brazil: mobiles gained a ninth digit, a 9 after the area code (+55 DD 9XXXX-XXXX); WhatsApp still reports many
  // in the old 8-digit form, and Chatwoot's WhatsApp normaliser adds the 9 to match them. Only mobile numbers pair:
  // their 8 digits start with 6–9; a landline (2–5) never had the 9, and `+55 DD 9` + a landline is another phone.
  match = BRAZIL_MOBILE.exec(e164);
  if (match) return `+55${match[1]}${match[2]}`;
  match = BRAZIL_OLD_MOBILE.exec(e164);
  if (match) return `+55${match[1]}9${match[2]}`;
  return undefined;
}
