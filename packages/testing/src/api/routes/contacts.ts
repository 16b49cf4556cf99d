import { errors } from '../http';
import { presentContact, presentContactInbox, presentConversation } from '../presenters';
import { filterContacts } from '../contactFilter/filterContacts';
import { visibleConversations } from '../permissions';
import type { FakeContactRecord } from '../types';
import { intParam, pageParam, paginateList, type ApiRoute, type RouteContext } from './route';

const CONTACTS_PER_PAGE = 15;
function findContact(context: RouteContext): FakeContactRecord {
  const id = intParam(context.params.id);
  const contact = id === undefined ? undefined : context.db.contact(id);
  if (!contact || contact.accountId !== context.account.id) throw errors.notFound();
  return contact;
}

/** Contacts the list and search show: only "resolved" ones, with an email, phone number or identifier. */
function resolvedContacts(context: RouteContext): FakeContactRecord[] {
  return context.db.contactsOf(context.account.id).filter((c) => c.email || c.phone_number || c.identifier);
}

function sortContacts(contacts: FakeContactRecord[], sort: unknown): FakeContactRecord[] {
  if (typeof sort !== 'string' || sort === '') return contacts;
  const descending = sort.startsWith('-');
  const key = (descending ? sort.slice(1) : sort) as keyof FakeContactRecord;
  if (!['name', 'email', 'phone_number', 'last_activity_at', 'created_at'].includes(key)) return contacts;
  return [...contacts].sort((a, b) => {
    const left = a[key] as string | number | null;
    const right = b[key] as string | number | null;
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
      const q = typeof context.query.q === 'string' ? context.query.q.toLowerCase() : '';
      const found = resolvedContacts(context).filter((contact) =>
        [contact.name, contact.email, contact.phone_number, contact.identifier].some(
          (field) => field !== null && field.toLowerCase().includes(q),
        ),
      );
      const page = pageParam(context.query);
      return listPage(context, sortContacts(found, context.query.sort), {
        has_more: found.length > page * CONTACTS_PER_PAGE,
      });
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
    handle(context) {
      const inboxId = context.body.inbox_id;
      let inbox;
      if (inboxId !== undefined && inboxId !== null && inboxId !== '') {
        const id = intParam(inboxId);
        inbox = id === undefined ? undefined : context.db.inbox(id);
        if (!inbox || inbox.accountId !== context.account.id) throw errors.notFound();
      }
      const contact = context.db.createContact(context.account.id, context.body);
      const link = inbox ? context.db.ensureContactInbox(contact, inbox) : undefined;
      return {
        body: {
          payload: {
            contact: presentContact(context.db, contact),
            contact_inbox: link ? presentContactInbox(context.db, link) : { inbox: null, source_id: null },
          },
        },
      };
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
      const id = intParam(context.body.inbox_id);
      const inbox = id === undefined ? undefined : context.db.inbox(id);
      if (!inbox || inbox.accountId !== context.account.id) throw errors.notFound();
      const sourceId = typeof context.body.source_id === 'string' ? context.body.source_id : undefined;
      return { body: presentContactInbox(context.db, context.db.ensureContactInbox(contact, inbox, sourceId)) };
    },
  },
];
