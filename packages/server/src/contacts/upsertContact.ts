import type { ChatwootClient } from '../client/createChatwootClient';
import type { Contact } from '../types/contact';
import { contactChanges } from './contactChanges';
import { toDesiredContact, type DesiredContact } from './contactInput';
import { assertContactLockOptions } from './contactCreateLock';
import { createContactOnce } from './createContactOnce';
import type { ContactLockOptions, ContactMatchOptions, Customer } from './Customer';
import { findContactByKeys } from './findContact';

/** What `upsertContact` did. */
export type UpsertAction = 'created' | 'updated' | 'unchanged';

export interface UpsertResult {
  action: UpsertAction;
  /** The contact as Chatwoot holds it after the call. */
  contact: Contact;
}

/**
 * Makes Chatwoot hold `customer`: finds the contact (identifier, then email, then phone with its variants; one
 * exact-filter request), PATCHes only the fields that differ — no request at all when none does — or creates it.
 *
 * Never makes a duplicate:
 * - concurrent creates of one phone number take turns (Chatwoot itself would accept both: a phone is unique only by
 *   validation), in this process and, with `options.store`, across processes; the second finds the first's contact;
 * - a 422 "has already been taken" (another process created the contact between our lookup and our create) is
 *   settled by looking the contact up again and updating it;
 * - a create whose outcome is unknown (timeout, dropped connection, 5xx — such as the 500 Chatwoot answers to the
 *   loser of an email or identifier race) is settled by a lookup too: found and holding what we sent, it was ours;
 *   found and different, it is updated; not found, it is sent again (at most three creates in all), never blindly.
 *
 * Fields are never cleared and an identifier already set to another value is kept (see `Customer`).
 *
 * @throws {InvalidCustomerError | PhoneNumberError} before any request, for a customer that cannot be a contact.
 * @throws {ContactLockTimeoutError} other creates of this phone held the turn for `lockWaitMs`; nothing was created.
 * @throws {ChatwootApiError} and its subclasses, when Chatwoot refuses (e.g. the new email belongs to another contact).
 */
export async function upsertContact(
  client: Pick<ChatwootClient, 'contacts'>,
  customer: Customer,
  options: ContactMatchOptions = {},
): Promise<UpsertResult> {
  assertContactLockOptions(options);
  const desired = toDesiredContact(customer, options);
  return applyDesiredContact(client, desired, await findContactByKeys(client, desired.keys), options);
}

/**
 * The write half of `upsertContact`, for a contact already looked up (`existing`, or null when none matched):
 * `syncContacts` looks up a batch of customers in one request, then applies each.
 */
export async function applyDesiredContact(
  client: Pick<ChatwootClient, 'contacts'>,
  desired: DesiredContact,
  existing: Contact | null,
  lock: ContactLockOptions = {},
): Promise<UpsertResult> {
  if (existing) return updateIfChanged(client, existing, desired);
  const { contact, created } = await createContactOnce(client, desired, lock);
  if (created) return { action: 'created', contact };
  return updateIfChanged(client, contact, desired);
}

async function updateIfChanged(
  client: Pick<ChatwootClient, 'contacts'>,
  existing: Contact,
  desired: DesiredContact,
): Promise<UpsertResult> {
  const patch = contactChanges(existing, desired.input, desired.keys.phones);
  if (!patch) return { action: 'unchanged', contact: existing };
  const contact = await client.contacts.update(existing.id, patch);
  return { action: 'updated', contact };
}
