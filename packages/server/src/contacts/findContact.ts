import type { ChatwootClient } from '../client/createChatwootClient';
import type { RequestOptions } from '../client/profile';
import type { Contact, ContactFilterCondition } from '../types/contact';
import type { ContactKeys } from './contactInput';
import { toDesiredContact } from './contactInput';
import type { ContactMatchOptions } from './Customer';

/** Exactly one way to name the person to find. */
export type ContactQuery =
  | { identifier: string; email?: never; phone?: never }
  | { email: string; identifier?: never; phone?: never }
  | { phone: string; identifier?: never; email?: never };

/**
 * Finds the contact whose identifier, email or phone is exactly the given one, or null. Exact means Chatwoot's
 * filter endpoint (`equal_to`, case-insensitive for email and identifier), never the substring search. A phone is
 * normalised to E.164 first and every stored form of it is tried (Mexico `+521…`/`+52…`, Argentina `+549…`/`+54…`).
 *
 * One request, whatever the number of forms.
 *
 * @throws {PhoneNumberError} the phone is not a valid number.
 * @throws {InvalidCustomerError} the query names nothing.
 */
export async function findContact(
  client: Pick<ChatwootClient, 'contacts'>,
  query: ContactQuery,
  options: ContactMatchOptions & RequestOptions = {},
): Promise<Contact | null> {
  const { keys } = toDesiredContact(query, options);
  return findContactByKeys(client, keys, options);
}

/** Filter result pages read for one lookup at most (15 contacts a page). */
const MAX_LOOKUP_PAGES = 20;

/**
 * Looks up every key at once (one `contacts/filter` request OR-ing them) and picks the best match: identifier first,
 * then email, then the phone forms in order. Used by `findContact` and `upsertContact`.
 */
export async function findContactByKeys(
  client: Pick<ChatwootClient, 'contacts'>,
  keys: ContactKeys,
  options: RequestOptions = {},
): Promise<Contact | null> {
  return pickMatch(await findCandidates(client, [keys], options), keys);
}

/**
 * Every contact matching any key of any of `keysList`, in as few requests as Chatwoot's paging allows (usually one):
 * what lets `syncContacts` look up a whole batch of customers at once. Pick each one's contact with {@link pickMatch}.
 */
export async function findCandidates(
  client: Pick<ChatwootClient, 'contacts'>,
  keysList: readonly ContactKeys[],
  options: RequestOptions = {},
): Promise<Contact[]> {
  const conditions = filterConditions(keysList);
  if (conditions.length === 0) return [];
  const found: Contact[] = [];
  for (let page = 1; page <= MAX_LOOKUP_PAGES; page++) {
    const { meta, payload } = await client.contacts.filter(conditions, {
      ...(page > 1 ? { page } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    found.push(...payload);
    if (payload.length === 0 || found.length >= Number(meta.count)) break;
  }
  return found;
}

function filterConditions(keysList: readonly ContactKeys[]): ContactFilterCondition[] {
  // Chatwoot compares each condition with `=` against its first value only, so each form is its own condition.
  const pairs = new Map<string, [ContactFilterCondition['attribute_key'], string]>();
  const add = (attribute: ContactFilterCondition['attribute_key'], value: string) =>
    pairs.set(`${attribute}\u0000${value}`, [attribute, value]);
  for (const keys of keysList) {
    if (keys.identifier !== undefined) add('identifier', keys.identifier);
    if (keys.email !== undefined) add('email', keys.email);
    for (const phone of keys.phones ?? []) add('phone_number', phone);
  }
  const list = [...pairs.values()];
  return list.map(([attribute_key, value], index) => ({
    attribute_key,
    filter_operator: 'equal_to',
    values: [value],
    query_operator: index === list.length - 1 ? null : 'OR',
  }));
}

/** The contact among `candidates` that `keys` designate: identifier first, then email, then the phone forms in order. */
export function pickMatch(candidates: readonly Contact[], keys: ContactKeys): Contact | null {
  if (keys.identifier !== undefined) {
    // Chatwoot's filter ignores case but its unique index does not: prefer the exact spelling.
    const wanted = keys.identifier.toLowerCase();
    const found =
      candidates.find((contact) => contact.identifier === keys.identifier) ??
      candidates.find((contact) => contact.identifier?.toLowerCase() === wanted);
    if (found) return found;
  }
  if (keys.email !== undefined) {
    const found = candidates.find((contact) => contact.email?.toLowerCase() === keys.email);
    if (found) return found;
  }
  for (const phone of keys.phones ?? []) {
    const found = candidates.find((contact) => contact.phone_number === phone);
    if (found) return found;
  }
  return null;
}
