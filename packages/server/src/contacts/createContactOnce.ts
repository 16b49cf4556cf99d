import type { ChatwootClient } from '../client/createChatwootClient';
import { ChatwootApiError } from '../errors/ChatwootApiError';
import { ChatwootNetworkError } from '../errors/ChatwootNetworkError';
import { ChatwootTimeoutError } from '../errors/ChatwootTimeoutError';
import type { Contact } from '../types/contact';
import type { DesiredContact } from './contactInput';
import { findContactByKeys } from './findContact';

/**
 * Creates the contact, settling the two ways a create can go wrong without making a duplicate:
 * - 422 "has already been taken": someone created it between our lookup and our create → look it up again
 *   (`created: false`, the caller may then update it);
 * - unknown outcome (timeout, dropped connection, 5xx): the create may have landed → look it up; if it is there it
 *   is ours (`created: true`). Never re-sent blindly.
 * When the lookup finds nothing, the original error is rethrown.
 */
export async function createContactOnce(
  client: Pick<ChatwootClient, 'contacts'>,
  desired: DesiredContact,
): Promise<{ contact: Contact; created: boolean }> {
  try {
    const { contact } = await client.contacts.create(desired.input);
    return { contact, created: true };
  } catch (error) {
    const duplicate = error instanceof ChatwootApiError && error.alreadyTaken;
    if (!duplicate && !isOutcomeUnknown(error)) throw error;
    const contact = await findContactByKeys(client, desired.keys);
    if (!contact) throw error;
    return { contact, created: !duplicate };
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
