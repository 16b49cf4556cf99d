import type { FakeDb, IndexedField } from '../db';
import type { FakeContactRecord } from '../types';
import { equalityValue } from './conditionClause';
import { groupClause, matchesGroups } from './evaluateClause';
import { readConditions } from './readConditions';

const INDEXED: ReadonlySet<string> = new Set<IndexedField>(['email', 'phone_number', 'identifier']);

/**
 * What `POST /contacts/filter` finds, before sorting and paging: the account's resolved contacts (an email, phone
 * number or identifier that is not empty — Contacts::FilterService#base_relation) that the payload's clause keeps.
 * Throws Chatwoot's 422 / 500 answers.
 */
export function filterContacts(db: FakeDb, accountId: number, payload: unknown): FakeContactRecord[] {
  const { tokens, conditions } = readConditions(payload, db.contactAttributeTypes(accountId), db.now());
  const groups = groupClause(tokens);
  return candidates(db, accountId, conditions)
    .filter((contact) => contact.email || contact.phone_number || contact.identifier)
    .filter((contact) => matchesGroups(contact, groups));
}

/**
 * Contacts worth evaluating. When every condition is equal_to on an indexed field (the usual "find this person"
 * lookup), the index hits of their compared values are a superset of the answer, so 10,000 contacts stay cheap.
 */
function candidates(db: FakeDb, accountId: number, conditions: ReturnType<typeof readConditions>['conditions']) {
  const indexable = conditions.length > 0 && conditions.every((c) => c.operator === 'equal_to' && INDEXED.has(c.key));
  if (!indexable) return db.contactsOf(accountId);
  const ids = new Set<number>();
  for (const condition of conditions) {
    const value = equalityValue(condition);
    if (typeof value !== 'string') continue;
    for (const id of db.contactIdsBy(accountId, condition.key as IndexedField, value)) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b).map((id) => db.contact(id)!);
}
