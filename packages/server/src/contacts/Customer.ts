import type { Attributes } from '../types/common';

/**
 * A person from your system (CRM row, database record, CSV line), as `upsertContact` and `syncContacts` take it.
 *
 * - At least one of `identifier`, `email`, `phone` is required: they are how the contact is found again, and what
 *   makes a second sync of the same data a no-op. Matching tries them in that order.
 * - `phone` may be in any format libphonenumber understands; it is stored as E.164. Without a leading `+`, pass
 *   `defaultCountry` to the call.
 * - A field that is `undefined`, `null` or blank is left alone: sync never clears a value in Chatwoot.
 * - `customAttributes` / `additionalAttributes` are merged key by key into the contact's (as Chatwoot itself does);
 *   keys you do not send are kept.
 */
export interface Customer {
  /** Your system's id for this person (Chatwoot `identifier`, unique per account). The best match key. */
  identifier?: string | null;
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  /** Sent when the contact is created only: Chatwoot fetches it in the background, so it cannot be compared later. */
  avatarUrl?: string | null;
  customAttributes?: Attributes | null;
  additionalAttributes?: Attributes | null;
}

/** Options shared by the contact functions. */
export interface ContactMatchOptions {
  /** ISO 3166 country (e.g. `MX`) for phone numbers written without a `+` country code. */
  defaultCountry?: string;
}
