import type { FakeContactRecord } from '../types';
import { filterErrors } from './filterErrors';
import { CONTACT_FILTER_KEYS, CUSTOM_ATTRIBUTE_CASTS, type CustomAttributeCast, type CustomAttributeDisplayType } from './filterKeys';
import { dayOfSeconds, ilike, jsonText, pgBoolean, pgDate, pgNumeric } from './sqlValues';

export type ContactPredicate = (contact: FakeContactRecord) => boolean;

/** One condition of the payload, as Chatwoot turns it into SQL. */
export interface ConditionClause {
  test: ContactPredicate;
  /** Custom attributes with not_equal_to: Chatwoot appends ` OR <attribute> IS NULL` after the query operator. */
  orIsNull?: ContactPredicate;
  /** The SQL cannot run (e.g. `text = integer`): PostgreSQL fails the whole query, after every condition is built. */
  failsInSql?: boolean;
}

export interface ConditionInput {
  key: string;
  operator: string;
  values: unknown;
  /** The account's contact custom attribute definitions: key → display type. */
  customAttributes: ReadonlyMap<string, CustomAttributeDisplayType>;
  /** Unix milliseconds, for days_before. */
  now: number;
}

/** A column (or JSON key) read from a contact, already in the form the SQL compares. */
type Column = (contact: FakeContactRecord) => unknown;

const NEVER: ContactPredicate = () => false;
const ALWAYS: ContactPredicate = () => true;

/**
 * Builds one condition's comparison the way Contacts::FilterService and Filters::FilterHelper build its SQL, or
 * undefined when the key is neither a filter key nor a custom attribute of the account (Chatwoot's empty query).
 * Throws Chatwoot's 500 where its Ruby crashes on the value, and its 422 for a date that does not parse.
 */
export function conditionClause(input: ConditionInput): ConditionClause | undefined {
  const { key, operator } = input;
  const standard = CONTACT_FILTER_KEYS[key];
  if (standard?.dataType === 'text') return textClause((contact) => contact[key as 'phone_number'], input);
  if (standard?.dataType === 'text_case_insensitive') {
    const column: Column =
      standard.attributeType === 'standard'
        ? (contact) => lower(contact[key as 'name' | 'email' | 'identifier'])
        : (contact) => lower(jsonText(contact.additional_attributes[key]));
    return textClause(column, input);
  }
  // Contacts in the stand-in carry no labels: "has label x" is never true, "has no label x" always.
  if (standard?.dataType === 'labels') return { test: operator === 'equal_to' || operator === 'is_present' ? NEVER : ALWAYS };
  if (standard?.dataType === 'boolean') return booleanClause((contact) => contact.blocked, input);
  if (standard?.dataType === 'date') {
    return dateClause((contact) => dayOfSeconds(contact[key as 'created_at' | 'last_activity_at']), input);
  }
  const displayType = input.customAttributes.get(key);
  if (displayType === undefined) {
    // Chatwoot reads the values before it finds the key unknown, and crashes first on a non-string to match.
    if (operator === 'contains' || operator === 'does_not_contain') likePatterns(input);
    return undefined;
  }
  return customAttributeClause(CUSTOM_ATTRIBUTE_CASTS[displayType], input);
}

/**
 * The value `=` / `!=` compare with (Contacts::FilterService#filter_values): the FIRST of `values` only;
 * a phone number loses every `+` and gets one in front; country_code becomes a string; other strings are downcased.
 */
export function equalityValue({ key, values }: Pick<ConditionInput, 'key' | 'values'>): unknown {
  const first = Array.isArray(values) ? values[0] : values;
  if (key === 'phone_number') {
    if (first !== null && first !== undefined && typeof first !== 'string') throw filterErrors.crashed(); // Integer#delete
    return `+${(first ?? '').replaceAll('+', '')}`;
  }
  if (key === 'country_code') return rubyToS(first).toLowerCase();
  return typeof first === 'string' ? first.toLowerCase() : first;
}

/** Operators Chatwoot has no branch for (starts_with among them) fall back to `= value.to_s`. */
function fallbackValue(input: ConditionInput): string {
  return rubyToS(equalityValue(input));
}

/** ILIKE patterns for contains / does_not_contain: EVERY value, stripped, wrapped in `%`; wildcards are not escaped. */
function likePatterns({ values }: ConditionInput): string[] {
  const list = Array.isArray(values) ? values : [values];
  return list.map((item) => {
    if (typeof item !== 'string') throw filterErrors.crashed(); // String#strip on a non-string
    return `%${item.trim()}%`;
  });
}

function textClause(column: Column, input: ConditionInput): ConditionClause {
  switch (input.operator) {
    case 'equal_to':
    case 'not_equal_to': {
      const wanted = equalityValue(input);
      return textEquality(column, wanted, input.operator === 'equal_to');
    }
    case 'contains':
    case 'does_not_contain': {
      const patterns = likePatterns(input);
      const any = (text: string) => patterns.some((pattern) => ilike(text, pattern));
      return input.operator === 'contains'
        ? { test: (contact) => isText(column(contact)) && any(column(contact) as string) }
        : { test: (contact) => isText(column(contact)) && !any(column(contact) as string) };
    }
    default:
      return textEquality(column, fallbackValue(input), true);
  }
}

function textEquality(column: Column, wanted: unknown, equal: boolean): ConditionClause {
  if (wanted === null || wanted === undefined) return { test: NEVER }; // `= NULL` is never true
  if (typeof wanted !== 'string') return { test: NEVER, failsInSql: true }; // text = integer / boolean
  return { test: (contact) => isText(column(contact)) && (column(contact) === wanted) === equal };
}

function booleanClause(column: Column, input: ConditionInput): ConditionClause {
  const wanted = equalityValue(input);
  if (wanted === null || wanted === undefined) return { test: NEVER };
  const parsed = pgBoolean(wanted);
  if (parsed === undefined) return { test: NEVER, failsInSql: true }; // invalid input syntax for type boolean
  const equal = input.operator !== 'not_equal_to';
  return { test: (contact) => column(contact) !== null && (column(contact) === parsed) === equal };
}

/** is_greater_than / is_less_than / days_before on a day: `(column)::date < 'day'`. */
function dateClause(column: Column, input: ConditionInput): ConditionClause {
  const first = Array.isArray(input.values) ? input.values[0] : input.values;
  let day: string | undefined;
  let before = input.operator === 'is_less_than';
  if (input.operator === 'days_before') {
    const days = Number.parseInt(rubyToS(first), 10) || 0;
    day = new Date(input.now - days * 86_400_000).toISOString().slice(0, 10);
    before = true;
  } else day = pgDate(first);
  if (day === undefined) throw filterErrors.invalidValue(input.key);
  const wanted = day;
  return {
    test: (contact) => {
      const value = column(contact);
      return typeof value === 'string' && (before ? value < wanted : value > wanted);
    },
  };
}

/** `(contacts.custom_attributes ->> 'key')::<cast>`, text ones through LOWER(). */
function customAttributeClause(cast: CustomAttributeCast, input: ConditionInput): ConditionClause {
  const raw = (contact: FakeContactRecord) => jsonText(contact.custom_attributes[input.key]);
  const isNull: ContactPredicate = (contact) => raw(contact) === null;
  switch (input.operator) {
    case 'is_present':
      return { test: (contact) => !isNull(contact) };
    case 'is_not_present':
      return { test: isNull };
    case 'contains':
    case 'does_not_contain':
      if (cast !== 'text') return { test: NEVER, failsInSql: true }; // numeric ILIKE: no such operator
      return textClause((contact) => lower(raw(contact)), input);
    case 'is_greater_than':
    case 'is_less_than':
    case 'days_before':
      if (cast === 'date') return dateClause((contact) => castOrCrash(raw(contact), pgDate), input);
      if (cast === 'numeric') return numericOrder(raw, input);
      throw filterErrors.invalidValue(input.key);
    case 'equal_to':
    case 'not_equal_to': {
      const clause = customEquality(cast, raw, equalityValue(input), input.operator === 'equal_to');
      return input.operator === 'not_equal_to' ? { ...clause, orIsNull: isNull } : clause;
    }
    default:
      return customEquality(cast, raw, fallbackValue(input), true);
  }
}

function customEquality(
  cast: CustomAttributeCast,
  raw: (contact: FakeContactRecord) => string | null,
  wanted: unknown,
  equal: boolean,
): ConditionClause {
  if (cast === 'text') return textEquality((contact) => lower(raw(contact)), wanted, equal);
  if (wanted === null || wanted === undefined) return { test: NEVER };
  const parse: (value: unknown) => unknown = cast === 'numeric' ? pgNumeric : cast === 'boolean' ? pgBoolean : pgDate;
  const parsed = parse(wanted);
  if (parsed === undefined) return { test: NEVER, failsInSql: true };
  return {
    test: (contact) => {
      const value = castOrCrash(raw(contact), parse);
      return value !== null && (value === parsed) === equal;
    },
  };
}

function numericOrder(raw: (contact: FakeContactRecord) => string | null, input: ConditionInput): ConditionClause {
  const first = Array.isArray(input.values) ? input.values[0] : input.values;
  const wanted = pgNumeric(first);
  if (wanted === undefined) throw filterErrors.invalidValue(input.key);
  const greater = input.operator === 'is_greater_than';
  return {
    test: (contact) => {
      const value = castOrCrash(raw(contact), pgNumeric);
      return value !== null && (greater ? value > wanted : value < wanted);
    },
  };
}

/** A stored value cast in SQL: NULL stays NULL, a value that does not cast fails the query. */
function castOrCrash<T>(text: string | null, parse: (value: unknown) => T | undefined): T | null {
  if (text === null) return null;
  const value = parse(text);
  if (value === undefined) throw filterErrors.crashed();
  return value;
}

function lower(value: string | null): string | null {
  return value === null ? null : value.toLowerCase();
}

function isText(value: unknown): value is string {
  return typeof value === 'string';
}

/** Ruby's `to_s`: nil → "", other scalars as written. */
function rubyToS(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}
