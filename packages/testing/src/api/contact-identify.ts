/**
 * What a widget `setUser` does to the account's contacts: Chatwoot v4.15.1, `app/actions/contact_identify_action.rb`
 * (called by `app/controllers/api/v1/widget/contacts_controller.rb` `set_user` with `discard_invalid_attrs`), and
 * `app/actions/contact_merge_action.rb` for the merge itself. In Chatwoot's order, the visitor's contact is merged
 * into an existing contact of the account with
 * 1. the same identifier,
 * 2. the same email (compared case-insensitively),
 * 3. the same phone number, unless that contact has another email than the one given;
 * but never into a contact whose identifier differs from the given one (that field is then left as it is). The
 * surviving contact then takes the given identifier, name, email and phone (blank ones ignored, invalid ones
 * dropped) and the custom and additional attributes merged in.
 */
import type { FakeDb } from './db';
import { HttpError } from './http';
import type { FakeContactRecord } from './types';

export interface IdentifyParams {
  identifier?: string | null;
  name?: string | null;
  email?: string | null;
  phone_number?: string | null;
  custom_attributes?: Record<string, unknown>;
  additional_attributes?: Record<string, unknown>;
}

type Identity = 'identifier' | 'name' | 'email' | 'phone_number';

const blank = (value: unknown): value is null | undefined | '' => value === undefined || value === null || value === '';

/**
 * Identifies `visitor` (the widget visitor's contact, or undefined when the stand-in has not made one yet) in
 * `accountId`. Returns the contact that stands for the visitor afterwards: an existing contact it was merged into,
 * the visitor's own contact, or undefined (no contact yet and none to merge into: it is made on the first message).
 */
export function identifyContact(
  db: FakeDb,
  accountId: number,
  visitor: FakeContactRecord | undefined,
  params: IdentifyParams,
): FakeContactRecord | undefined {
  const toUpdate = new Set<Identity>(['identifier', 'name', 'email', 'phone_number']);
  const find = (field: 'identifier' | 'email' | 'phone_number') => {
    const value = params[field];
    if (blank(value)) return undefined;
    const wanted = field === 'email' ? value.toLowerCase() : value;
    return db
      .contactIdsBy(accountId, field, value)
      .map((id) => db.contact(id)!)
      .find((contact) => (field === 'email' ? contact.email?.toLowerCase() : contact[field]) === wanted);
  };
  // merge_contacts?: never into a contact identified as someone else.
  const mergeable = (existing: FakeContactRecord | undefined, field: Identity) => {
    if (!existing) return false;
    if (blank(params.identifier)) return true;
    if (existing.identifier && existing.identifier !== params.identifier) {
      toUpdate.delete(field);
      return false;
    }
    return true;
  };

  let contact = visitor;
  const byIdentifier = find('identifier');
  if (mergeable(byIdentifier, 'identifier')) contact = merge(db, byIdentifier!, contact);
  const byEmail = find('email');
  if (mergeable(byEmail, 'email')) contact = merge(db, byEmail!, contact);
  const byPhone = find('phone_number');
  if (mergeable(byPhone, 'phone_number')) {
    // mergable_phone_contact?: the email given wins over a phone number that belongs to another email.
    if (!blank(params.email) && byPhone!.email && byPhone!.email !== params.email.toLowerCase()) {
      toUpdate.delete('phone_number');
    } else {
      contact = merge(db, byPhone!, contact);
    }
  }
  if (!contact) return undefined;

  const changes: Partial<Record<Identity, string>> = {};
  for (const field of toUpdate) if (!blank(params[field])) changes[field] = params[field]!;
  const attributes = {
    ...(params.custom_attributes ? { custom_attributes: params.custom_attributes } : {}),
    ...(params.additional_attributes ? { additional_attributes: params.additional_attributes } : {}),
  };
  try {
    return db.updateContact(contact, { ...changes, ...attributes });
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    // discard_invalid_attrs: an invalid or taken email or phone is dropped, the rest is saved.
    const { email: _email, phone_number: _phone, ...rest } = changes;
    try {
      return db.updateContact(contact, { ...rest, ...attributes });
    } catch (again) {
      if (!(again instanceof HttpError)) throw again;
      return contact;
    }
  }
}

/**
 * ContactMergeAction: the visitor's conversations, messages and contact inboxes move to `base`, the visitor's
 * contact is deleted, and `base` keeps its own attributes, filling blank ones from the visitor's.
 */
function merge(db: FakeDb, base: FakeContactRecord, mergee: FakeContactRecord | undefined): FakeContactRecord {
  if (!mergee || mergee.id === base.id) return base;
  for (const conversation of db.conversations.values()) {
    if (conversation.contactId === mergee.id) conversation.contactId = base.id;
  }
  for (const message of db.messages.values()) {
    if (message.sender?.type === 'contact' && message.sender.id === mergee.id) message.sender = { type: 'contact', id: base.id };
  }
  for (const link of db.contactInboxesOf(mergee.id)) link.contactId = base.id;
  db.removeContact(mergee);
  const filled: Partial<Record<Identity, string>> = {};
  for (const field of ['identifier', 'name', 'email', 'phone_number'] as const) {
    if (blank(base[field]) && !blank(mergee[field])) filled[field] = mergee[field]!;
  }
  return db.updateContact(base, {
    ...filled,
    custom_attributes: { ...mergee.custom_attributes, ...base.custom_attributes },
    additional_attributes: { ...mergee.additional_attributes, ...base.additional_attributes },
  });
}
