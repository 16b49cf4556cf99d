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
  /**
   * Lists and filters: the total number of matching contacts. Searches: the number of contacts on THIS page (at most
   * 15), not a total — page on `has_more`.
   */
  count: number;
  /** The `page` sent, as sent: a string when it came in the query string (`"2"`), else 1. */
  current_page: number | string;
  /** Only on search results: whether another page follows. */
  has_more?: boolean;
}

/** One page of contacts. */
export interface ContactList {
  meta: ContactListMeta;
  payload: Contact[];
}

/** The keys Chatwoot's contact list and search sort on (ContactsController's `sort_on`). */
type ContactSortKey = 'name' | 'email' | 'phone_number' | 'last_activity_at' | 'created_at' | 'company_name' | 'city' | 'country';

/** Sort keys of the contact list and search (`-` prefix = descending). */
export type ContactSort = ContactSortKey | `-${ContactSortKey}`;

/**
 * Attributes the contact filter compares on: Chatwoot's filter keys for contacts (`company_name`, `city` and
 * `country_code` are read from `additional_attributes`), or a custom attribute key defined in the account. Any other
 * key is a 422.
 */
export type ContactFilterAttribute =
  | 'name'
  | 'phone_number'
  | 'email'
  | 'identifier'
  | 'country_code'
  | 'city'
  | 'company_name'
  | 'labels'
  | 'created_at'
  | 'last_activity_at'
  | 'blocked'
  | (string & {});

/** Operators of the contact filter; each key accepts only some (e.g. `identifier`: `equal_to` and `not_equal_to`). */
export type ContactFilterOperator =
  | 'equal_to'
  | 'not_equal_to'
  | 'contains'
  | 'does_not_contain'
  | 'starts_with'
  | 'is_present'
  | 'is_not_present'
  | 'is_greater_than'
  | 'is_less_than'
  | 'days_before';

/**
 * One condition of `POST /contacts/filter`. `equal_to` compares `values[0]` only; `email`, `identifier`, `name` and the
 * additional attributes compare case-insensitively, `phone_number` as stored. `query_operator` joins this condition
 * to the next one (`null` on the last).
 */
export interface ContactFilterCondition {
  attribute_key: ContactFilterAttribute;
  filter_operator: ContactFilterOperator;
  /** Text for text keys; `blocked` and checkbox custom attributes take booleans, numbers for number attributes. */
  values: Array<string | number | boolean>;
  query_operator: 'AND' | 'OR' | null;
}
