import type { Store } from '../store/types';
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
export interface ContactMatchOptions extends ContactLockOptions {
  /** ISO 3166 country (e.g. `MX`) for phone numbers written without a `+` country code. */
  defaultCountry?: string;
}

/**
 * How creates of one phone number take turns. Chatwoot keeps a contact's phone number unique only by a model
 * validation, not by a unique index, so two creates with the same phone that overlap BOTH succeed (a duplicate):
 * `upsertContact`, `findOrCreateContact` and `syncContacts` therefore create a contact with a phone one at a time per
 * number, and look it up again inside that turn. Email and identifier have unique indexes: their races are settled
 * by a lookup after Chatwoot's 422 or 500.
 */
export interface ContactLockOptions {
  /**
   * A store shared by every instance of your app (`createRedisStore`): creates on different instances then take
   * turns too, through a short lease in it (`<prefix>contacts:lock:<account>:<phone>`). Without it, creates take
   * turns within this process only. If the store fails, the create is not sent and its `StoreError` is thrown.
   */
  store?: Pick<Store, 'setIfAbsent' | 'deleteIfEquals'> | undefined;
  /** How long a lease in `store` lasts if its holder dies (it is given back after the create). Default 30000 ms. */
  lockTtlMs?: number | undefined;
  /** How long to wait for the creates ahead before rejecting with `ContactLockTimeoutError`. Default 35000 ms. */
  lockWaitMs?: number | undefined;
}
