import { errors } from '../http';
import { presentContact, presentContactInbox, presentConversation } from '../presenters';
import { filterContacts } from '../contactFilter/filterContacts';
import { isBlank } from '../contactFilter/sqlValues';
import { buildContactInbox } from '../contactInboxes';
import { searchContacts } from '../contactSearch';
import { visibleConversations } from '../permissions';
import { internalServerError } from '../serverError';
import type { FakeContactRecord, FakeInboxRecord } from '../types';
import { intParam, pageParam, paginateList, type ApiRoute, type RouteContext } from './route';

const CONTACTS_PER_PAGE = 15;
function findContact(context: RouteContext): FakeContactRecord {
  const id = intParam(context.params.id);
  const contact = id === undefined ? undefined : context.db.contact(id);
  if (!contact || contact.accountId !== context.account.id) throw errors.notFound();
  return contact;
}

/** `Current.account.inboxes.find(params[:inbox_id])`: 404 unless it is one of the account's inboxes. */
function findInbox(context: RouteContext): FakeInboxRecord {
  const id = intParam(context.body.inbox_id);
  const inbox = id === undefined ? undefined : context.db.inbox(id);
  if (!inbox || inbox.accountId !== context.account.id) throw errors.notFound();
  return inbox;
}

/** `params[:source_id]`: a JSON number is compared as text; absent or null lets the builder make one. */
function sourceIdParam(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** Contacts the list shows: only "resolved" ones, with an email, phone number or identifier. */
function resolvedContacts(context: RouteContext): FakeContactRecord[] {
  return context.db.contactsOf(context.account.id).filter((c) => c.email || c.phone_number || c.identifier);
}

/**
 * ContactsController's `sort_on` keys: columns, and `company_name`, `city`, `country` read from additional_attributes
 * (Contact's `order_on_company_name`, `order_on_city`, `order_on_country_name` scopes).
 */
const SORT_COLUMNS = ['name', 'email', 'phone_number', 'last_activity_at', 'created_at'] as const;
const SORT_ADDITIONAL: Record<string, string> = { company_name: 'company_name', city: 'city', country: 'country' };

function sortContacts(contacts: FakeContactRecord[], sort: unknown): FakeContactRecord[] {
  if (typeof sort !== 'string' || sort === '') return contacts;
  const descending = sort.startsWith('-');
  const key = descending ? sort.slice(1) : sort;
  let read: (contact: FakeContactRecord) => string | number | null;
  if ((SORT_COLUMNS as readonly string[]).includes(key)) read = (contact) => contact[key as (typeof SORT_COLUMNS)[number]];
  else if (SORT_ADDITIONAL[key]) {
    read = (contact) => {
      const value = contact.additional_attributes[SORT_ADDITIONAL[key]!];
      return value === undefined || value === null ? null : typeof value === 'string' ? value : JSON.stringify(value);
    };
  } else return contacts;
  return [...contacts].sort((a, b) => {
    const left = read(a);
    const right = read(b);
    // NULLS LAST either way, as Chatwoot sorts.
    if (left === right) return a.id - b.id;
    if (left === null) return 1;
    if (right === null) return -1;
    return (left < right ? -1 : 1) * (descending ? -1 : 1);
  });
}

function listPage(context: RouteContext, contacts: FakeContactRecord[], extraMeta: Record<string, unknown> = {}) {
  const page = pageParam(context.query);
  return {
    body: {
      meta: { count: contacts.length, current_page: page, ...extraMeta },
      payload: paginateList(contacts, page, CONTACTS_PER_PAGE).map((contact) => presentContact(context.db, contact)),
    },
  };
}

/**
 * Chatwoot's filter meta: the total count, and `current_page` exactly as sent (`params[:page] || 1`), so a page from
 * the query string comes back as a string.
 */
function filterPage(context: RouteContext, found: FakeContactRecord[]) {
  const rawPage = context.query.page ?? context.body.page;
  const page = intParam(Array.isArray(rawPage) ? rawPage[0] : rawPage) ?? 1;
  return {
    body: {
      meta: { count: found.length, current_page: rawPage ?? 1 },
      payload: paginateList(found, Math.max(page, 1), CONTACTS_PER_PAGE).map((contact) => presentContact(context.db, contact)),
    },
  };
}

export const contactRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/contacts',
    handle: (context) => listPage(context, sortContacts(resolvedContacts(context), context.query.sort)),
  },
  {
    method: 'GET',
    path: '/contacts/search',
    search: true,
    handle(context) {
      const { contacts, meta } = searchContacts(context.db, context.account.id, context.query, (found) =>
        sortContacts(found, context.query.sort),
      );
      return { body: { meta, payload: contacts.map((contact) => presentContact(context.db, contact)) } };
    },
  },
  {
    method: 'POST',
    path: '/contacts/filter',
    handle(context) {
      const found = filterContacts(context.db, context.account.id, context.body.payload);
      return filterPage(context, sortContacts(found, context.query.sort ?? context.body.sort));
    },
  },
  {
    method: 'POST',
    path: '/contacts',
    async handle(context) {
      const { db, account, body } = context;
      // ContactsController#create: save! (validations, then the INSERT), then ContactInboxBuilder, in one transaction.
      const draft = db.prepareContact(account.id, body);
      if (db.contactCreateRaceMs > 0) await new Promise((resolve) => setTimeout(resolve, db.contactCreateRaceMs));
      return db.transaction(() => {
        const contact = db.insertContact(draft);
        let link;
        try {
          if (!isBlank(body.inbox_id)) {
            link = buildContactInbox(db, contact, findInbox(context), sourceIdParam(body.source_id), { inTransaction: true });
          }
        } catch (error) {
          db.discardContact(contact);
          throw error;
        }
        return {
          body: {
            payload: {
              contact: presentContact(db, contact),
              contact_inbox: link ? presentContactInbox(db, link) : { inbox: null, source_id: null },
            },
          },
        };
      });
    },
  },
  {
    method: 'GET',
    path: '/contacts/:id',
    handle: (context) => ({ body: { payload: presentContact(context.db, findContact(context)) } }),
  },
  ...(['PATCH', 'PUT'] as const).map(
    (method): ApiRoute => ({
      method,
      path: '/contacts/:id',
      handle(context) {
        const contact = context.db.updateContact(findContact(context), context.body);
        return { body: { payload: presentContact(context.db, contact) } };
      },
    }),
  ),
  {
    method: 'GET',
    path: '/contacts/:id/conversations',
    handle(context) {
      const contact = findContact(context);
      // Filtered like the conversation list (Chatwoot v4.15.1, `contacts/conversations_controller.rb`).
      const conversations = visibleConversations(context.db, context.account, context.principal)
        .filter((conversation) => conversation.contactId === contact.id)
        .sort((a, b) => b.last_activity_at - a.last_activity_at || b.id - a.id)
        .slice(0, 20);
      return { body: { payload: conversations.map((conversation) => presentConversation(context.db, conversation)) } };
    },
  },
  {
    method: 'POST',
    path: '/contacts/:id/contact_inboxes',
    handle(context) {
      const contact = findContact(context);
      const link = buildContactInbox(context.db, contact, findInbox(context), sourceIdParam(context.body.source_id));
      // A blank source_id leaves the builder's answer nil, and the view crashes on it.
      if (!link) throw internalServerError();
      return { body: presentContactInbox(context.db, link) };
    },
  },
];
