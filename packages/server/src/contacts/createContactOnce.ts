import type { ChatwootClient } from '../client/createChatwootClient';
import { ChatwootApiError } from '../errors/ChatwootApiError';
import { ChatwootNetworkError } from '../errors/ChatwootNetworkError';
import { ChatwootTimeoutError } from '../errors/ChatwootTimeoutError';
import type { Contact } from '../types/contact';
import type { DesiredContact } from './contactInput';
import { findContactByKeys } from './findContact';

/** Creates sent per contact at most: the first, plus re-sends after a lookup proved the previous one did not land. */
const MAX_CREATE_ATTEMPTS = 3;

/**
 * Creates the contact, settling the two ways a create can go wrong without making a duplicate:
 * - 422 "has already been taken": someone created it between our lookup and our create → look it up again
 *   (`created: false`, the caller may then update it);
 * - unknown outcome (timeout, dropped connection, 5xx): the create may have landed → look it up; if it is there it
 *   is ours (`created: true`); if not, send the create again (at most {@link MAX_CREATE_ATTEMPTS} in all). A late
 *   landing of an earlier attempt cannot duplicate the contact: Chatwoot keeps email, phone and identifier unique,
 *   so the re-send would get the 422 above.
 * When a lookup cannot settle it, the last error is rethrown.
 */
export async function createContactOnce(
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
      if (contact) return { contact, created: !duplicate };
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
