import type { ChatwootClient } from '../client/createChatwootClient';
import { ChatwootApiError } from '../errors/ChatwootApiError';
import { ChatwootNetworkError } from '../errors/ChatwootNetworkError';
import { ChatwootTimeoutError } from '../errors/ChatwootTimeoutError';
import type { Contact } from '../types/contact';
import { contactChanges } from './contactChanges';
import type { DesiredContact } from './contactInput';
import { contactCreateLockKey, createdRecently, markCreated, withContactCreateLock } from './contactCreateLock';
import type { ContactLockOptions } from './Customer';
import { findContactByKeys } from './findContact';

/** Creates sent per contact at most: the first, plus re-sends after a lookup proved the previous one did not land. */
const MAX_CREATE_ATTEMPTS = 3;

/**
 * Creates the contact, settling the ways a create can go wrong without making a duplicate:
 * - the same phone created by another call at the same time: Chatwoot would accept both (a phone number is unique
 *   only by validation, no unique index), so a contact with a phone is created in its number's turn
 *   (`withContactCreateLock`, in this process and across a shared `store`), and looked up again first inside it
 *   when another turn can have made it;
 * - 422 "has already been taken": someone created it between our lookup and our create → look it up again
 *   (`created: false`, the caller may then update it);
 * - unknown outcome (timeout, dropped connection, 5xx — including the 500 Chatwoot answers to the loser of an email
 *   or identifier race, its unique index's unrescued error): the create may have landed → look it up before any
 *   re-send. Found, it is ours when it holds what we sent (`created: true`), else another caller's (`created:
 *   false`, to be updated); not found, the create is sent again (at most {@link MAX_CREATE_ATTEMPTS} in all).
 * When a lookup cannot settle it, the last error is rethrown.
 *
 * @throws {ContactLockTimeoutError} other creates of this phone held the turn for `lockWaitMs`; nothing was sent.
 */
export async function createContactOnce(
  client: Pick<ChatwootClient, 'contacts'>,
  desired: DesiredContact,
  lock: ContactLockOptions = {},
): Promise<{ contact: Contact; created: boolean }> {
  const phones = desired.keys.phones ?? [];
  if (phones.length === 0) return createSettled(client, desired);
  const key = contactCreateLockKey(client, phones);
  return withContactCreateLock(key, lock, async () => {
    // A create that held the turn before us may have made this very contact: look again when one can have (another
    // process sharing the store, or a turn of this process that ended with a contact).
    if (lock.store || createdRecently(key)) {
      const existing = await findContactByKeys(client, desired.keys);
      if (existing) return { contact: existing, created: false };
    }
    const result = await createSettled(client, desired);
    markCreated(key);
    return result;
  });
}

async function createSettled(
  client: Pick<ChatwootClient, 'contacts'>,
  desired: DesiredContact,
): Promise<{ contact: Contact; created: boolean }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const { contact } = await client.contacts.create(desired.input);
      return { contact, created: true };
    } catch (error) {
      const duplicate = error instanceof ChatwootApiError && error.alreadyTaken;
      if (!duplicate && !isOutcomeUnknown(error)) throw error;
      const contact = await findContactByKeys(client, desired.keys);
      if (contact) {
        const ours = !duplicate && contactChanges(contact, desired.input, desired.keys.phones) === null;
        return { contact, created: ours };
      }
      if (duplicate || attempt >= MAX_CREATE_ATTEMPTS) throw error;
    }
  }
}

/** The request may have been processed: only a lookup can tell. */
function isOutcomeUnknown(error: unknown): boolean {
  return (
    error instanceof ChatwootTimeoutError ||
    error instanceof ChatwootNetworkError ||
    (error instanceof ChatwootApiError && error.status >= 500)
  );
}
