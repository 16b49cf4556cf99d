import type { ChatwootClient } from '../client/createChatwootClient';
import type { Contact } from '../types/contact';
import { toDesiredContact } from './contactInput';
import { assertContactLockOptions } from './contactCreateLock';
import { createContactOnce } from './createContactOnce';
import type { ContactMatchOptions, Customer } from './Customer';
import { findContactByKeys } from './findContact';

/**
 * Finds the contact matching `customer` (like `upsertContact`) or creates it from `customer`, but never changes
 * an existing contact: for callers that only need "the contact for this phone", such as `notify`. Races and
 * unknown create outcomes are settled by a second lookup, never by a duplicate; concurrent calls for one phone take
 * turns on creating it (see `ContactLockOptions`: pass a `store` when several processes create contacts).
 *
 * @throws {InvalidCustomerError | PhoneNumberError} before any request.
 * @throws {ContactLockTimeoutError} other creates of this phone held the turn for `lockWaitMs`.
 */
export async function findOrCreateContact(
  client: Pick<ChatwootClient, 'contacts'>,
  customer: Customer,
  options: ContactMatchOptions = {},
): Promise<{ contact: Contact; created: boolean }> {
  assertContactLockOptions(options);
  const desired = toDesiredContact(customer, options);
  const existing = await findContactByKeys(client, desired.keys);
  if (existing) return { contact: existing, created: false };
  return createContactOnce(client, desired, options);
}
