// Message#update_contact_activity (Chatwoot v4.15.1, app/models/message.rb, the last after_create_commit callback):
// every message whose sender is a contact runs `sender.update(last_activity_at: DateTime.now)`, and Contact's
// after_update_commit dispatches CONTACT_UPDATED with Rails' `previous_changes`, so the account webhooks get a
// `contact_updated` whose changed_attributes are last_activity_at and updated_at (ISO times, as Rails writes them).
import type { FakeDb } from './db';
import { contactWebhookData } from './events';
import type { FakeContactRecord } from './types';

function iso(seconds: number | null): string | null {
  return seconds === null ? null : new Date(seconds * 1000).toISOString();
}

export function recordContactActivity(db: FakeDb, contact: FakeContactRecord): void {
  const nowMs = db.now();
  const previous = { last_activity_at: iso(contact.last_activity_at), updated_at: iso(contact.updated_at) };
  const current = new Date(nowMs).toISOString();
  contact.last_activity_at = Math.floor(nowMs / 1000);
  contact.updated_at = contact.last_activity_at;
  db.emit('contact_updated', contact.accountId, () => ({
    ...contactWebhookData(db, contact),
    changed_attributes: [
      { last_activity_at: { previous_value: previous.last_activity_at, current_value: current } },
      { updated_at: { previous_value: previous.updated_at, current_value: current } },
    ],
  }));
}
