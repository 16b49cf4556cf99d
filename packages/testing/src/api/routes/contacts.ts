import { errors } from '../http';
import { presentContact, presentContactInbox, presentConversation } from '../presenters';
import type { IndexedField } from '../db';
import type { FakeContactRecord } from '../types';
import { intParam, pageParam, paginateList, type ApiRoute, type RouteContext } from './route';

const CONTACTS_PER_PAGE = 15;
const FILTER_ATTRIBUTES = new Set([
  'name',
  'email',
  'phone_number',
  'identifier',
  'country_code',
  'city',
  'company',
  'blocked',
  'created_at',
  'last_activity_at',
  'referer',
]);
const FILTER_OPERATORS = new Set([
  'equal_to',
  'not_equal_to',
  'contains',
  'does_not_contain',
  'is_present',
  'is_not_present',
]);
/** Attributes Chatwoot compares case-insensitively with equal_to. */
const CASE_INSENSITIVE = new Set(['email', 'identifier']);

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

interface Condition {
  attribute_key: string;
  filter_operator: string;
  values: unknown[];
  query_operator: 'AND' | 'OR' | null;
}

function readConditions(body: Record<string, unknown>): Condition[] {
  const payload = body.payload;
  if (!Array.isArray(payload) || payload.length === 0) throw errors.unprocessable('param is missing or the value is empty: payload');
  return payload.map((raw) => {
    const item = (raw ?? {}) as Record<string, unknown>;
    const key = String(item.attribute_key ?? '');
    const operator = String(item.filter_operator ?? '');
    if (!FILTER_OPERATORS.has(operator)) throw errors.unprocessable(`Invalid operator. The allowed operators for ${key} are [${[...FILTER_OPERATORS].join(',')}].`);
    if (!FILTER_ATTRIBUTES.has(key) && !key.startsWith('custom_attribute') && !/^[a-z0-9_]+$/i.test(key)) {
      throw errors.unprocessable(`Invalid attribute key - [${key}]`);
    }
    const values = Array.isArray(item.values) ? item.values : item.values === undefined ? [] : [item.values];
    if (values.length === 0 && !operator.startsWith('is_')) throw errors.unprocessable(`Invalid value. The values provided for ${key} are invalid`);
    const queryOperator = item.query_operator == null ? null : String(item.query_operator).toUpperCase();
    if (queryOperator !== null && queryOperator !== 'AND' && queryOperator !== 'OR') {
      throw errors.unprocessable(`Invalid query operator. The allowed query operators are [AND,OR].`);
    }
    return { attribute_key: key, filter_operator: operator, values, query_operator: queryOperator };
  });
}

function attributeValue(contact: FakeContactRecord, key: string): unknown {
  if (key in contact && FILTER_ATTRIBUTES.has(key)) return contact[key as keyof FakeContactRecord];
  if (key in contact.additional_attributes) return contact.additional_attributes[key];
  return contact.custom_attributes[key];
}

function matches(contact: FakeContactRecord, condition: Condition): boolean {
  const raw = attributeValue(contact, condition.attribute_key);
  const insensitive = CASE_INSENSITIVE.has(condition.attribute_key);
  const norm = (value: unknown) => (value === null || value === undefined ? null : insensitive ? String(value).toLowerCase() : String(value));
  const value = norm(raw);
  const wanted = condition.values.map(norm);
  switch (condition.filter_operator) {
    case 'equal_to':
      return value !== null && wanted.includes(value);
    case 'not_equal_to':
      return value === null || !wanted.includes(value);
    case 'contains':
      return value !== null && wanted.some((w) => w !== null && value.toLowerCase().includes(w.toLowerCase()));
    case 'does_not_contain':
      return value === null || !wanted.some((w) => w !== null && value.toLowerCase().includes(w.toLowerCase()));
    case 'is_present':
      return value !== null && value !== '';
    default:
      return value === null || value === '';
  }
}

/** Evaluates the chain like the SQL Chatwoot builds from it: AND binds tighter than OR. */
function evaluate(contact: FakeContactRecord, conditions: Condition[]): boolean {
  let anyGroup = false;
  let group = true;
  for (let index = 0; index < conditions.length; index++) {
    const condition = conditions[index]!;
    group = group && matches(contact, condition);
    const joiner = index === conditions.length - 1 ? null : condition.query_operator;
    if (joiner !== 'AND') {
      anyGroup = anyGroup || group;
      group = true;
    }
  }
  return anyGroup;
}

const INDEXED = new Set(['email', 'phone_number', 'identifier']);

/**
 * Contacts worth evaluating: when every condition is an exact match on an indexed field (the common "find this
 * person" filter), the union of index hits is a superset of the answer; otherwise every contact of the account.
 */
function candidatesFor(context: RouteContext, conditions: Condition[]): FakeContactRecord[] {
  const { db, account } = context;
  if (!conditions.every((c) => c.filter_operator === 'equal_to' && INDEXED.has(c.attribute_key))) {
    return db.contactsOf(account.id);
  }
  const ids = new Set<number>();
  for (const condition of conditions) {
    for (const value of condition.values) {
      if (value === null || value === undefined) continue;
      for (const id of db.contactIdsBy(account.id, condition.attribute_key as IndexedField, String(value))) ids.add(id);
    }
  }
  return [...ids].sort((a, b) => a - b).map((id) => db.contact(id)!);
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
      const conditions = readConditions(context.body);
      const found = candidatesFor(context, conditions).filter((contact) => evaluate(contact, conditions));
      return listPage(context, found);
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
      const conversations = [...context.db.conversations.values()]
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
