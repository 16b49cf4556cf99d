import type {
  Contact,
  ContactCreateInput,
  ContactCreateResult,
  ContactFilterCondition,
  ContactInbox,
  ContactList,
  ContactSort,
  ContactUpdateInput,
} from '../types/contact';
import type { Conversation } from '../types/conversation';
import { MAX_PAGES, paginate } from './paginate';
import type { RequestOptions } from './profile';
import type { Transport } from './transport';

/** Options of a contact list or search page. */
export interface ContactPageOptions extends RequestOptions {
  /** 1-based; 15 contacts a page. Default 1. */
  page?: number;
  sort?: ContactSort;
}

/** The account's contacts. Needs a user token: agent-bot tokens get 401. */
export interface ContactsResource {
  /** One page of contacts (15 a page): `list(2)` or `list({ page: 2, sort: 'name' })`. */
  list(options?: ContactPageOptions | number): Promise<ContactList>;
  /** Every contact, page after page, fetched lazily as you iterate. */
  iterate(options?: Omit<ContactPageOptions, 'page'>): AsyncGenerator<Contact, void, undefined>;
  /**
   * Substring search over EVERY contact of the account (also those with no email, phone or identifier): name, email
   * and phone ignoring case (ILIKE), identifier case-sensitively (LIKE); `%` and `_` in the query are wildcards. Not
   * exact: never use it alone to decide that two records are the same person; use {@link ContactsResource.filter}.
   * `meta.count` is the size of THIS page (at most 15), not a total: `meta.has_more` says whether another page
   * exists (or use {@link ContactsResource.iterateSearch}). Draws on the separate search rate budget.
   *
   * @throws {TypeError} a blank query, before any request (Chatwoot would answer an empty page).
   */
  search(query: string, options?: ContactPageOptions): Promise<ContactList>;
  /** Every search result, page after page while `meta.has_more`, fetched lazily as you iterate. */
  iterateSearch(query: string, options?: Omit<ContactPageOptions, 'page'>): AsyncGenerator<Contact, void, undefined>;
  /**
   * Exact match with `POST /contacts/filter` (`email` and `identifier` compare case-insensitively). Pass the
   * conditions; the last one's `query_operator` should be `null`. Retried like a read.
   */
  filter(conditions: ContactFilterCondition[], options?: RequestOptions & { page?: number }): Promise<ContactList>;
  /** One contact by id; 404 {@link ChatwootApiError} when absent. */
  get(id: number, options?: RequestOptions): Promise<Contact>;
  /**
   * Creates a contact (and its contact inbox when `inbox_id` is given). A duplicate email, phone number or
   * identifier rejects with a 422 whose `alreadyTaken` is true; Chatwoot does not say which contact holds it.
   * Not retried on timeouts or 5xx (it could create a duplicate).
   */
  create(input: ContactCreateInput, options?: RequestOptions): Promise<ContactCreateResult>;
  /** Updates a contact; Chatwoot merges `custom_attributes` and `additional_attributes` shallowly. */
  update(id: number, input: ContactUpdateInput, options?: RequestOptions): Promise<Contact>;
  /** The contact's latest conversations (up to 20). */
  conversations(id: number, options?: RequestOptions): Promise<Conversation[]>;
  /** Links the contact to an inbox (`source_id` is generated when omitted); returns the contact inbox. */
  createContactInbox(
    id: number,
    input: { inbox_id: number; source_id?: string },
    options?: RequestOptions,
  ): Promise<ContactInbox>;
}

export function createContactsResource(send: Transport, accountId: number): ContactsResource {
  const base = `accounts/${accountId}/contacts`;
  const list: ContactsResource['list'] = (pageOrOptions = {}) => {
    const options = typeof pageOrOptions === 'number' ? { page: pageOrOptions } : pageOrOptions;
    return send<ContactList>({
      method: 'GET',
      path: base,
      query: { page: options.page, sort: options.sort },
      signal: options.signal,
    });
  };
  const search: ContactsResource['search'] = async (query, options = {}) => {
    assertSearchQuery(query);
    return send<ContactList>({
      method: 'GET',
      path: `${base}/search`,
      query: { q: query, page: options.page, sort: options.sort },
      bucket: 'search',
      signal: options.signal,
    });
  };
  return {
    list,
    iterate: (options = {}) =>
      paginate(async (page) => {
        const result = await list({ ...options, page });
        return { items: result.payload, total: result.meta.count };
      }),
    search,
    async *iterateSearch(query, options = {}) {
      assertSearchQuery(query);
      for (let page = 1; page <= MAX_PAGES; page++) {
        const result = await search(query, { ...options, page });
        yield* result.payload;
        // Search pages carry no total (`count` is the page's size): `has_more` is the only way to know.
        if (result.meta.has_more !== true || result.payload.length === 0) return;
      }
    },
    filter: (conditions, options = {}) =>
      send<ContactList>({
        method: 'POST',
        path: `${base}/filter`,
        query: { page: options.page },
        json: { payload: conditions },
        retryMode: 'idempotent',
        signal: options.signal,
      }),
    get: async (id, options) =>
      (await send<{ payload: Contact }>({ method: 'GET', path: `${base}/${id}`, signal: options?.signal })).payload,
    create: async (input, options) =>
      (
        await send<{ payload: ContactCreateResult }>({
          method: 'POST',
          path: base,
          json: input,
          signal: options?.signal,
        })
      ).payload,
    update: async (id, input, options) =>
      (
        await send<{ payload: Contact }>({
          method: 'PATCH',
          path: `${base}/${id}`,
          json: input,
          signal: options?.signal,
        })
      ).payload,
    conversations: async (id, options) =>
      (
        await send<{ payload: Conversation[] }>({
          method: 'GET',
          path: `${base}/${id}/conversations`,
          signal: options?.signal,
        })
      ).payload,
    createContactInbox: (id, input, options) =>
      send<ContactInbox>({
        method: 'POST',
        path: `${base}/${id}/contact_inboxes`,
        json: input,
        signal: options?.signal,
      }),
  };
}

/** Chatwoot answers a blank query with an empty page whose count is null: say so instead. */
function assertSearchQuery(query: unknown): void {
  if (typeof query !== 'string' || query.trim() === '') {
    throw new TypeError('contacts.search needs a non-blank query; to walk every contact use contacts.iterate()');
  }
}
