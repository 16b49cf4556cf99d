import { filterErrors } from './filterErrors';
import { CONTACT_FILTER_KEYS, type CustomAttributeDisplayType } from './filterKeys';
import { conditionClause, type ContactPredicate } from './conditionClause';
import { isBlank } from './sqlValues';

/** A piece of the WHERE clause Chatwoot concatenates: a comparison, or the AND / OR written after it. */
export type ClauseToken = { test: ContactPredicate } | { joiner: 'AND' | 'OR' };

/** The parsed payload: the clause tokens in order, plus the conditions' keys and first values for index look-ups. */
export interface ReadConditions {
  tokens: ClauseToken[];
  conditions: Array<{ key: string; operator: string; values: unknown }>;
}

/**
 * Reads `payload` the way Contacts::FilterService#perform does, in its order: every query_operator is checked first
 * (422), then each condition in turn (operator allowed for a standard key → values present → key known), and only
 * then is the SQL run, which fails (500) on a type mismatch.
 */
export function readConditions(
  payload: unknown,
  customAttributes: ReadonlyMap<string, CustomAttributeDisplayType>,
  now: number,
): ReadConditions {
  // `payload.each` on nil or a string: NoMethodError. An empty array filters nothing out.
  if (!Array.isArray(payload)) throw filterErrors.crashed();
  const items = payload.map((item) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw filterErrors.crashed();
    return item as Record<string, unknown>;
  });
  const joiners = items.map((item) => queryOperator(item.query_operator));

  const tokens: ClauseToken[] = [];
  let failsInSql = false;
  items.forEach((item, index) => {
    const key = String(item.attribute_key ?? '');
    const operator = String(item.filter_operator ?? '');
    const standard = CONTACT_FILTER_KEYS[key];
    if (standard && !standard.operators.includes(operator)) throw filterErrors.invalidOperator(key, standard.operators);
    if (operator !== 'is_present' && operator !== 'is_not_present' && isBlank(item.values)) {
      throw filterErrors.invalidValue(key);
    }
    const clause = conditionClause({ key, operator, values: item.values, customAttributes, now });
    if (!clause) throw filterErrors.invalidAttribute(key);
    failsInSql ||= clause.failsInSql === true;
    tokens.push({ test: clause.test });
    const joiner = joiners[index];
    if (joiner) tokens.push({ joiner });
    if (clause.orIsNull) tokens.push({ joiner: 'OR' }, { test: clause.orIsNull });
  });
  if (failsInSql) throw filterErrors.crashed();
  return {
    tokens,
    conditions: items.map((item) => ({
      key: String(item.attribute_key ?? ''),
      operator: String(item.filter_operator ?? ''),
      values: item.values,
    })),
  };
}

/** validate_query_operator: nil or "" means none; otherwise AND or OR in any case, else 422. */
function queryOperator(value: unknown): 'AND' | 'OR' | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value !== 'string') throw filterErrors.crashed(); // Integer#upcase
  const word = value.toUpperCase();
  if (word !== 'AND' && word !== 'OR') throw filterErrors.invalidQueryOperator();
  return word;
}
