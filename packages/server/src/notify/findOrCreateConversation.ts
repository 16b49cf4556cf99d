import type { ChatwootClient } from '../client/createChatwootClient';
import type { Attributes } from '../types/common';
import type { Contact } from '../types/contact';
import type { Conversation } from '../types/conversation';
import { InvalidNotificationError } from './InvalidNotificationError';

/** Input of {@link findOrCreateConversation}. */
export interface ConversationTarget {
  contactId: number;
  inboxId: number;
  /** Custom attributes: set on a new conversation; merged into a reused one, with a request only if they differ. */
  attributes?: Attributes;
  /** The contact, if you already hold it: its `contact_inboxes` (when present) spare a request. */
  contact?: Contact;
}

/**
 * The conversation a message to this contact in this inbox belongs in: the contact's most recent unresolved one in
 * that inbox (`open`, or `pending`/`snoozed` — still the same running thread), else a new one. A new conversation
 * needs the contact's contact inbox; it is reused when the contact has one for the inbox, else created (Chatwoot
 * derives its `source_id` from the channel: the phone for WhatsApp/SMS, the email for email inboxes).
 *
 * Looks only at the contact's latest 20 conversations (what Chatwoot returns). This step alone does not take turns:
 * two concurrent calls for a contact with no open conversation can each create one. `notify` serialises it per
 * contact and inbox (across processes with a `store`), and so does the outbox; do the same if you call it directly.
 */
export async function findOrCreateConversation(
  client: Pick<ChatwootClient, 'contacts' | 'conversations'>,
  target: ConversationTarget,
): Promise<{ conversation: Conversation; created: boolean }> {
  const { contactId, inboxId, attributes } = target;
  if (!Number.isInteger(inboxId) || inboxId <= 0) {
    throw new InvalidNotificationError('inboxId must be a positive integer', 'inboxId');
  }
  const conversations = await client.contacts.conversations(contactId);
  const reusable = conversations
    .filter((conversation) => conversation.inbox_id === inboxId && conversation.status !== 'resolved')
    .sort((a, b) => recency(b) - recency(a) || b.id - a.id)[0];
  if (reusable) {
    await mergeAttributes(client, reusable, attributes);
    return { conversation: reusable, created: false };
  }

  const sourceId = await contactInboxSourceId(client, contactId, inboxId, target.contact);
  const conversation = await client.conversations.create({
    inbox_id: inboxId,
    contact_id: contactId,
    source_id: sourceId,
    ...(attributes && Object.keys(attributes).length > 0 ? { custom_attributes: attributes } : {}),
  });
  return { conversation, created: true };
}

function recency(conversation: Conversation): number {
  return conversation.last_activity_at ?? conversation.timestamp ?? conversation.created_at ?? 0;
}

async function contactInboxSourceId(
  client: Pick<ChatwootClient, 'contacts'>,
  contactId: number,
  inboxId: number,
  known: Contact | undefined,
): Promise<string> {
  // Only a contact that lists its contact inboxes can be trusted to have none for this inbox.
  const contact = known?.id === contactId && Array.isArray(known.contact_inboxes) ? known : await client.contacts.get(contactId);
  const existing = contact.contact_inboxes?.find((contactInbox) => contactInbox.inbox?.id === inboxId);
  if (existing?.source_id) return existing.source_id;
  const created = await client.contacts.createContactInbox(contactId, { inbox_id: inboxId });
  return created.source_id;
}

/** Chatwoot's custom_attributes endpoint replaces the hash: send the merged one, and only when something changes. */
async function mergeAttributes(
  client: Pick<ChatwootClient, 'conversations'>,
  conversation: Conversation,
  attributes: Attributes | undefined,
): Promise<void> {
  if (!attributes) return;
  const current = conversation.custom_attributes ?? {};
  const changed = Object.entries(attributes).some(([key, value]) => JSON.stringify(current[key]) !== JSON.stringify(value));
  if (!changed) return;
  const merged = { ...current, ...attributes };
  conversation.custom_attributes = await client.conversations.setCustomAttributes(conversation.id, merged);
}
