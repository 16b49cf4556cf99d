import type { Attributes } from './common';
import type { Inbox, InboxSummary } from './inbox';

/** A contact as Chatwoot returns it (`contact_list_item` in Chatwoot's `swagger/swagger.json`). Timestamps are unix seconds. */
export interface Contact {
  id: number;
  name: string | null;
  email: string | null;
  /** E.164 (`+5215512345678`) or null. */
  phone_number: string | null;
  /** Your system's id for this person, unique per account. */
  identifier: string | null;
  thumbnail?: string;
  blocked?: boolean;
  availability_status?: string;
  additional_attributes: Attributes;
  custom_attributes: Attributes;
  last_activity_at?: number | null;
  created_at?: number;
  contact_inboxes?: ContactInbox[];
}

/** The link between a contact and an inbox; `source_id` addresses the contact in that inbox. */
export interface ContactInbox {
  source_id: string;
  inbox: InboxSummary;
}

/** Body of `POST /contacts`. Phone numbers must be E.164 or Chatwoot answers 422. */
export interface ContactCreateInput {
  name?: string;
  email?: string;
  phone_number?: string;
  identifier?: string;
  avatar_url?: string;
  blocked?: boolean;
  additional_attributes?: Attributes;
  custom_attributes?: Attributes;
  /** Also creates the contact inbox for this inbox (returned as `contact_inbox`). */
  inbox_id?: number;
}

/** Body of `PATCH /contacts/{id}`. `custom_attributes` and `additional_attributes` are merged shallowly by Chatwoot. */
export type ContactUpdateInput = Omit<ContactCreateInput, 'inbox_id'>;

/** What `contacts.create` resolves to. `contact_inbox` holds nulls unless `inbox_id` was given. */
export interface ContactCreateResult {
  contact: Contact;
  contact_inbox: { source_id: string | null; inbox: Inbox | null };
}

/** Pagination facts of contact lists, filters and searches (15 contacts a page). */
export interface ContactListMeta {
  count: number;
  current_page: number | string;
  /** Only on search results. */
  has_more?: boolean;
}

/** One page of contacts. */
export interface ContactList {
  meta: ContactListMeta;
  payload: Contact[];
}

/** Sort keys of the contact list and search (`-` prefix = descending). */
export type ContactSort =
  | 'name'
  | 'email'
  | 'phone_number'
  | 'last_activity_at'
  | '-name'
  | '-email'
  | '-phone_number'
  | '-last_activity_at';

/** Attributes the contact filter compares on. Standard ones, or a custom attribute key. */
export type ContactFilterAttribute = 'phone_number' | 'email' | 'identifier' | 'name' | (string & {});

/**
 * One condition of `POST /contacts/filter`. `email` and `identifier` compare case-insensitively with `equal_to`.
 * `query_operator` joins this condition to the next one (`null` on the last).
 */
export interface ContactFilterCondition {
  attribute_key: ContactFilterAttribute;
  filter_operator: 'equal_to' | 'not_equal_to' | 'contains' | 'does_not_contain';
  values: string[];
  query_operator: 'AND' | 'OR' | null;
}
