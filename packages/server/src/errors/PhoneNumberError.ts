import { ChatwootError } from './ChatwootError';

/** Why a phone number was refused. Stable: match on these, not on messages. */
export type PhoneNumberErrorCode =
  /** Not a phone number that exists (wrong length or digits for its country), or not text at all. */
  | 'invalid_phone'
  /** A national number (no `+`) and no `defaultCountry` to read it in. */
  | 'missing_country'
  /** `defaultCountry` is not an ISO 3166-1 alpha-2 code that has phone numbers. */
  | 'invalid_country';

/**
 * Thrown by `normalizePhone` and `phoneVariants`. The message never repeats the number (it is personal data that
 * would end up in logs); the caller knows which input it passed.
 */
export class PhoneNumberError extends ChatwootError {
  override name = 'PhoneNumberError';
  declare readonly code: PhoneNumberErrorCode;
  constructor(code: PhoneNumberErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
