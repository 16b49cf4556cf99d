import { ilike, isBlank, like } from './contactFilter/sqlValues';
import type { FakeDb } from './db';
import { internalServerError } from './serverError';
import type { FakeContactRecord } from './types';

/** ContactsController::RESULTS_PER_PAGE */
export const SEARCH_PER_PAGE = 15;

/** What `GET /contacts/search` answers before the contacts are presented. */
export interface SearchPage {
  contacts: FakeContactRecord[];
  meta: { count: number | null; current_page: unknown; has_more: boolean | null };
}

/**
 * `GET /contacts/search` as Chatwoot's ContactsController#search runs it
 * (app/controllers/api/v1/accounts/contacts_controller.rb):
 * - a blank `q` (missing, empty or spaces): its guard is `render … if params[:q].blank? && return`, whose `return`
 *   runs before the `render`, so the search view renders with nothing set — 200, `payload: []`, `count` and
 *   `has_more` null;
 * - otherwise EVERY contact of the account (not only resolved ones) whose `name`, `email` or `phone_number` ILIKE
 *   `%q%` (q stripped; `%` and `_` in it stay wildcards) or whose `identifier` LIKE `%q%` — case-sensitive;
 * - `sort` as on the list (`sortContacts`), then page `p` is rows `(p - 1) * 15` on, one extra fetched to set
 *   `has_more`; `meta.count` is the size of THIS page (at most 15), not a total; `current_page` is `page` as sent;
 *   a page below 1 (or not a number) makes a negative OFFSET: PostgreSQL refuses it, 500.
 */
export function searchContacts(
  db: FakeDb,
  accountId: number,
  query: Record<string, string | string[]>,
  sort: (contacts: FakeContactRecord[]) => FakeContactRecord[],
): SearchPage {
  const currentPage = query.page ?? 1;
  const q = query.q;
  if (isBlank(q)) return { contacts: [], meta: { count: null, current_page: currentPage, has_more: null } };
  if (typeof q !== 'string' || typeof currentPage === 'object') throw internalServerError(); // Array#strip / #to_i
  const pattern = `%${rubyStrip(q)}%`;
  const found = db
    .contactsOf(accountId)
    .filter(
      (contact) =>
        ilike(contact.name, pattern) ||
        (contact.email !== null && ilike(contact.email, pattern)) ||
        (contact.phone_number !== null && ilike(contact.phone_number, pattern)) ||
        (contact.identifier !== null && like(contact.identifier, pattern)),
    );
  const offset = (rubyToI(currentPage) - 1) * SEARCH_PER_PAGE;
  if (offset < 0) throw internalServerError(); // OFFSET must not be negative
  const rows = sort(found).slice(offset, offset + SEARCH_PER_PAGE + 1);
  const hasMore = rows.length > SEARCH_PER_PAGE;
  const contacts = rows.slice(0, SEARCH_PER_PAGE);
  return { contacts, meta: { count: contacts.length, current_page: currentPage, has_more: hasMore } };
}

/** Ruby's String#strip: leading and trailing whitespace and NULs. */
function rubyStrip(text: string): string {
  return text.replace(/^[\s\0]+|[\s\0]+$/g, '');
}

/** Ruby's `to_i` on a string (leading integer, else 0) or an integer. */
function rubyToI(value: string | number): number {
  if (typeof value === 'number') return Math.trunc(value);
  const match = /^\s*([+-]?\d+)/.exec(value.replaceAll('_', ''));
  return match ? Number(match[1]) : 0;
}
