// Which domain events reach which RoomChannel streams, after Chatwoot v4.15.1's `app/listeners/action_cable_listener.rb`
// (and `app/jobs/action_cable_broadcast_job.rb`): the record's push_event_data plus `account_id`.
import type { FakeDb } from '../api/db';
import { canUseInbox } from '../api/permissions';
import { contactPushData, messagePushData } from '../api/presenters';
import type { FakeApiEvent } from '../api/types';
import type { CableSubscriber } from './server';

export interface CableBroadcast {
  event: string;
  data: Record<string, unknown>;
  /** Whether a subscriber's stream carries this broadcast. */
  reaches(subscriber: CableSubscriber): boolean;
}

/** `user_tokens(account, conversation.inbox.members)`: the inbox's agents and every administrator. */
function agentOfInbox(db: FakeDb, subscriber: CableSubscriber, accountId: number, inboxId: number): boolean {
  if (subscriber.kind !== 'user' || subscriber.accountId !== accountId) return false;
  const account = db.account(accountId);
  const user = db.agent(subscriber.userId);
  return !!account && !!user && canUseInbox(account, { kind: 'user', user, label: '' }, { id: inboxId });
}

/** The cable broadcast a domain event causes, or null (events the listener does not broadcast). */
export function cableBroadcastOf(db: FakeDb, event: FakeApiEvent): CableBroadcast | null {
  const { accountId } = event;
  if (event.event === 'message_created') {
    const message = db.messages.get(event.payload.id as number);
    const conversation = message ? db.conversationById(message.conversationId) : undefined;
    if (!message || !conversation) return null;
    // `contact_tokens`: private notes and activity messages never reach the contact.
    const toContact = !message.private && message.message_type !== 2;
    return {
      event: 'message.created',
      data: { ...messagePushData(db, message), account_id: accountId },
      reaches: (subscriber) =>
        agentOfInbox(db, subscriber, accountId, conversation.inboxId) ||
        (toContact && subscriber.kind === 'contact' && subscriber.contactInboxId === conversation.contactInboxId),
    };
  }
  if (event.event === 'contact_created' || event.event === 'contact_updated') {
    const contact = db.contact(event.payload.id as number);
    if (!contact) return null;
    // The `account_<id>` stream: every user of the account.
    return {
      event: event.event.replace('_', '.'),
      data: { ...contactPushData(contact), account_id: accountId },
      reaches: (subscriber) => subscriber.kind === 'user' && subscriber.accountId === accountId,
    };
  }
  return null;
}
