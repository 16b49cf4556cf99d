import { randomUUID } from 'node:crypto';
import type { FakeDb } from './db';
import { errors } from './http';
import { internalServerError } from './serverError';
import type { FakeContactInboxRecord, FakeContactRecord, FakeInboxRecord } from './types';

/** lib/regex_helper.rb: WHATSAPP_CHANNEL_REGEX (digits, or a business-scoped user id). */
const WHATSAPP_SOURCE_ID = /^(?:\d{1,15}|[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128})$/;
/** How Ruby prints that regex in the validation message. */
const WHATSAPP_SOURCE_ID_TEXT = '(?-mix:\\A(?:\\d{1,15}|[A-Z]{2}\\.(?:ENT\\.)?[A-Za-z0-9]{1,128})\\z)';

export interface BuildContactInboxOptions {
  /**
   * Inside `POST /contacts` (one ActiveRecord transaction): the INSERT that hits the unique index aborts
   * PostgreSQL's transaction, so the builder's rescue cannot query any more and every conflict is a 500.
   */
  inTransaction?: boolean;
  /**
   * What the caller answers when the builder re-raises RecordNotUnique (API and website inboxes): ContactsController
   * lets it through (500, the default); ConversationsController#contact_inbox rescues it as 422 `source_id should be
   * unique`.
   */
  notUnique?: () => Error;
}

/**
 * Chatwoot's ContactInboxBuilder (app/builders/contact_inbox_builder.rb), as `POST /contacts` (with `inbox_id`),
 * `POST /contacts/{id}/contact_inboxes`, `POST /conversations` (with `contact_id`) and a widget visitor run it:
 * - no source id: one made for the channel (WhatsApp: the phone without `+`; SMS: the phone; email: the email;
 *   API and website: a fresh UUID), or 422 `param is missing or the value is empty: contact phone number` / `contact
 *   email` when the contact lacks it; a blank one sent as `""` makes no contact inbox (undefined);
 * - this contact's own (inbox, source id) is reused;
 * - one held by ANOTHER contact hits the unique index on (inbox_id, source_id); the builder then renames the other
 *   contact's source id for email (`<digit><source>`) and SMS (`whatsapp:<source><0-99>`) inboxes and creates this
 *   one; for WhatsApp the renamed `whatsapp:…` fails ContactInbox's source id format, so 422; for API and website
 *   inboxes the RecordNotUnique is re-raised (see {@link BuildContactInboxOptions.notUnique}). Inside
 *   `POST /contacts` every conflict is a 500 (see {@link BuildContactInboxOptions.inTransaction}).
 */
export function buildContactInbox(
  db: FakeDb,
  contact: FakeContactRecord,
  inbox: FakeInboxRecord,
  sourceId: string | undefined,
  options: BuildContactInboxOptions = {},
): FakeContactInboxRecord | undefined {
  const source = sourceId ?? generateSourceId(contact, inbox);
  if (source === '') return undefined;
  const own = find(db, (link) => link.contactId === contact.id && link.inboxId === inbox.id && link.source_id === source);
  if (own) return own;
  assertSourceIdFormat(inbox, source);
  const taken = find(db, (link) => link.inboxId === inbox.id && link.source_id === source);
  if (taken) {
    if (options.inTransaction) throw internalServerError();
    if (!RENAMING_CHANNELS.has(inbox.channel_type)) throw (options.notUnique ?? internalServerError)();
    renameSourceId(inbox, taken);
  }
  const link: FakeContactInboxRecord = {
    id: db.nextId('contact_inboxes'),
    contactId: contact.id,
    inboxId: inbox.id,
    source_id: source,
    hmac_verified: false,
  };
  db.contactInboxes.set(link.id, link);
  return link;
}

function find(db: FakeDb, test: (link: FakeContactInboxRecord) => boolean): FakeContactInboxRecord | undefined {
  for (const link of db.contactInboxes.values()) if (test(link)) return link;
  return undefined;
}

function generateSourceId(contact: FakeContactRecord, inbox: FakeInboxRecord): string {
  switch (inbox.channel_type) {
    case 'Channel::Whatsapp':
      return requirePresent(contact.phone_number, 'contact phone number').replaceAll('+', '');
    case 'Channel::Sms':
      return requirePresent(contact.phone_number, 'contact phone number');
    case 'Channel::Email':
      return requirePresent(contact.email, 'contact email');
    default:
      return randomUUID();
  }
}

/** ActionController::ParameterMissing, answered by RequestExceptionHandler as a 422 `{ error }` (Rails 7.1 wording). */
function requirePresent(value: string | null, what: string): string {
  if (value === null) throw errors.unprocessable(`param is missing or the value is empty: ${what}`);
  return value;
}

/** ContactInbox#valid_source_id_format? for the channels the stand-in has: only WhatsApp checks a format. */
function assertSourceIdFormat(inbox: FakeInboxRecord, source: string): void {
  if (inbox.channel_type !== 'Channel::Whatsapp' || WHATSAPP_SOURCE_ID.test(source)) return;
  throw errors.invalid([
    { attribute: 'source_id', message: `Source invalid source id for whatsapp inbox. valid Regex ${WHATSAPP_SOURCE_ID_TEXT}` },
  ]);
}

/** ContactInboxBuilder#update_old_contact_inbox: only email, SMS and WhatsApp (and Twilio) inboxes may rename. */
const RENAMING_CHANNELS: ReadonlySet<string> = new Set(['Channel::Email', 'Channel::Sms', 'Channel::Whatsapp']);

function renameSourceId(inbox: FakeInboxRecord, other: FakeContactInboxRecord): void {
  const renamed =
    inbox.channel_type === 'Channel::Email'
      ? `${Math.floor(Math.random() * 10)}${other.source_id}`
      : `whatsapp:${other.source_id}${Math.floor(Math.random() * 100)}`;
  // `update!` validates the renamed record: a WhatsApp source id cannot hold `whatsapp:`, so that is a 422.
  assertSourceIdFormat(inbox, renamed);
  other.source_id = renamed;
}
