import { PhoneNumberError } from '../errors/PhoneNumberError';

const E164 = /^\+[1-9]\d{1,14}$/;

/**
 * The forms one real number can be stored under, the given one first, for exact-match lookups: Mexico's
 * `+52 1 …` / `+52 …` and Argentina's mobile `+54 9 …` / `+54 …` are the same phone, and WhatsApp, Chatwoot and
 * older CRMs disagree on which to keep. Any other number has a single form.
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
  return undefined;
}
