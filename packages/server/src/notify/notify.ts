import type { ChatwootClient } from '../client/createChatwootClient';
import { assertLockOptions, conversationLockKey, withConversationLock } from './conversationLock';
import { findOrCreateConversation } from './findOrCreateConversation';
import { findOrCreateRecipient } from './findOrCreateRecipient';
import { InvalidNotificationError } from './InvalidNotificationError';
import { toMessageInput } from './postMessage';
import type { NotifyInput, NotifyOptions, NotifyResult } from './types';

/**
 * Sends a message to a person through an inbox, the way an agent would: finds or creates the contact (by
 * `contactId`, phone — every stored form of it —, email or identifier), reuses its unresolved conversation in that
 * inbox or starts one (creating the contact inbox when needed), and posts the message (outgoing; a `template`
 * becomes WhatsApp `template_params`).
 *
 * ```ts
 * await notify(chatwoot, {
 *   to: { phone: '+52 55 1234 5678' },
 *   inboxId: WHATSAPP_INBOX,
 *   content: 'Your appointment is tomorrow at 10:00',
 *   template: { name: 'appointment_reminder', category: 'UTILITY', language: 'es_MX',
 *               processed_params: { body: { '1': 'mañana', '2': '10:00' } } },
 * });
 * ```
 *
 * Concurrent calls for one contact and inbox never open two conversations: they take turns on finding or creating
 * it, within this process always, and across the instances of your app when they pass the same `store`:
 *
 * ```ts
 * const store = createRedisStore({ redis: process.env.REDIS_URL! });
 * await Promise.all(reminders.map((content) => notify(chatwoot, { to: { phone }, inboxId, content }, { store })));
 * ```
 *
 * The message itself is posted once and never retried on an unknown outcome (Chatwoot would post it twice); to
 * deliver reliably across outages use the outbox, which builds on the steps exported separately:
 * `findOrCreateRecipient`, `findOrCreateConversation`, `postMessage`.
 *
 * @throws {InvalidNotificationError | PhoneNumberError} before any request, for input that cannot be sent.
 * @throws {NotifyLockTimeoutError} other calls for this contact and inbox held the turn for `lockWaitMs`; nothing
 * was posted.
 * @throws {ContactLockTimeoutError} other calls creating a contact for this phone held the turn for `lockWaitMs`.
 * @throws {StoreError} the `store` failed; nothing was posted.
 * @throws {ChatwootApiError} and its subclasses from the API.
 */
export async function notify(
  client: Pick<ChatwootClient, 'contacts' | 'conversations' | 'messages'>,
  input: NotifyInput,
  options: NotifyOptions = {},
): Promise<NotifyResult> {
  // Validate the whole input before the first request, so a bad message creates no contact or conversation.
  const message = toMessageInput(input);
  if (!Number.isInteger(input.inboxId) || input.inboxId <= 0) {
    throw new InvalidNotificationError('inboxId must be a positive integer', 'inboxId');
  }
  assertLockOptions(options);
  const { signal } = options;
  signal?.throwIfAborted();
  const recipient = await findOrCreateRecipient(client, input.to, {
    ...(input.defaultCountry === undefined ? {} : { defaultCountry: input.defaultCountry }),
    // The same store and lock settings make concurrent notifies to a new phone create one contact, not two.
    store: options.store,
    lockTtlMs: options.lockTtlMs,
    lockWaitMs: options.lockWaitMs,
  });
  // One call at a time per contact and inbox between "is there an open conversation?" and "create one".
  const lockKey = conversationLockKey(client, input.inboxId, recipient.contact.id);
  const { conversation, created } = await withConversationLock(lockKey, options, () =>
    findOrCreateConversation(client, {
      contactId: recipient.contact.id,
      contact: recipient.contact,
      inboxId: input.inboxId,
      ...(input.attributes ? { attributes: input.attributes } : {}),
    }),
  );
  signal?.throwIfAborted();
  const posted = await client.messages.create(conversation.id, message);
  return {
    contactId: recipient.contact.id,
    conversationId: conversation.id,
    messageId: posted.id,
    created: { contact: recipient.created, conversation: created },
  };
}
