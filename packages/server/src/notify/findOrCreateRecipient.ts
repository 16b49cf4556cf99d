import type { ChatwootClient } from '../client/createChatwootClient';
import { findOrCreateContact } from '../contacts/findOrCreateContact';
import type { ContactMatchOptions } from '../contacts/Customer';
import type { Contact } from '../types/contact';
import { InvalidNotificationError } from './InvalidNotificationError';
import type { NotifyRecipient } from './types';

/**
 * The contact a notification goes to: by Chatwoot id (must exist), or found by phone (every stored form of it),
 * email or identifier, and created when absent (concurrent calls for one phone take turns on creating it, across
 * processes too with `options.store`). An existing contact is never modified.
 *
 * @throws {InvalidNotificationError} `to` names nobody.
 * @throws {PhoneNumberError} an invalid phone.
 */
export async function findOrCreateRecipient(
  client: Pick<ChatwootClient, 'contacts'>,
  to: NotifyRecipient,
  options: ContactMatchOptions = {},
): Promise<{ contact: Contact; created: boolean }> {
  if (to && typeof to === 'object' && 'contactId' in to && to.contactId !== undefined) {
    if (!Number.isInteger(to.contactId) || to.contactId <= 0) {
      throw new InvalidNotificationError('to.contactId must be a positive integer', 'to');
    }
    return { contact: await client.contacts.get(to.contactId), created: false };
  }
  const customer = to as { phone?: string; email?: string; identifier?: string; name?: string };
  if (!customer || (!customer.phone && !customer.email && !customer.identifier)) {
    throw new InvalidNotificationError('to needs one of contactId, phone, email or identifier', 'to');
  }
  return findOrCreateContact(client, customer, options);
}
